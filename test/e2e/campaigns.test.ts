/**
 * Survey campaigns in headless Chromium, against the whole product as `npm start` runs it (its clock set to Monday
 * 10:00 Almaty, inside calling hours): marketing builds a questionnaire with all five question types in kk and ru,
 * imports a CSV with bad rows and reads the per-row report, launches; an administrator assigns the agent and sets a
 * quota of 2; the agent (console in Kazakh) works the calling screen through every outcome code, and once the quota
 * counter reaches its cap the screen stops handing out contacts. Screenshots at 1280 and 390 px go to test-artifacts/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import type { Role } from '../../core/users/model.ts';
import { hashPassword } from '../../core/users/password.ts';
import { startProduct, type Product } from '../../main.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';
import { freePort } from '../helpers/spawn-product.ts';

const available = browserAvailable(CHROMIUM, 'the campaign browser tests');
const ru = translator('ru');
const kk = translator('kk');
const artifacts = join(import.meta.dirname, '../../test-artifacts');
const ADMIN = { email: 'admin@example.kz', password: 'e2e-admin-password' };
const PASSWORD = 'e2e-user-password';

let product: Product;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'campaigns-e2e-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    hostname: '127.0.0.1', clock: new ManualClock('2026-03-02T05:00:00Z'),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(artifacts, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function user(name: string, roles: Role[], language: 'kk' | 'ru') {
  const email = `${roles[0]}-${randomUUID().slice(0, 6)}@example.kz`;
  await product.store.users.create({
    id: randomUUID(), email, name, passwordHash: await hashPassword(PASSWORD), roles, language, active: true, failedLogins: 0,
    lockedUntil: null, createdAt: product.clock.now(),
  });
  return { email, password: PASSWORD };
}

async function signIn(page: Page, who: { email: string; password: string }, t = ru): Promise<void> {
  await page.goto(`${product.url}/admin/sign-in`);
  await page.getByLabel(t('admin:signin.email')).fill(who.email);
  await page.getByLabel(t('admin:signin.password')).fill(who.password);
  await page.getByRole('button', { name: t('admin:signin.submit') }).click();
  await page.waitForURL(/\/admin\/(campaigns|tickets|calling)/);
}

async function shot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const path = join(artifacts, `campaigns-${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(10_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name} at ${width} px fits`).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const question = (page: Page, i: number) => page.locator('form[data-question]').nth(i);

async function fillQuestion(page: Page, i: number, kkText: string, ruText: string, options: Array<[string, string]> = []) {
  const form = question(page, i);
  await form.locator('textarea[name=text_kk]').fill(kkText);
  await form.locator('textarea[name=text_ru]').fill(ruText);
  for (const [k, [kkOption, ruOption]] of options.entries()) {
    await form.locator('input[name="option_kk[]"]').nth(k).fill(kkOption);
    await form.locator('input[name="option_ru[]"]').nth(k).fill(ruOption);
  }
  await form.getByRole('button', { name: ru('campaigns:builder.save') }).click();
  await page.waitForURL(/saved=1/);
}

describe.skipIf(!available)('survey campaigns in Chromium', () => {
  it('Should take marketing from a questionnaire to a launched campaign, and an agent through every outcome code to the quota cap', async () => {
    const marketing = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await signIn(marketing, await user('Мария Маркетинг', ['marketing'], 'ru'));
    expect(marketing.url()).toContain('/admin/campaigns');

    // === The questionnaire: greeting and closing, five question types, kk and ru side by side, a skip
    await marketing.getByRole('link', { name: ru('campaigns:nav.questionnaires') }).click();
    await marketing.getByLabel(ru('campaigns:questionnaire.new_name')).fill('Megaline сапасы');
    await marketing.getByRole('button', { name: ru('campaigns:questionnaire.create') }).click();
    await marketing.locator('textarea[name=greeting_kk]').fill('Сәлеметсіз бе! Қазақтелеком байланыс орталығынан хабарласып тұрмын, бір минут уақытыңыз бар ма?');
    await marketing.locator('textarea[name=greeting_ru]').fill('Здравствуйте! Это контакт-центр Казахтелекома, у вас есть минута?');
    await marketing.locator('textarea[name=closing_kk]').fill('Рақмет, сау болыңыз!');
    await marketing.locator('textarea[name=closing_ru]').fill('Спасибо, всего доброго!');
    await marketing.getByRole('button', { name: ru('campaigns:builder.save') }).first().click();
    await marketing.waitForURL(/saved=1/);
    for (const type of ['single', 'multiple', 'nps', 'csat', 'text']) {
      await marketing.getByRole('button', { name: `+ ${ru(`campaigns:type.${type}`)}` }).click();
      await marketing.waitForURL(/saved=1/);
    }
    await fillQuestion(marketing, 0, 'Интернет жылдамдығы қанағаттандыра ма?', 'Устраивает ли скорость интернета?', [['Иә', 'Да'], ['Жоқ', 'Нет']]);
    await fillQuestion(marketing, 1, 'Интернетті не үшін қолданасыз?', 'Для чего вы пользуетесь интернетом?', [['Жұмыс', 'Работа'], ['Оқу', 'Учёба'], ['Фильмдер', 'Фильмы']]);
    await fillQuestion(marketing, 2, 'Бізді достарыңызға ұсынар ма едіңіз?', 'Порекомендуете ли вы нас друзьям?');
    await fillQuestion(marketing, 3, 'Қызмет сапасын бағалаңыз', 'Оцените качество обслуживания');
    await question(marketing, 4).getByLabel(ru('campaigns:builder.required')).uncheck();
    await fillQuestion(marketing, 4, 'Тілектеріңіз', 'Ваши пожелания');
    await question(marketing, 0).locator('select[name="option_goto[]"]').nth(1).selectOption({ label: ru('campaigns:builder.goto_question', { n: 4 }) });
    await question(marketing, 0).getByRole('button', { name: ru('campaigns:builder.save') }).click();
    await marketing.waitForURL(/saved=1/);
    expect(await marketing.locator('.checklist').count()).toBe(0);
    await shot(marketing, 'builder');
    await marketing.getByRole('link', { name: ru('campaigns:builder.preview') }).click();
    await marketing.getByRole('link', { name: ru('campaigns:lang.kk') }).first().click();
    await expect.poll(() => marketing.locator('.bot-preview').innerText()).toContain('1 — Иә');
    await shot(marketing, 'preview');

    // === The campaign and its call list, with bad rows
    await marketing.goto(`${product.url}/admin/campaigns/new`);
    await marketing.getByLabel(ru('campaigns:field.name')).fill('Megaline: сапа сауалнамасы');
    await marketing.getByRole('button', { name: ru('campaigns:new.create') }).click();
    await marketing.locator('input[name=endAt]').fill('2026-03-31T21:00');
    await marketing.getByRole('button', { name: ru('campaigns:settings.save') }).click();
    await marketing.getByRole('link', { name: ru('campaigns:audience.add') }).click();
    // Over 64 KB, so the upload route's own body limit (not the server-wide default) is what lets it in.
    const filler = Array.from({ length: 3_000 }, (_, i) => `8 747 ${String(2000000 + i).slice(-7).replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3')};Толтырушы ${i};ru`);
    const good = Array.from({ length: 11 }, (_, i) => `8 701 ${String(1000000 + i).slice(-7).replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3')};Абонент ${i + 1};kk`);
    const csv = ['Телефон;Аты-жөні;Тіл', ...good, '12345;Қате нөмір;kk', '8 701 100 00 03;Қайталау;kk', '87051234567;=HYPERLINK("http://x");ru', ...filler].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(64 * 1024);
    await marketing.locator('input[type=file]').setInputFiles({ name: 'тізім.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await marketing.getByRole('button', { name: ru('campaigns:upload.submit') }).click();
    await marketing.waitForURL(/imports\//);
    await expect.poll(() => marketing.locator('.import .badge').innerText(), { timeout: 20_000 }).toBe(ru('campaigns:import.status.done'));
    const report = await marketing.locator('table').innerText();
    expect(report).toContain(ru('campaigns:import.reason.bad_phone'));
    expect(report).toContain(ru('campaigns:import.reason.duplicate'));
    expect(report).toContain(ru('campaigns:import.reason.formula'));
    await shot(marketing, 'import-report');
    const campaignUrl = await marketing.getByRole('link', { name: /Megaline: сапа/ }).getAttribute('href');

    // === The administrator assigns the agent and sets a small quota
    const agentUser = await user('Асель Оператор', ['agent'], 'kk');
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await signIn(admin, ADMIN);
    await admin.goto(`${product.url}${campaignUrl}`);
    await admin.getByLabel(/Асель Оператор/).check();
    await admin.getByRole('button', { name: ru('campaigns:agents.save') }).click();
    await admin.goto(`${product.url}/admin/campaigns/quota`);
    await admin.getByLabel(ru('campaigns:quota.cap')).fill('2');
    await admin.getByRole('button', { name: ru('campaigns:quota.save') }).click();
    await admin.waitForURL(/saved=1/);

    await marketing.goto(`${product.url}${campaignUrl}`);
    await marketing.getByRole('button', { name: ru('campaigns:campaign.launch') }).click();
    await expect.poll(() => marketing.locator('.campaign-head .badge').first().innerText()).toBe(ru('campaigns:state.running'));
    await shot(marketing, 'campaign');

    // === The agent works the calling screen through every outcome code
    const agent = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ' });
    agent.on('dialog', (d) => void d.accept());
    await signIn(agent, agentUser, kk);
    await agent.getByRole('link', { name: kk('admin:nav.calling') }).click();
    await agent.getByRole('link', { name: 'Megaline: сапа сауалнамасы' }).click();
    const next = () => agent.getByRole('button', { name: kk('campaigns:calling.next') }).click();
    const outcome = async (code: string) => {
      await agent.getByRole('button', { name: kk(`campaigns:outcome.${code}`), exact: true }).click();
      await expect.poll(() => agent.locator('main > .notice').first().innerText()).toContain(kk(`campaigns:outcome.${code}`));
    };
    const item = (n: number) => agent.locator('.sheet > li').nth(n);
    for (const code of ['refused', 'wrong_number', 'no_answer', 'busy', 'do_not_call']) {
      await next();
      await outcome(code);
    }
    await next();
    await item(0).getByLabel('Иә').check();
    await outcome('partial');
    await next();
    await agent.locator('input[name=callbackAt]').fill('2026-03-02T15:00');
    await outcome('callback');
    await next();
    await shot(agent, 'calling-screen');
    // "No" skips questions 2 and 3: the screen hides them, and the survey is complete with question 4 alone.
    await item(0).getByLabel('Жоқ').check();
    expect(await item(1).isHidden()).toBe(true);
    expect(await item(2).isHidden()).toBe(true);
    await item(3).getByText('4', { exact: true }).click();
    await outcome('effective');
    await next();
    await item(0).getByLabel('Иә').check();
    await item(1).getByLabel('Жұмыс').check();
    await item(2).getByText('9', { exact: true }).click();
    await item(3).getByText('5', { exact: true }).click();
    await outcome('effective');

    // === The quota counter is at its cap: the screen stops handing out contacts
    await next();
    await expect.poll(() => agent.locator('main > .notice').first().innerText()).toContain(kk('campaigns:calling.said.quota_reached'));
    expect(await agent.locator('[data-quota-used]').innerText()).toBe('2');
    await shot(agent, 'quota-reached');
    const campaignId = campaignUrl!.split('/').pop()!;
    expect(await product.store.campaignContacts.countByState(campaignId)).toMatchObject({ done: 5, excluded: 0 });
    expect(await product.store.doNotCall.count()).toBe(1);
    expect(await product.campaigns.quota()).toMatchObject({ used: 2, pending: 0, full: true });
  }, 180_000);
});

/**
 * The results of a messenger survey in headless Chromium (issue 17): marketing opens the results page, a subscriber
 * answers in Telegram (the local Bot API server), and the page updates by itself — counts, the delivery bar, the
 * question's bars drawn as SVG on the server — with no CSP violation; the XLSX export, opened with exceljs, holds the
 * answers cell by cell. Screenshots at 1280 and 390 px go to test-artifacts/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import type { Campaign, Questionnaire } from '../../core/campaigns/model.ts';
import { hashPassword } from '../../core/users/password.ts';
import type { Product } from '../../main.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { launchMessengerSurvey, linkedTelegramAudience, startSurveyProduct } from '../helpers/survey-audience.ts';

const available = browserAvailable(CHROMIUM, 'the survey results browser test');
const ru = translator('ru');
const artifacts = join(import.meta.dirname, '../../test-artifacts');
const N = 12;
const FIRST = 90_000;

let api: FakeTelegramApi;
let product: Product;
let browser: Browser;
let dir: string;
let campaign: Campaign;
let q: Questionnaire;

beforeAll(async () => {
  if (!available) return;
  api = await new FakeTelegramApi().start();
  dir = mkdtempSync(join(tmpdir(), 'survey-results-'));
  product = await startSurveyProduct(api, dir);
  await linkedTelegramAudience(product.store, N, FIRST);
  campaign = await launchMessengerSurvey(product.campaigns, N);
  q = (await product.store.questionnaires.get(campaign.questionnaireId))!;
  await api.waitFor(() => new Set(api.messages.map((m) => m.chat_id)).size === N, 'every chat reached', 20_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(artifacts, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('Survey results in the console (issue 17)', () => {
  it('Should update the results live as answers arrive, draw SVG charts under the CSP, and export XLSX cell by cell', async () => {
    const email = `marketing-${randomUUID().slice(0, 6)}@example.kz`;
    await product.store.users.create({
      id: randomUUID(), email, name: 'Маржан Маркетинг', passwordHash: await hashPassword('e2e-user-password'), roles: ['marketing'],
      language: 'ru', active: true, failedLogins: 0, lockedUntil: null, createdAt: new Date(),
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${product.url}/admin/sign-in`);
    await page.getByLabel(ru('admin:signin.email')).fill(email);
    await page.getByLabel(ru('admin:signin.password')).fill('e2e-user-password');
    await page.getByRole('button', { name: ru('admin:signin.submit') }).click();
    await page.waitForURL(/\/admin\/campaigns/);

    await page.goto(`${product.url}/admin/campaigns/${campaign.id}/results`);
    const answered = page.locator('.figure-card').filter({ hasText: ru('campaigns:results.answered') }).locator('.big');
    await expect.poll(() => answered.textContent()).toBe('0');
    expect(await page.locator('.figure-card').filter({ hasText: ru('campaigns:results.reached') }).locator('.big').textContent()).toBe(String(N));
    const firstQuestion = page.locator('section.question-result').first();
    expect(await firstQuestion.locator('svg.bar-chart text.chart-value').allTextContents()).toEqual(['0 · 0 %', '0 · 0 %']);

    // Two subscribers answer the first question in Telegram (chat 0 in Russian, chat 2 in Russian): "yes" and "no".
    await api.userPresses(FIRST, q.questions[0]!.options[0]!.text.ru);
    await api.userPresses(FIRST + 2, q.questions[0]!.options[1]!.text.ru);
    await expect.poll(() => answered.textContent(), { timeout: 15_000 }).toBe('2');
    await expect.poll(() => firstQuestion.locator('svg.bar-chart text.chart-value').allTextContents()).toEqual(['1 · 50 %', '1 · 50 %']);
    expect(await page.locator('svg.stacked-bar rect.part-sent').count()).toBe(1);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(artifacts, `survey-results-${width}.png`), fullPage: true });
    }
    expect(violations).toEqual([]);

    const download = await page.request.get(`${product.url}/admin/campaigns/${campaign.id}/export/answers.xlsx`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await download.body() as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe(ru('campaigns:export.sheet.answers'));
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      ...['phone', 'name', 'account', 'region', 'language', 'channel', 'complete', 'answered_at'].map((k) => ru(`campaigns:export.column.${k}`)),
      ...q.questions.map((x, i) => `${i + 1}. ${x.text.ru}`),
    ]);
    const rows = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const byPhone = new Map(rows.map((r) => [r[0], r]));
    expect(sheet.rowCount).toBe(3);
    const yes = byPhone.get('+77011000000')!;
    expect(yes.slice(0, 7)).toEqual(['+77011000000', 'Абонент 1', '100000010000', 'Алматытелеком', 'ru', 'Telegram', ru('campaigns:export.no')]);
    expect(yes[8]).toBe(q.questions[0]!.options[0]!.text.ru);
    expect(yes.slice(9).filter((x) => x !== '' && x !== undefined)).toEqual([]);
    expect(byPhone.get('+77011000002')![8]).toBe(q.questions[0]!.options[1]!.text.ru);
    await context.close();
  }, 90_000);
});

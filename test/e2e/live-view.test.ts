/**
 * The supervisor's live view in headless Chromium against the whole product (seed 003 cl. 13, 33): it changes by
 * server-sent events when a subscriber is handed off in the web chat and again when an agent answers; the customer's
 * observer sees it (at 390 px) but cannot open tickets. Screenshots at 1280 and 390 px go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { hashPassword } from '../../core/users/password.ts';
import type { Role } from '../../core/users/model.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';

const available = browserAvailable(CHROMIUM, 'the live-view browser test');
const ru = translator('ru');
const PASSWORD = 'live-view-password';
const artifacts = join(import.meta.dirname, '../../test-artifacts');

let product: Product;
let browser: Browser;
let dir: string;

async function user(roles: Role[], name: string) {
  const u = {
    id: randomUUID(), email: `${roles[0]}-${randomUUID().slice(0, 6)}@example.kz`, name, passwordHash: await hashPassword(PASSWORD), roles,
    language: 'ru' as const, active: true, failedLogins: 0, lockedUntil: null, createdAt: new Date(),
  };
  await product.store.users.create(u);
  return u;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${product.url}/admin/sign-in`);
  await page.getByLabel(ru('admin:signin.email')).fill(email);
  await page.getByLabel(ru('admin:signin.password')).fill(PASSWORD);
  await page.getByRole('button', { name: ru('admin:signin.submit') }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

const tile = (page: Page, name: string) => page.locator(`[data-tile="${name}"] [data-value]`).textContent();
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'live-e2e-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'live-view-admin-password' },
    hostname: '127.0.0.1',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('supervisor live view in Chromium', () => {
  it('Should change live when a web-chat subscriber is handed off and when an agent answers; the observer watches but cannot open tickets', async () => {
    const supervisor = await user(['supervisor'], 'Сауле Супервайзер');
    const agent = await user(['agent'], 'Айгүл Оператор');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await signIn(page, supervisor.email);
    await page.goto(`${product.url}/admin/live`);
    await expect.poll(() => page.locator('[data-live-status]').isVisible()).toBe(true);
    expect(await tile(page, 'waiting')).toBe('0');

    // The subscriber asks for a person in the web chat: the view shows one chat waiting, without a reload.
    const subscriber = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await subscriber.goto(`${product.url}/?lang=ru`);
    const chat = subscriber.getByRole('log');
    await expect.poll(() => chat.getByRole('button', { name: 'Русский' }).count()).toBe(1);
    await chat.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => chat.getByRole('button', { name: ru('bot:menu.handoff') }).count()).toBeGreaterThan(0);
    await chat.getByRole('button', { name: ru('bot:menu.handoff') }).last().click();
    await expect.poll(() => tile(page, 'waiting'), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('[data-waiting] tr[data-contact]').textContent()).toContain(ru('tickets:channel.webchat'));
    await page.screenshot({ path: join(artifacts, 'live-waiting-1280.png'), fullPage: true });
    expect(await fitsWidth(page)).toBe(true);

    // The agent answers: the chat leaves the waiting list.
    const ticket = (await product.store.tickets.queue({ queue: 'all', limit: 5 })).items[0]!;
    await product.tickets.reply(ticket.id, 'Здравствуйте!', { type: 'user', id: agent.id });
    await expect.poll(() => tile(page, 'waiting'), { timeout: 10_000 }).toBe('0');
    expect(await page.locator('[data-empty-waiting]').count()).toBe(1);

    // The customer's observer, on a phone: the same view, read-only, and no way into tickets.
    const observer = await user(['observer'], 'Наблюдатель заказчика');
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' });
    await signIn(phone, observer.email);
    expect(new URL(phone.url()).pathname).toBe('/admin/live');
    await expect.poll(() => phone.locator('[data-live-status]').isVisible()).toBe(true);
    expect(await phone.locator('form[action*="/admin/live/agents/"]').count()).toBe(0);
    await phone.screenshot({ path: join(artifacts, 'live-observer-390.png'), fullPage: true });
    expect(await fitsWidth(phone)).toBe(true);
    const refused = await phone.goto(`${product.url}/admin/tickets/${ticket.id}`);
    expect(refused?.status()).toBe(403);
    await page.close();
    await phone.close();
    await subscriber.close();
  });
});

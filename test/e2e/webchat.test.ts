/**
 * The web chat in headless Chromium (Debian's /usr/bin/chromium through playwright-core): the same journey as in
 * Telegram — language, menu, verification with the SMS code from the outbox — with a screenshot checked for
 * content; plus the page's safety: output escaped, foreign-origin posts refused, widget script served.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';
import { codeFromOutbox } from '../helpers/sms-outbox.ts';

const available = browserAvailable(CHROMIUM, 'the web-chat browser tests');

const ru = translator('ru');
const kk = translator('kk');
const PHONE = '+77015550033';
const SECOND_PHONE = '+77015550034';
const artifacts = join(import.meta.dirname, '../../test-artifacts');

let product: Product;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'webchat-e2e-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'e2e-admin-password' },
    hostname: '127.0.0.1',
  });
  const now = new Date();
  await product.store.subscribers.create({
    id: 'sub-wc', fullName: 'Айгүл Омарова', phone: PHONE, iin: null, category: 'individual', language: null,
    notificationsMuted: false, createdAt: now,
  });
  await product.store.accounts.create({
    id: 'acc-wc', number: '100000000999', subscriberId: 'sub-wc', status: 'current', statusSince: now, billingMethod: 'credit',
    address: 'Шымкент, Тәуке хан, 5', region: 'Шымкент', planId: null, services: ['megaline', 'phone'], termContractUntil: null,
    openedAt: now, closedAt: null,
  });
  await product.store.subscribers.create({
    id: 'sub-wc2', fullName: 'Ерлан Омаров', phone: SECOND_PHONE, iin: null, category: 'individual', language: null,
    notificationsMuted: false, createdAt: now,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('web chat in Chromium', () => {
  it('Should take a visitor through language, menu and verification on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'kk-KZ' });
    await page.goto(`${product.url}/`);
    const log = page.getByRole('log');
    await expect.poll(() => log.getByRole('button', { name: 'Қазақша' }).count()).toBe(1);
    await log.getByRole('button', { name: 'Қазақша' }).click();

    await expect.poll(() => log.textContent()).toContain(kk('bot:start.welcome'));
    expect(await log.textContent()).not.toContain(kk('bot:start.crossBorder', { phone: '160' }));
    // The page's own labels follow the chat's language.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.getByRole('button', { name: kk('bot:webchat.send'), exact: true }).count()).toBe(1);

    await log.getByRole('button', { name: kk('bot:menu.verify') }).last().click();
    await expect.poll(() => log.textContent()).toContain(kk('bot:verify.askPhone'));
    const input = page.getByLabel(kk('bot:webchat.placeholder'));
    await input.fill('8 701 555 00 33');
    await input.press('Enter');
    await expect.poll(() => log.textContent()).toContain('+7 701 *** ** 33');

    await input.fill(await codeFromOutbox(product.store, PHONE));
    await page.getByRole('button', { name: kk('bot:webchat.send'), exact: true }).click();
    await expect.poll(() => log.textContent()).toContain(kk('verification:linked', { count: 1 }));
    await expect.poll(() => log.textContent()).toContain(kk('bot:menu.title'));

    mkdirSync(artifacts, { recursive: true });
    const shot = join(artifacts, 'webchat-verified-390.png');
    await page.screenshot({ path: shot, fullPage: false });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    // Rendered, not blank: the chat header and the last bot message are visible on screen.
    expect(await page.getByRole('heading', { name: kk('bot:webchat.title') }).isVisible()).toBe(true);
    expect(await log.getByText(kk('bot:menu.title')).last().isVisible()).toBe(true);

    // A reload shows the conversation again and keeps the session.
    await page.reload();
    await expect.poll(() => page.getByRole('log').textContent()).toContain(kk('verification:linked', { count: 1 }));
    await page.close();
  });

  it('Should answer a message sent right after the code, while the session rotates (found by the fuzz run)', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/?lang=ru`);
    const log = page.getByRole('log');
    await expect.poll(() => log.getByRole('button', { name: 'Русский' }).count()).toBe(1);
    await log.getByRole('button', { name: 'Русский' }).click();
    await log.getByRole('button', { name: ru('bot:menu.verify') }).last().click();
    await expect.poll(() => log.textContent()).toContain(ru('bot:verify.askPhone'));
    const input = page.getByLabel(ru('bot:webchat.placeholder'));
    await input.fill('8 701 555 00 34');
    await input.press('Enter');
    await expect.poll(() => log.textContent()).toContain('+7 701 *** ** 34');
    const code = await codeFromOutbox(product.store, SECOND_PHONE);
    // Two sends in one go, as a quick typist's: the code (which links the chat and rotates the session) and a word.
    await page.evaluate((typed) => {
      const form = document.querySelector<HTMLFormElement>('#composer')!;
      const field = document.querySelector<HTMLInputElement>('#text')!;
      for (const text of typed) {
        field.value = text;
        form.requestSubmit();
      }
    }, [code, 'абырвалг']);
    await expect.poll(() => log.textContent()).toContain(ru('verification:linked', { count: 0 }));
    await expect.poll(() => log.textContent()).toContain(ru('bot:unknown.reply'));
    await page.close();
  });

  it('Should show what a visitor types as text, never as markup', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/?lang=ru`);
    const log = page.getByRole('log');
    await expect.poll(() => log.getByRole('button', { name: 'Русский' }).count()).toBe(1);
    await log.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => log.textContent()).toContain(ru('bot:menu.titleNotLinked'));
    const input = page.getByLabel(ru('bot:webchat.placeholder'));
    await input.fill('<img src=x onerror="document.body.dataset.owned=1"><b>жирный</b>');
    await input.press('Enter');
    await expect.poll(() => log.textContent()).toContain('<b>жирный</b>');
    expect(await page.locator('.log b, .log img').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.owned ?? null)).toBeNull();
    await expect.poll(() => log.textContent()).toContain(ru('bot:unknown.reply'));
    await page.close();
  });

  it('Should keep a message over the limit in the box with its length and the limit, never cut it (issue 14 item 7)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${product.url}/?lang=ru`);
    const log = page.getByRole('log');
    await expect.poll(() => log.getByRole('button', { name: 'Русский' }).count()).toBe(1);
    await log.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => log.textContent()).toContain(ru('bot:menu.titleNotLinked'));
    const before = await page.locator('.msg.me').count();
    const input = page.getByLabel(ru('bot:webchat.placeholder'));
    const long = 'а'.repeat(1234);
    await input.fill(long);
    await input.press('Enter');
    const note = page.locator('#limit');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe(ru('bot:webchat.tooLong', { max: 1000, length: 1234 }));
    expect(await input.inputValue()).toBe(long);
    expect(await page.locator('.msg.me').count()).toBe(before);
    await input.fill('а'.repeat(999));
    await expect.poll(() => note.isVisible()).toBe(false);
    await page.close();
  });

  it('Should refuse posts from another origin and without a session, and serve the widget script', async () => {
    const home = await fetch(`${product.url}/`);
    const cookie = home.headers.get('set-cookie')!.split(';')[0]!;
    expect(home.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(home.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const body = JSON.stringify({ kind: 'text', text: 'привет' });
    const foreign = await fetch(`${product.url}/webchat/send`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body });
    expect(foreign.status).toBe(403);
    const form = await fetch(`${product.url}/webchat/send`, { method: 'POST', headers: { cookie, origin: product.url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'kind=text&text=x' });
    expect(form.status).toBe(415);
    const anonymous = await fetch(`${product.url}/webchat/send`, { method: 'POST', headers: { origin: product.url, 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const widget = await fetch(`${product.url}/widget.js`);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(await widget.text()).toContain(ru('bot:webchat.open'));
  });

  it('Should open the chat from the widget on the operator’s page', async () => {
    // The operator's site on another origin of the same site (as www.telecom.kz embedding chat.telecom.kz).
    const host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="ru"><body><h1>Оператор</h1><script src="${product.url}/widget.js"></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
      await page.getByRole('button', { name: ru('bot:webchat.open') }).click();
      const frame = page.frameLocator('iframe');
      await expect.poll(() => frame.getByRole('button', { name: 'Русский' }).count()).toBe(1);
      await frame.getByRole('button', { name: 'Русский' }).click();
      await expect.poll(() => frame.getByRole('log').textContent()).toContain(ru('bot:menu.titleNotLinked'));
      await page.close();
    } finally {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    }
  });
});

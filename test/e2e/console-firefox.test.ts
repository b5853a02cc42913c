/**
 * The console in Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi): an agent signs in,
 * a technical ticket registered meanwhile appears in the live list with its callback countdown and the new-work
 * signal, the ticket page shows the subscriber's text as text, and a reply is sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FIREFOX, browserAvailable } from '../helpers/browsers.ts';

const available = browserAvailable(FIREFOX, 'the console Firefox tests');

const ru = translator('ru');
const ADMIN = { email: 'admin@example.kz', password: 'firefox-admin-password' };

let product: Product;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'console-ff-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    hostname: '127.0.0.1',
  });
  // The window size is set at launch: Firefox ESR 140 has no BiDi screen-orientation override, which puppeteer's
  // setViewport always sends.
  browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, defaultViewport: null, args: ['--width=1280', '--height=900'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Polls `read` until it returns a truthy value or the time runs out. */
async function eventually<T>(read: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!available)('console in Firefox', () => {
  it('Should sign in, show a new escalated ticket live, keep subscriber text as text, and send a reply', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/admin/sign-in`);
    await page.type('input[name=email]', ADMIN.email);
    await page.type('input[name=password]', ADMIN.password);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/sign-in"] button[type=submit]')]);
    expect(page.url()).toMatch(/\/admin\/tickets/);
    expect(await eventually(() => page.$('[data-live-status]'))).not.toBeNull();

    const chatKey = 'webchat:firefox-subscriber';
    await product.store.chats.touch('webchat', 'firefox-subscriber', new Date());
    const ticket = await product.tickets.register({
      type: 'technical', channel: 'webchat', language: 'ru', chatKey, region: 'Алматы', service: 'megaline',
      symptom: 'no_internet', actor: { type: 'subscriber', id: null },
    });
    const row = `tr[data-ticket="${ticket.id}"]`;
    expect(await eventually(() => page.$(row))).not.toBeNull();
    const rowText = await page.$eval(row, (el) => el.textContent ?? '');
    expect(rowText).toContain(ru('tickets:status.escalated'));
    expect(await page.$eval(`${row} time[data-due]`, (el) => el.textContent ?? '')).toMatch(/осталось \d+\s(ч|мин)/);
    expect(await eventually(async () => (await page.$eval('body', (b) => b.getAttribute('data-signals'))) === '1')).toBe(true);

    await product.tickets.addSubscriberMessage(ticket.id, 'Нет интернета <b>срочно</b>');
    await Promise.all([page.waitForNavigation(), page.click(`${row} a.ticket-link`)]);
    const reply = 'Проверяю линию, перезвоню.';
    await page.type('textarea[name=text]', reply);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/reply"] button[type=submit]')]);
    expect(page.url()).toMatch(/done=reply/);
    const transcript = await page.$eval('#transcript', (el) => ({ text: el.textContent ?? '', bold: el.querySelectorAll('b').length }));
    expect(transcript.text).toContain(reply);
    expect(transcript.text).toContain('Нет интернета <b>срочно</b>');
    expect(transcript.bold).toBe(0);
    await page.close();
  });
});

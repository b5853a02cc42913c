/**
 * The console's WhatsApp page: administrators only; the connection state, the QR code as an image, the linked
 * number, the failure reason; log-out and re-link buttons behind CSRF. Then in headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core) against the whole product: a `qr` event from the client makes the page
 * show a scannable QR image without a reload, each new code replaces it, and linking shows the number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { ConsoleEnv } from '../../admin/context.ts';
import { translator } from '../../core/i18n/i18n.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { WhatsAppConnection } from '../../bot/whatsapp/connection.ts';
import { startProduct, type Product } from '../../main.ts';
import { consoleFixture, visibleText, type ConsoleFixture } from '../admin/console.fixture.ts';
import { FakeWhatsApp } from '../helpers/fake-whatsapp.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';

const ru = translator('ru');
const OFFLINE = 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/';
/** The image the page must show for a QR text: the same encoder and options, so equal data means the same code. */
const qrPng = (qr: string) => QRCode.toDataURL(qr, { errorCorrectionLevel: 'M', margin: 2, width: 264 });
const imgSrc = (html: string) => /<img id="whatsapp-qr" src="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;

describe('WhatsApp page in the console', () => {
  let fx: ConsoleFixture;
  let wa: FakeWhatsApp;
  let connection: WhatsAppConnection;
  /** The store the connection writes its lease and audit entries to. */
  let connectionStore: ConsoleFixture['store'];

  async function open(timing: { retryBaseMs?: number } = {}) {
    wa = new FakeWhatsApp();
    const store = (await consoleFixture()).store;
    connectionStore = store;
    connection = new WhatsAppConnection({
      createClient: wa.createClient, clearSession: async () => void (wa.session = null), onMessage: () => {},
      store, clock: { now: () => new Date() }, logger: silentLogger, timing: { retryBaseMs: 60_000, ...timing }, ownerId: 'test',
    });
    fx = await consoleFixture({ whatsapp: connection });
  }

  afterEach(async () => {
    await connection?.stop();
  });

  it('Should be for administrators only', async () => {
    await open();
    const agent = fx.browser();
    await agent.signIn((await fx.user(['agent', 'supervisor'])).email);
    expect((await agent.get('/admin/whatsapp')).status).toBe(403);
    expect((await agent.post('/admin/whatsapp/logout')).status).toBe(403);
    const admin = fx.browser();
    await admin.signIn((await fx.user(['admin'])).email);
    expect((await admin.get('/admin/whatsapp')).status).toBe(200);
  });

  it('Should show the QR code as a PNG of exactly the code the library emitted, then the linked number', async () => {
    await open();
    connection.start();
    await wa.waitFor(() => connection.status().state === 'qr');
    const admin = fx.browser();
    await admin.signIn((await fx.user(['admin'])).email);
    await admin.get('/admin/whatsapp');
    expect(visibleText(admin.last.html)).toContain(ru('whatsapp:console.state.qr'));
    expect(imgSrc(admin.last.html)).toBe(await qrPng(connection.status().qr!));

    wa.current.link('77272000160');
    await wa.waitFor(() => connection.status().state === 'ready');
    await admin.get('/admin/whatsapp');
    const text = visibleText(admin.last.html);
    expect(text).toContain(ru('whatsapp:console.state.ready'));
    expect(text).toContain('+77272000160');
    expect(imgSrc(admin.last.html)).toBeNull();
  });

  it('Should show why it failed (the library\'s own words) and when it tries again', async () => {
    await open();
    wa.next.push({ kind: 'fail', error: OFFLINE });
    connection.start();
    await wa.waitFor(() => connection.status().state === 'failed');
    const admin = fx.browser();
    await admin.signIn((await fx.user(['admin'])).email);
    await admin.get('/admin/whatsapp');
    const text = visibleText(admin.last.html);
    expect(text).toContain(`${ru('whatsapp:console.problem.unreachable')}: ${OFFLINE}`);
    expect(text).toContain(ru('whatsapp:console.facts.retry'));
  });

  it('Should refuse log-out and re-link without the CSRF token, and do them with it', async () => {
    await open();
    wa.session = '77272000160';
    connection.start();
    await wa.waitFor(() => connection.status().state === 'ready');
    const admin = fx.browser();
    await admin.signIn((await fx.user(['admin'])).email);
    await admin.get('/admin/whatsapp');
    expect((await admin.post('/admin/whatsapp/logout', { _csrf: 'forged' })).status).toBe(403);
    expect((await admin.post('/admin/whatsapp/logout', { _csrf: '' })).status).toBe(403);
    expect(connection.status().state).toBe('ready');

    const linked = wa.current;
    const res = await admin.post('/admin/whatsapp/logout');
    expect(res.status).toBe(303);
    expect(linked.loggedOut).toBe(true);
    await wa.waitFor(() => connection.status().state === 'qr');

    const clients = wa.clients.length;
    expect((await admin.post('/admin/whatsapp/relink')).status).toBe(303);
    await wa.waitFor(() => wa.clients.length === clients + 1 && connection.status().state === 'qr');
    const actions = (await connectionStore.audit.list({ entity: 'channel', limit: 20 })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['whatsapp.logged_out', 'whatsapp.relinked']));
  });

  it('Should say how to turn WhatsApp on when it is off', async () => {
    fx = await consoleFixture();
    const admin = fx.browser();
    await admin.signIn((await fx.user(['admin'])).email);
    await admin.get('/admin/whatsapp');
    expect(visibleText(admin.last.html)).toContain(ru('whatsapp:console.disabled'));
  });

  it('Should push each change over server-sent events as the rendered card', async () => {
    await open();
    const admin = fx.browser();
    await admin.signIn((await fx.user(['admin'])).email);
    connection.start();
    await wa.waitFor(() => connection.status().state === 'qr');
    const res = await (fx.app as Hono<ConsoleEnv>).request('/admin/whatsapp/events', {
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/event-stream' },
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(seen)) seen += decoder.decode((await reader.read()).value);
    };
    await readUntil(/data-state="qr"/);
    const next = wa.refreshQr();
    const expected = await qrPng(next);
    await readUntil(new RegExp(expected.slice(-40).replace(/[+/=]/g, '.')));
    await reader.cancel();
  });
});

// === In a real browser

const available = browserAvailable(CHROMIUM, 'the WhatsApp console browser test');

describe.skipIf(!available)('WhatsApp page in Chromium', () => {
  const ADMIN = { email: 'admin@example.kz', password: 'wa-admin-password' };
  let product: Product;
  let browser: Browser;
  let dir: string;
  let wa: FakeWhatsApp;

  beforeAll(async () => {
    wa = new FakeWhatsApp();
    wa.next.push({ kind: 'hang' }); // WhatsApp Web still loading when the administrator opens the page
    dir = mkdtempSync(join(tmpdir(), 'wa-console-'));
    product = await startProduct({
      env: {
        PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password, WHATSAPP_ENABLED: 'true',
      },
      hostname: '127.0.0.1',
      whatsapp: { createClient: wa.createClient },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Should show the QR code image live when the library emits it, replace it with each new one, then show the number', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    const errors: string[] = [];
    page.on('pageerror', (err) => void errors.push(err.message));
    page.on('response', (r) => void (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`)));
    await page.goto(`${product.url}/admin/sign-in`);
    await page.getByLabel(ru('admin:signin.email')).fill(ADMIN.email);
    await page.getByLabel(ru('admin:signin.password')).fill(ADMIN.password);
    await page.getByRole('button', { name: ru('admin:signin.submit') }).click();
    await page.waitForURL(/\/admin\//);
    await page.goto(`${product.url}/admin/whatsapp`);
    await expect.poll(() => page.locator('[data-state]').getAttribute('data-state')).toBe('starting');

    // The library shows its first code: the page gets it without a reload.
    const first = wa.newQr();
    wa.current.emit('qr', first);
    const img = page.getByRole('img', { name: ru('whatsapp:console.qr_alt') });
    await expect.poll(() => img.getAttribute('src')).toBe(await qrPng(first));
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(264); // a decodable PNG

    const second = wa.refreshQr();
    await expect.poll(() => img.getAttribute('src')).toBe(await qrPng(second));

    wa.current.link('77272000160');
    await expect.poll(() => page.locator('[data-phone]').textContent()).toBe('+77272000160');
    expect(await img.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

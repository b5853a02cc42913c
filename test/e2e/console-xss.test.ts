/**
 * XSS across the console in headless Chromium (issue 20 item 12): every field a subscriber or an uploaded file
 * controls — a subscriber's name and address, what they typed in the chat (before and after a hand-off, and arriving
 * live while the ticket page is open), a fault's comment, a refusal's reason, a survey answer, the cells of an
 * imported call list (imported and rejected ones), a do-not-call note, a forged payment callback — carries script
 * payloads, and on every page that shows them no script runs: no dialog opens, no element of a payload is in the
 * page, the browser reports no blocked inline script (the CSP would hide a failure of escaping), and the payload is
 * on the page as text (so the page did show the field).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import type { Ticket } from '../../core/tickets/index.ts';
import type { Campaign } from '../../core/campaigns/index.ts';
import { startProduct, type Product } from '../../main.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { completeQuestionnaire } from '../campaigns/fixture.ts';
import { WebChatClient } from '../selfservice/webchat-client.ts';

const available = browserAvailable(CHROMIUM, 'the console XSS tests');
const ADMIN = { email: 'admin@example.kz', password: 'xss-admin-password' };
const ru = translator('ru');

/** A payload for one field: three ways into a page, each marked so a slip shows up as an element with `data-xss`. */
const payload = (field: string) =>
  `<img src=x data-xss=${field} onerror=alert(1)><script data-xss=${field}>alert(2)</script>"'><svg data-xss=${field} onload=alert(3)>`;
/** How a shown payload reads on the page (as text). */
const shown = (field: string) => `<img src=x data-xss=${field} onerror=alert(1)>`;

let product: Product;
let browser: Browser;
let dir: string;
let handoff: Ticket;
let fault: Ticket;
let refusal: Ticket;
let campaign: Campaign;
let importId: string;
const marketing = { type: 'user' as const, id: 'xss-marketing' };

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'console-xss-'));
  const clock = new ManualClock('2026-03-02T05:00:00Z'); // Monday 10:00 in Almaty: calling hours
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'true', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    hostname: '127.0.0.1',
    clock,
  });
  const { store, tickets } = product;
  const now = clock.now();
  await store.subscribers.create({
    id: 'sub-xss', fullName: payload('name'), phone: '+77019990001', iin: null, category: 'individual', language: 'ru',
    notificationsMuted: false, createdAt: now,
  });
  await store.accounts.create({
    id: 'acc-xss', number: '100000000777', subscriberId: 'sub-xss', status: 'current', statusSince: now, billingMethod: 'credit',
    address: payload('address'), region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null,
    openedAt: now, closedAt: null,
  });

  // The subscriber types in the web chat (the conversation log), then asks for a person and writes more.
  const visitor = await new WebChatClient(product.url).open();
  const externalId = await visitor.externalId(product.webchat.sessions);
  const chatKey = `webchat:${externalId}`;
  await store.chats.link(chatKey, { subscriberId: 'sub-xss', phone: '+77019990001', linkedAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
  await visitor.say(payload('chat'));
  visitor.close();
  ({ ticket: handoff } = await tickets.startHandoff({ chatKey, channel: 'webchat', language: 'ru', subscriberId: 'sub-xss', reason: 'requested' }));
  await tickets.addSubscriberMessage(handoff.id, payload('message'));

  fault = await tickets.register({
    type: 'technical', channel: 'telegram', language: 'ru', chatKey: 'telegram:990001', phone: '+77019990001', subscriberId: 'sub-xss',
    accountId: 'acc-xss', region: 'Алматытелеком', service: 'megaline', symptom: 'no_internet', comment: payload('fault'),
    actor: { type: 'subscriber', id: 'sub-xss' },
  });
  // As orderSignedRefusal files a signed refusal: the application's text, with the reason the subscriber typed.
  refusal = await tickets.register({
    type: 'reference', channel: 'webchat', language: 'ru', chatKey, subscriberId: 'sub-xss', accountId: 'acc-xss', region: 'Алматытелеком',
    service: 'megaline', topic: 'refusal', comment: `Заявление об отказе.\nПричина: ${payload('refusal')}`, actor: { type: 'subscriber', id: 'sub-xss' },
  });

  // A call list with payloads in every column, a rejected formula row, and a survey answer typed back.
  const admin = (await store.users.findByEmail(ADMIN.email))!;
  const f = { store, clock, scheduler: product.scheduler, campaigns: product.campaigns };
  const q = await completeQuestionnaire(f);
  const created = await product.campaigns.create({ ...(await product.campaigns.defaultSettings(q.id)), name: 'XSS', endAt: new Date(now.getTime() + 30 * 86_400_000) }, marketing);
  if (!created.ok) throw new Error(created.reason);
  const csv = [
    'Телефон;ФИО;Лицевой счёт;Регион;Язык;Теги',
    `87019990002;${payload('cell').replaceAll(';', ',')};100000000778;${payload('region').replaceAll(';', ',')};ru;${'<b data-xss=tag>'}`,
    `87019990003;=${payload('rejected').replaceAll(';', ',').replaceAll('"', "'")};;;ru;`,
  ].join('\n');
  const started = await product.campaigns.startFileImport({ campaignId: created.value.id, fileName: 'list.csv', bytes: Buffer.from(csv), encoding: 'auto' }, marketing);
  if (!started.ok) throw new Error(started.reason);
  importId = started.value.id;
  await product.campaigns.runner.idle();
  await product.campaigns.assignAgents(created.value.id, [admin.id], marketing);
  const launched = await product.campaigns.launch(created.value.id, marketing);
  if (!launched.ok) throw new Error(launched.reason);
  campaign = launched.value;
  const claimed = await product.campaigns.nextContact(campaign.id, admin.id);
  if (claimed.kind !== 'claimed') throw new Error(`no contact claimed: ${claimed.kind}`);
  const text = q.questions.find((x) => x.type === 'text')!;
  const recorded = await product.campaigns.recordOutcome({
    contactId: claimed.contact.id, claimId: claimed.contact.claimId!, agentId: admin.id, outcome: 'callback', language: 'ru',
    answers: { [text.id]: payload('answer') }, callbackAt: new Date(now.getTime() + 60_000), callbackMine: true, note: null,
  });
  if (!recorded.ok) throw new Error(recorded.reason);
  clock.set(new Date(now.getTime() + 2 * 60_000));
  const again = await product.campaigns.nextContact(campaign.id, admin.id);
  if (again.kind !== 'claimed') throw new Error(`the call-back did not come back: ${again.kind}`);
  await product.campaigns.addToDoNotCall('8 701 999 00 04', payload('dnc'), marketing);

  // A forged payment callback: refused, its preview kept in the audit log.
  await fetch(`${product.url}/pay/result`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pg_order_id: payload('callback'), pg_payment_id: '1', pg_result: '1', pg_salt: 's', pg_sig: 'x' }),
  });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Watch {
  page: Page;
  dialogs: string[];
  /** What the page itself saw: CSP violations (an inline script or handler the browser blocked). */
  violations: () => Promise<string[]>;
}

let cookies: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>> | null = null;

async function signedInPage(): Promise<Watch> {
  if (!cookies) {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${product.url}/admin/sign-in`);
    await page.getByLabel(ru('admin:signin.email')).fill(ADMIN.email);
    await page.getByLabel(ru('admin:signin.password')).fill(ADMIN.password);
    await page.getByRole('button', { name: ru('admin:signin.submit') }).click();
    await page.waitForURL(/\/admin\/tickets/);
    cookies = await first.storageState();
    await first.close();
  }
  const context = await browser.newContext({ storageState: cookies });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.sample}`));
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
}

/** Asserts the page shows each field's payload as text and runs none of it. */
async function expectInert(watch: Watch, fields: string[]): Promise<void> {
  const { page } = watch;
  const text = (await page.locator('body').textContent()) ?? '';
  for (const field of fields) expect(text, `the page shows the ${field} field`).toContain(shown(field));
  expect(await page.locator('[data-xss]').count(), 'elements of a payload in the page').toBe(0);
  expect(watch.dialogs).toEqual([]);
  expect(await watch.violations()).toEqual([]);
}

describe.skipIf(!available)('console: subscriber- and file-controlled text never runs as script', () => {
  const pages: [string, () => string, string[]][] = [
    ['the ticket queue', () => '/admin/tickets', ['name']],
    ['the queue searched by name', () => `/admin/tickets?q=${encodeURIComponent('img src')}`, ['name']],
    ['a handed-off chat: name, address, the chat before and after the hand-off', () => `/admin/tickets/${handoff.id}`, ['name', 'address', 'chat', 'message']],
    ['a fault ticket', () => `/admin/tickets/${fault.id}`, ['name', 'fault']],
    ['a refusal ticket', () => `/admin/tickets/${refusal.id}`, ['name', 'refusal']],
    ['the calling screen: imported cells and a survey answer', () => `/admin/calling/${campaign.id}`, ['cell', 'region', 'answer']],
    ['the import report: a rejected cell', () => `/admin/campaigns/${campaign.id}/imports/${importId}`, ['rejected']],
    ['the campaign audience', () => `/admin/campaigns/${campaign.id}/audience`, []],
    ['the do-not-call list', () => '/admin/campaigns/do-not-call', ['dnc']],
    ['the audit log', () => '/admin/audit', []],
  ];

  it.each(pages)('Should show %s as text', async (_what, path, fields) => {
    const watch = await signedInPage();
    const response = await watch.page.goto(`${product.url}${path()}`);
    expect(response?.status()).toBe(200);
    await expectInert(watch, fields);
    await watch.page.context().close();
  });

  it('Should show a message arriving live on the open ticket page as text', async () => {
    const watch = await signedInPage();
    const streaming = watch.page.waitForResponse((r) => r.url().includes('/admin/tickets/events'));
    await watch.page.goto(`${product.url}/admin/tickets/${handoff.id}`);
    await streaming;
    await product.tickets.addSubscriberMessage(handoff.id, payload('live'));
    await expect.poll(() => watch.page.locator('body').textContent(), { timeout: 10_000 }).toContain(shown('live'));
    await expectInert(watch, ['live']);
    await watch.page.context().close();
  });

  it('Should show a ticket arriving live in the queue as text', async () => {
    const watch = await signedInPage();
    await watch.page.goto(`${product.url}/admin/tickets`);
    await expect.poll(() => watch.page.locator('[data-live-status]').first().isVisible()).toBe(true);
    await product.store.subscribers.create({
      id: 'sub-xss-live', fullName: payload('livename'), phone: '+77019990009', iin: null, category: 'individual', language: 'ru',
      notificationsMuted: false, createdAt: product.clock.now(),
    });
    await product.tickets.register({
      type: 'technical', channel: 'telegram', language: 'ru', chatKey: 'telegram:990009', phone: '+77019990009', subscriberId: 'sub-xss-live',
      region: 'Алматытелеком', service: 'megaline', symptom: 'no_internet', actor: { type: 'subscriber', id: 'sub-xss-live' },
    });
    await expect.poll(() => watch.page.locator('body').textContent(), { timeout: 10_000 }).toContain(shown('livename'));
    await expectInert(watch, ['livename']);
    await watch.page.context().close();
  });
});

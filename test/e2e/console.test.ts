/**
 * The console in headless Chromium (Debian's /usr/bin/chromium through playwright-core), against the whole product
 * as `npm start` runs it: an agent signs in, a subscriber asks for a person in the web chat and the ticket appears
 * in the agent's list live; the subscriber's `<script>` arrives as text; a new escalated ticket appears live with a
 * signal; the agent's reply reaches the subscriber's web-chat page. Screenshots of the main pages at 1280 and
 * 390 px go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { translator } from '../../core/i18n/i18n.ts';
import { hashPassword } from '../../core/users/password.ts';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';

const available = browserAvailable(CHROMIUM, 'the console browser tests');

const ru = translator('ru');
const ADMIN = { email: 'admin@example.kz', password: 'e2e-admin-password' };
const artifacts = join(import.meta.dirname, '../../test-artifacts');

let product: Product;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
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

async function signIn(page: Page, who = ADMIN): Promise<void> {
  await page.goto(`${product.url}/admin/sign-in`);
  await page.getByLabel(ru('admin:signin.email')).fill(who.email);
  await page.getByLabel(ru('admin:signin.password')).fill(who.password);
  await page.getByRole('button', { name: ru('admin:signin.submit') }).click();
  await page.waitForURL(/\/admin\/tickets/);
}

async function shot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()!.width;
  const path = join(artifacts, `console-${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(10_000);
  // The layout holds: nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

describe.skipIf(!available)('console in Chromium', () => {
  it('Should show live work, keep subscriber text as text, and deliver the reply to the web chat', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    const agent = await agentContext.newPage();
    await signIn(agent);
    await expect.poll(() => agent.locator('[data-live-status]').isVisible()).toBe(true);
    expect(await agent.locator('[data-empty]').isVisible()).toBe(true);
    await shot(agent, 'tickets-empty');

    // The subscriber asks for a person in the web chat: the ticket shows up in the agent's list without a reload.
    const subscriber = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await subscriber.goto(`${product.url}/?lang=ru`);
    const chat = subscriber.getByRole('log');
    await expect.poll(() => chat.getByRole('button', { name: 'Русский' }).count()).toBe(1);
    await chat.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => chat.getByRole('button', { name: ru('bot:menu.handoff') }).count()).toBeGreaterThan(0);
    await chat.getByRole('button', { name: ru('bot:menu.handoff') }).last().click();
    await expect.poll(async () => (await product.store.tickets.queue({ queue: 'all', limit: 5 })).items.length).toBe(1);
    const handoff = (await product.store.tickets.queue({ queue: 'all', limit: 5 })).items[0]!;
    await expect.poll(() => agent.locator(`tr[data-ticket="${handoff.id}"]`).count()).toBe(1);

    // The agent opens it; the subscriber's message — with a script in it — arrives live, as text.
    await agent.locator(`tr[data-ticket="${handoff.id}"] a.ticket-link`).click();
    await agent.waitForURL(new RegExp(handoff.id));
    const input = subscriber.getByLabel(ru('bot:webchat.placeholder'));
    await input.fill('Интернет пропал <script>window.owned = 1</script>');
    await input.press('Enter');
    const transcript = agent.locator('#transcript');
    await expect.poll(() => transcript.textContent()).toContain('Интернет пропал <script>window.owned = 1</script>');
    expect(await agent.evaluate(() => (window as unknown as { owned?: number }).owned ?? null)).toBeNull();
    expect(await transcript.locator('script').count()).toBe(0);

    // The reply reaches the subscriber's web-chat page.
    await agent.getByPlaceholder(ru('admin:ticket.reply_placeholder')).fill('Здравствуйте! Проверяю линию, минуту.');
    await agent.getByRole('button', { name: ru('admin:ticket.send') }).click();
    await agent.waitForURL(/done=reply/);
    await expect.poll(() => chat.textContent(), { timeout: 10_000 }).toContain('Здравствуйте! Проверяю линию, минуту.');
    await expect.poll(() => agent.locator('.msg.sender-agent .delivery').last().textContent(), { timeout: 10_000 }).toBe(ru('admin:ticket.delivery.sent'));
    await shot(agent, 'ticket');

    // A technical ticket from the same chat is escalated to the second line at once (cl. 5): it appears live, flagged.
    await agent.goto(`${product.url}/admin/tickets`);
    await expect.poll(() => agent.locator('[data-live-status]').isVisible()).toBe(true);
    const escalated = await product.tickets.register({
      type: 'technical', channel: 'webchat', language: 'ru', chatKey: handoff.chatKey, region: 'Алматы', service: 'megaline',
      symptom: 'no_internet', actor: { type: 'subscriber', id: null },
      description: 'с утра мигает красный индикатор', callbackTime: { slot: 'evening' },
    });
    expect(escalated.status).toBe('escalated');
    const row = agent.locator(`tr[data-ticket="${escalated.id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(ru('tickets:status.escalated'));
    expect(await row.locator('time[data-due]').textContent()).toMatch(/осталось \d+\s(ч|мин)/);
    await expect.poll(() => agent.locator('body').getAttribute('data-signals')).toBe('1');
    expect(await agent.locator('.toast').textContent()).toContain(formatTicketNumber(escalated.number));
    await shot(agent, 'tickets');

    // Its reply reaches the same web chat.
    await row.locator('a.ticket-link').click();
    // The callback countdown stays inside the ticket's facts at 1280 px (it ran past the card's edge before).
    const countdown = agent.locator('.facts time[data-due]');
    await expect.poll(() => countdown.textContent()).toMatch(/осталось \d+\s(ч|мин)/);
    expect(await countdown.evaluate((el) => el.getBoundingClientRect().right <= el.closest('dl')!.getBoundingClientRect().right + 0.5)).toBe(true);
    await agent.getByPlaceholder(ru('admin:ticket.reply_placeholder')).fill('Специалист второй линии перезвонит вам в течение двух часов.');
    await agent.getByRole('button', { name: ru('admin:ticket.send') }).click();
    await expect.poll(() => chat.textContent(), { timeout: 10_000 }).toContain('Специалист второй линии перезвонит вам в течение двух часов.');
    await subscriber.screenshot({ path: join(artifacts, 'console-reply-in-webchat-390.png') });
    await agentContext.close();
    await subscriber.close();
  });

  it('Should refuse an agent the admin pages (403) and refuse a post without the CSRF token', async () => {
    const agentUser = { email: 'agent@example.kz', password: 'agent-password-1' };
    await product.store.users.create({
      id: randomUUID(), email: agentUser.email, name: 'Асель Агент', passwordHash: await hashPassword(agentUser.password), roles: ['agent'],
      language: 'ru', active: true, failedLogins: 0, lockedUntil: null, createdAt: new Date(),
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, agentUser);
    expect(await page.getByRole('link', { name: ru('admin:nav.users') }).count()).toBe(0);
    const res = await page.goto(`${product.url}/admin/users`);
    expect(res!.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain(ru('admin:error.403'));

    const forged = await page.evaluate(async () => {
      const r = await fetch('/admin/account/password', { method: 'POST', body: new URLSearchParams({ current: 'x', next: 'yyyyyyyyyyyy', repeat: 'yyyyyyyyyyyy' }) });
      return r.status;
    });
    expect(forged).toBe(403);
    await context.close();
  });

  it('Should hold the layout of the main pages at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 800 }, locale: 'ru-RU' });
      const page = await context.newPage();
      await page.goto(`${product.url}/admin/sign-in`);
      await shot(page, 'sign-in');
      await signIn(page);
      await shot(page, 'tickets');
      const first = page.locator('a.ticket-link').first();
      if (await first.count()) {
        await first.click();
        await shot(page, 'ticket');
      }
      for (const room of ['users', 'audit', 'sms', 'channels', 'account']) {
        await page.goto(`${product.url}/admin/${room}`);
        expect(await page.title()).toContain(ru('admin:app.name'));
        await shot(page, room);
      }
      await context.close();
    }
  });
});

/**
 * Console pages in headless Chromium at the widths people use (1280, 1440 and 390 px) in Kazakh and Russian,
 * against the product as `npm start` runs it (demo data): every room is reachable from the top bar and nothing in it
 * is clipped, badges stay inside their cards, the filter panel fills its rows, the queue tabs stay visible, the SMS
 * outbox shows a new code without a reload. Screenshots go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { Ticket } from '../../core/tickets/index.ts';
import { roomsFor } from '../../admin/layout.tsx';
import { permissionsOf } from '../../admin/permissions.ts';
import { startProduct, type Product } from '../../main.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';
import { freePort } from '../helpers/spawn-product.ts';

const available = browserAvailable(CHROMIUM, 'the console layout tests');
const ADMIN = { email: 'admin@example.kz', password: 'layout-admin-password' };
const artifacts = join(import.meta.dirname, '../../test-artifacts');
const WIDTHS = [1280, 1440, 390];
const LANGUAGES: Language[] = ['kk', 'ru'];

let product: Product;
let browser: Browser;
let dir: string;
let escalated: Ticket;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'console-layout-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'true', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    hostname: '127.0.0.1',
  });
  escalated = await product.tickets.register({
    type: 'technical', channel: 'webchat', language: 'kk', chatKey: 'webchat:layout', phone: '+77011234567', region: 'Алматы',
    service: 'megaline', symptom: 'no_internet', actor: { type: 'subscriber', id: null },
  });
  await product.tickets.startHandoff({ chatKey: 'webchat:layout', channel: 'webchat', language: 'kk', reason: 'requested' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The administrator's signed-in cookies: signed in once (the console limits sign-ins per client and e-mail). */
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>> | null = null;

/** A signed-in administrator's page at this width, in this language. */
async function adminPage(width: number, lang: Language): Promise<Page> {
  if (!signedIn) {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${product.url}/admin/sign-in`);
    const ru = translator('ru');
    await page.getByLabel(ru('admin:signin.email')).fill(ADMIN.email);
    await page.getByLabel(ru('admin:signin.password')).fill(ADMIN.password);
    await page.getByRole('button', { name: ru('admin:signin.submit') }).click();
    await page.waitForURL(/\/admin\/tickets/);
    signedIn = await first.storageState();
    await first.close();
  }
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, storageState: signedIn });
  const page = await context.newPage();
  await page.goto(`${product.url}/admin/tickets`);
  await page.locator(`.lang-switch button[value="${lang}"]`).click();
  await page.waitForURL(/\/admin\/tickets/);
  return page;
}

/** True when the element's box lies inside the window horizontally and is not hidden by an ancestor's overflow. */
async function fullyShown(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.left < 0 || box.right > window.innerWidth + 0.5) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === 'visible') continue;
      const outer = p.getBoundingClientRect();
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5) return false;
    }
    return true;
  });
}

describe.skipIf(!available)('console pages in Chromium', () => {
  it.each(LANGUAGES.flatMap((lang) => WIDTHS.map((width) => [lang, width] as const)))(
    'Should let an administrator reach every room from the top bar with nothing clipped (%s, %i px)',
    async (lang, width) => {
      const t = translator(lang);
      const page = await adminPage(width, lang);
      const topbar = await page.locator('header.topbar').boundingBox();
      // One calm row on a desktop; on a phone the rooms take one row of their own under the brand.
      expect(topbar!.height).toBeLessThan(width < 500 ? 150 : 70);
      for (const room of roomsFor(permissionsOf(['admin']))) {
        await page.goto(`${product.url}/admin/tickets`);
        const link = page.locator('nav.rooms').getByRole('link', { name: t(`admin:${room.key}`), exact: true });
        if (!(await link.isVisible())) {
          const menu = page.locator('nav.rooms details', { has: page.locator(`a[href="/admin${room.path}"]`) }).locator('summary');
          expect(await fullyShown(page, `nav.rooms details:has(a[href="/admin${room.path}"]) summary`), room.path).toBe(true);
          await menu.click();
        }
        expect(await link.isVisible(), room.path).toBe(true);
        expect(await fullyShown(page, `nav.rooms a[href="/admin${room.path}"]`), room.path).toBe(true);
        if (room.path === '/settings/sla') await page.screenshot({ path: join(artifacts, `console-nav-${lang}-${width}.png`) });
        await link.click();
        await page.waitForURL(new RegExp(`/admin${room.path}`));
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), room.path).toBe(true);
      }
      await page.context().close();
    },
  );

  it.each(LANGUAGES.flatMap((lang) => [1280, 390].map((width) => [lang, width] as const)))(
    'Should keep every badge of the ticket page inside its card (%s, %i px)',
    async (lang, width) => {
      const page = await adminPage(width, lang);
      await page.goto(`${product.url}/admin/tickets/${escalated.id}`);
      const outside = await page.locator('.card .badge').evaluateAll((badges) =>
        badges
          .filter((b) => {
            const box = b.getBoundingClientRect();
            const card = b.closest('.card')!.getBoundingClientRect();
            return box.width > 0 && (box.left < card.left || box.right > card.right);
          })
          .map((b) => b.textContent),
      );
      expect(outside).toEqual([]);
      await page.screenshot({ path: join(artifacts, `console-ticket-badges-${lang}-${width}.png`), fullPage: true });
      await page.context().close();
    },
  );

  it.each(LANGUAGES.flatMap((lang) => WIDTHS.map((width) => [lang, width] as const)))(
    'Should lay the ticket filters out in full rows, none left alone on the last one (%s, %i px)',
    async (lang, width) => {
      const page = await adminPage(width, lang);
      await page.locator('details.filter-more summary').click();
      const rows = await page.locator('.filter-grid > *').evaluateAll((cells) => {
        const rows = new Map<number, number>(); // cells of one row end on one line (the grid aligns them at the end)
        for (const cell of cells) {
          const row = Math.round(cell.getBoundingClientRect().bottom);
          rows.set(row, (rows.get(row) ?? 0) + 1);
        }
        return [...rows.values()];
      });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((n) => n === rows[0]), `cells per row: ${rows.join(', ')}`).toBe(true);
      for (const select of ['type', 'channel', 'status', 'region', 'service']) {
        expect(await fullyShown(page, `.filter-grid select[name="${select}"]`), select).toBe(true);
      }
      expect(await fullyShown(page, '.filter-grid input[name="to"]')).toBe(true);
      // The queue tabs, with their counts, are all in view: none scrolled out of sight.
      for (const tab of await page.locator('nav.tabs a').all()) expect(await tab.evaluate((a) => a.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: join(artifacts, `console-filters-${lang}-${width}.png`) });
      await page.context().close();
    },
  );

  it('Should show a code sent while the SMS page is open, without a reload', async () => {
    const page = await adminPage(390, 'ru');
    await page.goto(`${product.url}/admin/sms?phone=${encodeURIComponent('8 701 123 45 67')}`);
    await expect.poll(() => page.locator('[data-live-status]').isVisible()).toBe(true);
    await product.sms.enqueue({ to: '+77011234567', text: 'Код: 654321. Никому его не сообщайте.', purpose: 'verify', chatKey: null, expiresAt: null });
    await expect.poll(() => page.locator('#sms-rows').textContent(), { timeout: 10_000 }).toContain('Код: 654321');
    expect(await page.locator('#sms-rows tr.is-new').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'console-sms-live-ru-390.png'), fullPage: true });
    await page.context().close();
  });
});

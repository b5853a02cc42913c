/**
 * The payer's pages in headless Chromium (issue 14: the test payment page lost its font and its buttons were out of
 * line; the plain 404 page was English; issue 20 item 8: a CSP on `/pay/*`). Checked as a person sees them, at
 * 1280 px and 390 px, in kk and ru: the stylesheet applies under the CSP (no violation), the two buttons share a
 * line and a size on a desktop and stack at full width on a phone, and pressing one still pays.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';
import { freePort } from '../helpers/spawn-product.ts';

const available = browserAvailable(CHROMIUM, 'the payment page browser tests');
const artifacts = join(import.meta.dirname, '../../test-artifacts');

let product: Product;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'pay-pages-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'true', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'pay-pages-admin', SECRET_KEY: 'p'.repeat(40) },
    hostname: '127.0.0.1',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function paymentUrl(language: 'kk' | 'ru'): Promise<string> {
  const created = await product.payments.createPayment({ accountNumber: '100000000001', amountTiyn: 724_550, description: 'Megaline Plus', chatKey: null, language });
  if (!created.ok) throw new Error(created.reason);
  return created.value.url;
}

/** A page that records every CSP violation it meets. */
async function openPage(width: number, locale: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return { page, violations };
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, name);
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(10_000);
}

const boxOf = async (page: Page, name: string) => (await page.getByRole('button', { name }).boundingBox())!;

describe.skipIf(!available)('the payment pages in Chromium', () => {
  it('Should style the TEST page from its stylesheet under the CSP, with both buttons on one line and one size at 1280 px', async () => {
    const kk = translator('kk');
    const { page, violations } = await openPage(1280, 'kk-KZ');
    await page.goto(await paymentUrl('kk'));
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('system-ui');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.banner')!).backgroundColor)).toBe('rgb(255, 212, 59)');
    const confirm = await boxOf(page, kk('payments:test.confirm'));
    const decline = await boxOf(page, kk('payments:test.decline'));
    expect(Math.abs(confirm.y - decline.y)).toBeLessThan(1);
    expect(Math.abs(confirm.height - decline.height)).toBeLessThan(1);
    expect(Math.abs(confirm.width - decline.width)).toBeLessThan(1);
    // Decline is an outlined button, not bare text.
    expect(await page.getByRole('button', { name: kk('payments:test.decline') }).evaluate((b) => getComputedStyle(b).borderTopColor)).toBe('rgb(166, 27, 27)');
    await shot(page, 'pay-test-kk-1280.png');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('Should stack the buttons at full width on a 390 px phone, and pay when Confirm is pressed', async () => {
    const ru = translator('ru');
    const { page, violations } = await openPage(390, 'ru-RU');
    await page.goto(await paymentUrl('ru'));
    const confirm = await boxOf(page, ru('payments:test.confirm'));
    const decline = await boxOf(page, ru('payments:test.decline'));
    expect(decline.y).toBeGreaterThan(confirm.y + confirm.height - 1);
    expect(Math.abs(confirm.width - decline.width)).toBeLessThan(1);
    expect(confirm.x + confirm.width).toBeLessThanOrEqual(390);
    // The amount stays on one line.
    const amount = page.locator('.amount');
    const lineHeight = await amount.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await amount.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    await shot(page, 'pay-test-ru-390.png');
    await page.getByRole('button', { name: ru('payments:test.confirm') }).click();
    await page.waitForURL(/\/pay\/done\//);
    await expect.poll(() => page.getByRole('status').textContent()).toContain(ru('payments:done.paid'));
    await shot(page, 'pay-done-ru-390.png');
    expect(violations).toEqual([]);
    await page.close();
  });

  it.each([
    ['kk-KZ', 'kk'],
    ['ru-RU', 'ru'],
  ] as const)('Should show the 404 page of an unknown address in %s, styled', async (locale, language) => {
    const t = translator(language);
    const { page, violations } = await openPage(1280, locale);
    const response = await page.goto(`${product.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading').textContent()).toBe(t('pages:notFound.title'));
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    await shot(page, `not-found-${language}-1280.png`);
    expect(violations).toEqual([]);
    await page.close();
  });
});

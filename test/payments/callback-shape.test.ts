/**
 * The result callback's shape (issue 20 items 2, 5 and 8): the re-split attack on the `;`-joined signature, fields
 * of any length or unknown names, duplicates, the rate of unauthenticated callbacks, and the test page's CSRF token
 * and CSP — each replayed against the payments routes over loopback HTTP.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.ts';
import { paymentGateway } from '../../core/payments/index.ts';
import { signed, verify, type Fields } from '../../core/payments/freedompay/signature.ts';
import { testResultFields } from '../../core/payments/test-gateway/callback.ts';
import { ACCOUNTS } from '../selfservice/fixtures.ts';
import { pressTestPayment } from '../helpers/test-payment-page.ts';
import { startPaymentsHarness, type PaymentsHarness } from './harness.ts';

let h: PaymentsHarness;
afterEach(async () => h?.close());

/** The test gateway's signing key for the harness's SECRET_KEY (what a leaked capture was signed with). */
const secret = paymentGateway(testConfig({ SECRET_KEY: 'x'.repeat(40) }), () => '').callbackSecret;

async function testPayment(language: 'kk' | 'ru' = 'ru') {
  const created = await h.service.createPayment({ accountNumber: ACCOUNTS.current, amountTiyn: 500_000, description: 'Оплата', chatKey: null, language });
  if (!created.ok) throw new Error(created.reason);
  const payment = (await h.store.payments.get(created.value.paymentId))!;
  return { payment, url: created.value.url };
}

const post = (fields: Record<string, string> | URLSearchParams) =>
  fetch(`${h.url}/pay/result`, { method: 'POST', body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields) });

const audit = async () => h.store.audit.list({ action: 'payment.callback_rejected', limit: 50 });

describe('the re-split attack on the signature', () => {
  it('Should refuse a captured signed decline re-split into a signed success, and credit nothing', async () => {
    h = await startPaymentsHarness('test');
    const { payment } = await testPayment();
    const decline = testResultFields(payment, false, `${h.url}/pay/result`, secret, h.clock.now());
    // Values are joined in field-name order: …;<pg_ps_currency>;<pg_result>;<pg_salt>;<pg_testing_mode>;secret.
    // Folding "KZT;0;<salt>" into pg_ps_currency and taking testing mode's "1" as pg_result keeps the joined text.
    const { pg_salt: salt, pg_testing_mode: testing, ...rest } = decline;
    const forged: Fields = { ...rest, pg_ps_currency: `${decline.pg_ps_currency};${decline.pg_result};${salt}`, pg_result: testing! };
    expect(verify('result', forged, secret)).toBe(true); // the signature alone cannot tell
    const response = await post(forged);
    expect(response.status).toBe(400);
    expect((await h.store.payments.get(payment.id))?.status).toBe('created');
    expect(await h.store.billing.listPayments(payment.accountId)).toHaveLength(0);
    expect(h.settled).toHaveLength(0);
    const [entry] = await audit();
    expect(entry?.details.why).toBe('malformed callback');
    expect(entry?.details.problems).toContain('pg_ps_currency: contains ";"');
  });

  it('Should still settle the genuine decline and the genuine success', async () => {
    h = await startPaymentsHarness('test');
    const { payment } = await testPayment();
    expect((await post(testResultFields(payment, false, `${h.url}/pay/result`, secret, h.clock.now()))).status).toBe(200);
    expect((await post(testResultFields(payment, true, `${h.url}/pay/result`, secret, h.clock.now()))).status).toBe(200);
    expect(h.settled.map((e) => e.kind)).toEqual(['declined', 'paid']);
  });

  it.each([
    ['a field the callback never has', { pg_bonus: '100' }],
    ['no salt', { pg_salt: undefined }],
    ['a success that carries a failure code', { pg_failure_code: '101' }],
    ['an amount that is not one', { pg_amount: '5000,00' }],
    ['a gateway id with letters', { pg_payment_id: 'TEST-12x' }],
  ] as Array<[string, Record<string, string | undefined>]>)('Should refuse a correctly signed success with %s', async (_what, change) => {
    h = await startPaymentsHarness('test');
    const { payment } = await testPayment();
    const base = testResultFields(payment, true, `${h.url}/pay/result`, secret, h.clock.now());
    const fields = Object.fromEntries(Object.entries({ ...base, ...change }).filter(([k, v]) => k !== 'pg_sig' && v !== undefined)) as Fields;
    const resigned = 'pg_salt' in change
      ? { ...fields, pg_sig: signedWithoutSalt(fields) }
      : signed('result', fields, secret);
    expect((await post(resigned)).status).toBe(400);
    expect((await h.store.payments.get(payment.id))?.status).toBe('created');
  });

  it('Should refuse a field given twice instead of picking one of the values', async () => {
    h = await startPaymentsHarness('test');
    const { payment } = await testPayment();
    const fields = testResultFields(payment, true, `${h.url}/pay/result`, secret, h.clock.now());
    const body = new URLSearchParams(fields);
    body.append('pg_result', '0');
    expect((await post(body)).status).toBe(400);
    expect((await audit())[0]?.details.problems).toContain('pg_result: given more than once');
  });
});

/** `signed()` always adds a salt; this signs the fields exactly as they are. */
function signedWithoutSalt(fields: Fields): string {
  const values = Object.keys(fields).filter((k) => k !== 'pg_sig').sort().map((k) => fields[k]);
  return createHash('md5').update(['result', ...values, secret].join(';'), 'utf8').digest('hex');
}

describe('what a forged callback may leave behind', () => {
  it('Should keep only a short escaped preview of an oversized order id in the audit log and the log', async () => {
    h = await startPaymentsHarness('test');
    const huge = `${'7'.repeat(6000)}\n<script>`;
    const response = await post(signed('result', { pg_order_id: huge, pg_payment_id: '1', pg_amount: '1.00', pg_currency: 'KZT', pg_result: '1' }, secret));
    expect(response.status).toBe(400);
    const [entry] = await audit();
    expect(entry?.entityId).toBeNull();
    expect(JSON.stringify(entry).length).toBeLessThan(800);
    expect(entry?.details.orderId).toMatch(/^#{48}…\(\+\d+\)$/);
    const line = h.logs.find((l) => l.msg === 'payment callback rejected as forged or altered');
    expect(JSON.stringify(line).length).toBeLessThan(800);
    expect(JSON.stringify(h.logs)).not.toContain('7777');
  });

  it('Should answer callbacks over the per-address rate with 429 and store nothing for them', async () => {
    h = await startPaymentsHarness('test', { PAY_RESULT_PER_MINUTE: '20' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) statuses.push((await post({ pg_order_id: 'x' })).status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(await audit()).toHaveLength(10);
  });
});

describe('the TEST payment page', () => {
  it('Should refuse Confirm posted without the page\'s CSRF token (another site\'s form) and pay nothing', async () => {
    h = await startPaymentsHarness('test');
    const { payment, url } = await testPayment('kk');
    const crossSite = await fetch(`${url}/confirm`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('Бет ескірген');
    // A token of another payment's page does not fit this one.
    const other = await testPayment('kk');
    const page = await fetch(other.url);
    const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const borrowed = await fetch(`${url}/confirm`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ csrf: token }) });
    expect(borrowed.status).toBe(403);
    expect((await h.store.payments.get(payment.id))?.status).toBe('created');
    expect((await pressTestPayment(url, 'confirm')).status).toBe(303);
    expect((await h.store.payments.get(payment.id))?.status).toBe('paid');
  });

  it('Should serve the payment pages with a CSP that allows nothing inline, styled from a file', async () => {
    h = await startPaymentsHarness('test');
    const { payment, url } = await testPayment();
    for (const path of [url, `${h.url}/pay/done/${payment.id}`, `${h.url}/pay/done/nope`]) {
      const response = await fetch(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await response.text();
      expect(html).not.toContain('<style');
      expect(html).not.toContain('&quot;Segoe UI&quot;');
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/page\.css\?v=[0-9a-f]{10}"/);
    }
  });

  it('Should say "payment not found" in the visitor\'s language', async () => {
    h = await startPaymentsHarness('test');
    const kk = await fetch(`${h.url}/pay/test/nope`, { headers: { 'accept-language': 'kk-KZ,kk;q=0.9,ru;q=0.8' } });
    expect(kk.status).toBe(404);
    expect(await kk.text()).toContain('Төлем табылмады');
    const ru = await fetch(`${h.url}/pay/done/nope`, { headers: { cookie: 'kt_lang=ru', 'accept-language': 'kk' } });
    expect(await ru.text()).toContain('Платёж не найден');
  });
});

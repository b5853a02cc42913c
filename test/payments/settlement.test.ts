/**
 * Payment settlement through the gateway's signed result callback, over loopback HTTP, against a local Freedom Pay
 * and the built-in ledger: exact money, cl. 20 allocation, idempotency, forged and altered callbacks, declines,
 * cl. 31(13) restoration, and the accounts that take no payments (seed 001).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNTS, FEBRUARY_PENALTY_TIYN, MONTHLY_TIYN } from '../selfservice/fixtures.ts';
import { MERCHANT_SECRET, startPaymentsHarness, type PaymentsHarness } from './harness.ts';
import { pressTestPayment } from '../helpers/test-payment-page.ts';

let h: PaymentsHarness;
afterEach(async () => h?.close());

const pay = async (accountNumber: string, amountTiyn: number) => {
  const created = await h.service.createPayment({ accountNumber, amountTiyn, description: `Оплата ${accountNumber}`, chatKey: 'telegram:42', language: 'ru' });
  if (!created.ok) throw new Error(created.reason);
  return created.value.paymentId;
};

const audit = async (action: string) => (await h.store.audit.list({ action, limit: 50 }));

describe('Freedom Pay: money is exact', () => {
  it('cl. 20: the suggested amount (debt + penalty, to the tiyn) pays everything, allocated penalty → overdue → current', async () => {
    h = await startPaymentsHarness('freedompay');
    const before = await h.billing.getBalance(ACCOUNTS.overdue);
    expect(before?.totalDueTiyn).toBe(FEBRUARY_PENALTY_TIYN + 2 * MONTHLY_TIYN);
    const id = await pay(ACCOUNTS.overdue, before!.totalDueTiyn);
    expect(h.fake!.requests[0]?.fields.pg_amount).toBe('14161.60');

    const { status, answer, answerSignatureValid } = await h.fake!.complete(id);
    expect(status).toBe(200);
    expect(answer.pg_status).toBe('ok');
    expect(answerSignatureValid).toBe(true);

    const [event] = h.settled;
    expect(event?.kind).toBe('paid');
    if (event?.kind !== 'paid') return;
    expect(event.receipt.allocation).toEqual({
      collectionCostsTiyn: 0, penaltyTiyn: FEBRUARY_PENALTY_TIYN, overdueTiyn: MONTHLY_TIYN, currentTiyn: MONTHLY_TIYN, creditTiyn: 0,
    });
    const after = await h.billing.getBalance(ACCOUNTS.overdue);
    expect(after).toMatchObject({ totalDueTiyn: 0, penaltyTiyn: 0, overdueDebtTiyn: 0, currentDebtTiyn: 0 });
    expect(after?.lastPayments[0]?.amountTiyn).toBe(before!.totalDueTiyn);
    expect((await h.store.payments.get(id))?.status).toBe('paid');
  });

  it('cl. 20: a partial payment goes to the penalty first, then the overdue debt, nothing to the current one', async () => {
    h = await startPaymentsHarness('freedompay');
    const id = await pay(ACCOUNTS.overdue, 100_000);
    await h.fake!.complete(id);
    const [event] = h.settled;
    expect(event?.kind === 'paid' && event.receipt.allocation).toEqual({
      collectionCostsTiyn: 0, penaltyTiyn: FEBRUARY_PENALTY_TIYN, overdueTiyn: 100_000 - FEBRUARY_PENALTY_TIYN, currentTiyn: 0, creditTiyn: 0,
    });
  });

  it('cl. 31(13): paying a disconnected account in full says access is back within 3 hours (24 at most)', async () => {
    h = await startPaymentsHarness('freedompay');
    const due = (await h.billing.getBalance(ACCOUNTS.disconnected))!.totalDueTiyn;
    await h.fake!.complete(await pay(ACCOUNTS.disconnected, due));
    const [event] = h.settled;
    if (event?.kind !== 'paid') throw new Error('not paid');
    const paidAt = event.payment.paidAt!.getTime();
    expect(event.receipt.restoration?.restoreBy.getTime()).toBe(paidAt + 3 * 3_600_000);
    expect(event.receipt.restoration?.latestBy.getTime()).toBe(paidAt + 24 * 3_600_000);
  });
});

describe('Freedom Pay: callbacks that must not pay', () => {
  it('Should pay once when the gateway repeats the callback, and answer the repeat the same way', async () => {
    h = await startPaymentsHarness('freedompay');
    const id = await pay(ACCOUNTS.current, 500_000);
    const first = await h.fake!.complete(id);
    const second = await h.fake!.complete(id);
    expect([first.answer.pg_status, second.answer.pg_status]).toEqual(['ok', 'ok']);
    expect(h.settled).toHaveLength(1);
    expect(await h.store.billing.listPayments('acc-100000000001')).toHaveLength(1);
    expect((await h.billing.getBalance(ACCOUNTS.current))?.totalDueTiyn).toBe(MONTHLY_TIYN - 500_000);
  });

  it('Should reject a callback with a forged signature with HTTP 400, pay nothing, and log and audit it', async () => {
    h = await startPaymentsHarness('freedompay');
    const id = await pay(ACCOUNTS.current, 500_000);
    const forged = await h.fake!.complete(id, { secret: 'guessed-secret' });
    expect(forged.status).toBe(400);
    expect(forged.answer.pg_status).toBe('error');
    const tampered = await h.fake!.complete(id, { tamper: { pg_amount: '50000.00' } });
    expect(tampered.status).toBe(400);
    expect(h.settled).toHaveLength(0);
    expect((await h.store.payments.get(id))?.status).toBe('created');
    expect(await h.store.billing.listPayments('acc-100000000001')).toHaveLength(0);
    expect((await audit('payment.callback_rejected')).map((e) => e.details.why)).toEqual(['bad signature', 'bad signature']);
    expect(h.logs.some((l) => l.msg === 'payment callback rejected as forged or altered' && l.level === 'warn')).toBe(true);
  });

  it.each([
    ['an amount other than the one we created', { pg_amount: '50000.00' }, 'amount differs'],
    ['another currency', { pg_currency: 'USD' }, 'currency differs'],
    ['another gateway transaction', { pg_payment_id: '1' }, 'gateway payment id differs'],
  ])('Should reject a signed callback with %s and pay nothing', async (_what, override, why) => {
    h = await startPaymentsHarness('freedompay');
    const id = await pay(ACCOUNTS.current, 500_000);
    const { status, answer } = await h.fake!.complete(id, { override });
    expect(status).toBe(200);
    expect(answer.pg_status).toBe('rejected');
    expect(h.settled).toHaveLength(0);
    expect((await h.store.payments.get(id))?.status).toBe('created');
    expect((await audit('payment.callback_rejected'))[0]?.details.why).toBe(why);
  });

  it('Should reject a signed callback for an order we never created', async () => {
    h = await startPaymentsHarness('freedompay');
    const id = await pay(ACCOUNTS.current, 500_000);
    const { answer } = await h.fake!.complete(id, { override: { pg_order_id: '00000000-0000-4000-8000-000000000000' } });
    expect(answer.pg_status).toBe('rejected');
    expect((await audit('payment.callback_rejected'))[0]?.details.why).toBe('unknown order');
  });

  it('Should record a declined payment once, tell the chat, and leave the debt as it was', async () => {
    h = await startPaymentsHarness('freedompay');
    const id = await pay(ACCOUNTS.current, 500_000);
    const declined = await h.fake!.complete(id, { result: '0' });
    await h.fake!.complete(id, { result: '0' });
    expect(declined.answer.pg_status).toBe('ok');
    expect(h.settled.map((e) => e.kind)).toEqual(['declined']);
    const stored = await h.store.payments.get(id);
    expect(stored?.status).toBe('declined');
    expect(stored?.failureReason).toBe('101 Insufficient funds');
    expect((await h.billing.getBalance(ACCOUNTS.current))?.totalDueTiyn).toBe(MONTHLY_TIYN);
  });
});

describe('creating a payment', () => {
  it('seed 001 status 3: a closed account cannot pay — refused before any gateway is asked', async () => {
    h = await startPaymentsHarness('freedompay');
    const refused = await h.service.createPayment({ accountNumber: ACCOUNTS.closed, amountTiyn: 500_000, description: 'x', chatKey: null, language: 'kk' });
    expect(refused).toEqual({ ok: false, reason: 'rules:deny.nothingToPay' });
    expect(h.fake!.requests).toHaveLength(0);
  });

  it('Should refuse amounts outside the limits (100 ₸ … 500 000 ₸ by default)', async () => {
    h = await startPaymentsHarness('freedompay');
    for (const amountTiyn of [9_999, 50_000_001, 100.5]) {
      expect(await h.service.createPayment({ accountNumber: ACCOUNTS.current, amountTiyn, description: 'x', chatKey: null, language: 'kk' }))
        .toEqual({ ok: false, reason: 'payments:amount.outOfLimits', params: { minTiyn: 10_000, maxTiyn: 50_000_000 } });
    }
  });

  it('Should say the gateway is unavailable, and mark the payment failed, when Freedom Pay is down', async () => {
    h = await startPaymentsHarness('freedompay');
    h.fake!.mode = 'down';
    const result = await h.service.createPayment({ accountNumber: ACCOUNTS.current, amountTiyn: 500_000, description: 'x', chatKey: null, language: 'kk' });
    expect(result).toEqual({ ok: false, reason: 'payments:error.gatewayUnavailable' });
    const [payment] = await h.store.payments.listByAccount('acc-100000000001', 5);
    expect(payment?.status).toBe('failed');
  });
});

describe('the TEST gateway page', () => {
  it('Should show an unmistakable TEST banner in the payer\'s language and pay through the signed callback on Confirm', async () => {
    h = await startPaymentsHarness('test');
    const created = await h.service.createPayment({ accountNumber: ACCOUNTS.overdue, amountTiyn: 724_550, description: 'Төлем', chatKey: 'webchat:a', language: 'kk' });
    if (!created.ok) throw new Error(created.reason);
    expect(created.value.url).toBe(`${h.url}/pay/test/${created.value.paymentId}`);
    const page = await (await fetch(created.value.url)).text();
    expect(page).toContain('ТЕСТІЛІК ТӨЛЕМ — АҚША ЕСЕПТЕН ШЫҒАРЫЛМАЙДЫ');
    expect(page).toContain('7\u00a0245,50\u00a0₸');
    expect(page).toContain('Төлемді растау');

    const confirm = await pressTestPayment(created.value.url, 'confirm');
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`/pay/done/${created.value.paymentId}`);
    expect(h.settled.map((e) => e.kind)).toEqual(['paid']);
    const done = await (await fetch(`${h.url}/pay/done/${created.value.paymentId}`)).text();
    expect(done).toContain('Төлем қабылданды');

    // Pressing Confirm again (back button) pays nothing more.
    await pressTestPayment(created.value.url, 'confirm');
    expect(await h.store.billing.listPayments('acc-100000000002')).toHaveLength(1);
  });

  it('Should decline through the same callback on Decline, in Russian for a Russian speaker', async () => {
    h = await startPaymentsHarness('test');
    const created = await h.service.createPayment({ accountNumber: ACCOUNTS.current, amountTiyn: 500_000, description: 'Оплата', chatKey: null, language: 'ru' });
    if (!created.ok) throw new Error(created.reason);
    expect(await (await fetch(created.value.url)).text()).toContain('ТЕСТОВЫЙ ПЛАТЁЖ — ДЕНЬГИ НЕ СПИСЫВАЮТСЯ');
    await pressTestPayment(created.value.url, 'decline');
    expect(h.settled.map((e) => e.kind)).toEqual(['declined']);
    expect(await (await fetch(`${h.url}/pay/done/${created.value.paymentId}`)).text()).toContain('Оплата не прошла, деньги не списаны');
  });

  it('Should refuse a test callback signed with the Freedom Pay secret (each gateway has its own key)', async () => {
    h = await startPaymentsHarness('test');
    const { signed } = await import('../../core/payments/freedompay/signature.ts');
    const created = await h.service.createPayment({ accountNumber: ACCOUNTS.current, amountTiyn: 500_000, description: 'x', chatKey: null, language: 'ru' });
    if (!created.ok) throw new Error(created.reason);
    const fields = signed('result', { pg_order_id: created.value.paymentId, pg_payment_id: 'TEST-1', pg_amount: '5000.00', pg_currency: 'KZT', pg_result: '1' }, MERCHANT_SECRET);
    const response = await fetch(`${h.url}/pay/result`, { method: 'POST', body: new URLSearchParams(fields) });
    expect(response.status).toBe(400);
    expect(h.settled).toHaveLength(0);
  });

  it('Should answer 404 for a payment page that does not exist', async () => {
    h = await startPaymentsHarness('test');
    const response = await fetch(`${h.url}/pay/test/nope`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Платёж не найден');
  });
});

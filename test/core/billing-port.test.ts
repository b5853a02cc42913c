/**
 * The billing port's behaviour, run against both adapters: the built-in ledger, and the HTTP adapter talking to a
 * local server that implements core/billing/openapi.yaml. Plus the HTTP adapter's own failure paths.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { loadDemoData } from '../../core/demo/demo-data.ts';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import { HttpBilling } from '../../core/billing/http/http-billing.ts';
import type { BillingPort } from '../../core/billing/port.ts';
import { BillingLookupError } from '../../core/errors.ts';
import { startFakeBilling, type FakeBillingServer } from './billing-server.ts';

const NOW = '2026-03-10T06:00:00Z'; // Tuesday, 11:00 in Almaty
const TOKEN = 'test-token';
const servers: FakeBillingServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

interface Setup { billing: BillingPort; clock: ManualClock }

async function ledgerSetup(): Promise<Setup> {
  const clock = new ManualClock(NOW);
  const store = openSqliteStore(':memory:');
  await loadDemoData(store, clock);
  return { billing: new LedgerBilling(store, clock), clock };
}

async function httpSetup(): Promise<Setup & { server: FakeBillingServer }> {
  const { billing, clock } = await ledgerSetup();
  const server = await startFakeBilling(billing, TOKEN);
  servers.push(server);
  return { billing: new HttpBilling({ baseUrl: server.url, token: TOKEN, timeoutMs: 2000 }), clock, server };
}

const adapters: Array<[string, () => Promise<Setup>]> = [['ledger', ledgerSetup], ['http', httpSetup]];

describe.each(adapters)('billing port behaviour — %s adapter', (_name, setup) => {
  it('Should find the subscriber and every personal account by the verified phone', async () => {
    const { billing } = await setup();
    const s = await billing.findSubscriberByPhone('+77011234567');
    expect(s?.accounts.map((a) => [a.accountNumber, a.status, a.planName])).toEqual([
      ['100000000001', 'current', 'Megaline Plus'], ['100000000002', 'new', 'Megaline Optima'],
    ]);
    expect(await billing.findSubscriberByPhone('+77019999999')).toBeNull();
  });

  it('cl. 33(6), cl. 20: the overdue balance shows the penalty on what is left after a partial payment', async () => {
    const { billing } = await setup();
    const b = await billing.getBalance('100000000003');
    // Hit 5 980 ₸ due 7 March; 2 days late then 2 000 ₸ paid (penalty 89,70 ₸ first); day 3 on the rest: 30,52 ₸.
    expect(b).toMatchObject({ status: 'overdue', overdueDebtTiyn: 406_970, penaltyTiyn: 3_052, currentDebtTiyn: 0, totalDueTiyn: 410_022, dueDate: '2026-03-07' });
    expect(b?.lastPayments).toEqual([expect.objectContaining({ amountTiyn: 200_000 })]);
    expect(b?.asOf).toBeInstanceOf(Date);
    expect(await billing.getBalance('999999999999')).toBeNull();
  });

  it('cl. 20, seed 001 status 5: paying the suggested amount clears penalty then debt, and the account is current again', async () => {
    const { billing } = await setup();
    const r = await billing.registerPayment({ externalId: 'gw-1', accountNumber: '100000000003', amountTiyn: 410_022, paidAt: new Date(NOW) });
    expect(r.ok && r.value).toMatchObject({
      firstTime: true, allocation: { collectionCostsTiyn: 0, penaltyTiyn: 3_052, overdueTiyn: 406_970, currentTiyn: 0, creditTiyn: 0 },
      balance: { status: 'current', totalDueTiyn: 0 }, restoration: null,
    });
  });

  it('Payments are idempotent by external id: a repeat changes nothing; the same id with another amount is refused', async () => {
    const { billing } = await setup();
    const first = await billing.registerPayment({ externalId: 'gw-2', accountNumber: '100000000003', amountTiyn: 100_000, paidAt: new Date(NOW) });
    const again = await billing.registerPayment({ externalId: 'gw-2', accountNumber: '100000000003', amountTiyn: 100_000, paidAt: new Date(NOW) });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.firstTime).toBe(false);
    expect(again.value.allocation).toEqual(first.value.allocation);
    expect(again.value.balance.totalDueTiyn).toBe(first.value.balance.totalDueTiyn);
    expect(await billing.registerPayment({ externalId: 'gw-2', accountNumber: '100000000003', amountTiyn: 100_001, paidAt: new Date(NOW) }))
      .toEqual({ ok: false, reason: 'rules:payment.externalIdConflict' });
  });

  it('cl. 31(13): payment after disconnection — partial keeps it disconnected; full payment incl. penalty restores within 3 h', async () => {
    const { billing } = await setup();
    const before = await billing.getBalance('100000000004');
    // Two Turbo invoices; the older one's penalty capped at 30 days (2 025 ₸), the newer 10 days late (675 ₸).
    expect(before).toMatchObject({ status: 'disconnected', overdueDebtTiyn: 1_800_000, penaltyTiyn: 270_000, totalDueTiyn: 2_070_000 });
    const part = await billing.registerPayment({ externalId: 'gw-3', accountNumber: '100000000004', amountTiyn: 1_000_000, paidAt: new Date(NOW) });
    expect(part.ok && part.value).toMatchObject({ allocation: { penaltyTiyn: 270_000, overdueTiyn: 730_000 }, balance: { status: 'disconnected', totalDueTiyn: 1_070_000 }, restoration: null });
    const rest = await billing.registerPayment({ externalId: 'gw-4', accountNumber: '100000000004', amountTiyn: 1_070_000, paidAt: new Date(NOW) });
    expect(rest.ok && rest.value).toMatchObject({ balance: { status: 'current', totalDueTiyn: 0 } });
    expect(rest.ok && rest.value.restoration).toEqual({ restoreBy: new Date('2026-03-10T09:00:00Z'), latestBy: new Date('2026-03-11T06:00:00Z') });
  });

  it.each([
    ['seed 001 status 3: a closed account takes no payment', '100000000005', 1000, 'rules:deny.nothingToPay'],
    ['an unknown account', '999999999999', 1000, 'rules:payment.unknownAccount'],
    ['a zero amount', '100000000003', 0, 'rules:payment.invalidAmount'],
  ])('Payment refused: %s', async (_t, accountNumber, amountTiyn, reason) => {
    const { billing } = await setup();
    expect(await billing.registerPayment({ externalId: `gw-${accountNumber}-${amountTiyn}`, accountNumber, amountTiyn, paidAt: new Date(NOW) })).toEqual({ ok: false, reason });
  });

  it('seed 000: the plan list marks the current plan and what may be ordered', async () => {
    const { billing } = await setup();
    const r = await billing.listPlans('100000000001');
    expect(r.ok && r.value.map((p) => [p.planId, p.current, p.unavailableReason, p.demoPrice])).toEqual([
      ['megaline-start', false, null, true], ['megaline-plus', true, 'rules:plan.samePlan', true], ['megaline-optima', false, null, true],
      ['megaline-turbo', false, null, true], ['megaline-hit', false, null, true],
    ]);
  });

  it('seed 000 note 4, cl. 32(22): a downgrade on a term contract costs 724,50 ₸ from 1 April, with the compensation warning; the order needs the same quote', async () => {
    const { billing } = await setup();
    const q = await billing.quotePlanChange('100000000001', 'megaline-start');
    expect(q.ok && q.value).toMatchObject({ direction: 'same_or_lower', feeTiyn: 72_450, effectiveDate: '2026-04-01', termContractWarning: { until: '2026-11-05' } });
    if (!q.ok) return;
    expect(await billing.orderPlanChange({ accountNumber: '100000000001', toPlanId: 'megaline-start', quoteId: 'stale', applicationId: 'app-1' }))
      .toEqual({ ok: false, reason: 'rules:plan.quoteChanged' });
    const order = await billing.orderPlanChange({ accountNumber: '100000000001', toPlanId: 'megaline-start', quoteId: q.value.quoteId, applicationId: 'app-1' });
    expect(order.ok && order.value).toMatchObject({ applied: false, quote: { quoteId: q.value.quoteId } });
    const again = await billing.quotePlanChange('100000000001', 'megaline-turbo');
    expect(again).toEqual({ ok: false, reason: 'rules:plan.changePending', params: { date: '2026-04-01' } });
  });

  it('Should answer a repeated order of one signed application with the order already placed, even once the terms changed (issue 20 item 10)', async () => {
    const { billing } = await setup();
    const q = await billing.quotePlanChange('100000000001', 'megaline-start');
    if (!q.ok) throw new Error('no quote');
    const input = { accountNumber: '100000000001', toPlanId: 'megaline-start', quoteId: q.value.quoteId, applicationId: 'app-9' };
    const first = await billing.orderPlanChange(input);
    // A fresh quote is refused now (a change is pending); the same application still gets its order back, not a second one.
    expect(await billing.quotePlanChange('100000000001', 'megaline-start')).toMatchObject({ ok: false, reason: 'rules:plan.changePending' });
    expect(await billing.orderPlanChange(input)).toEqual(first);
    const r = await billing.quoteRefusal({ accountNumber: '100000000001', services: ['phone'] });
    if (!r.ok) throw new Error('no refusal quote');
    const refusal = { accountNumber: '100000000001', services: ['phone'], quoteId: r.value.quoteId, applicationId: 'app-10', reason: 'moving_away' as const };
    const placed = await billing.orderRefusal(refusal);
    expect(placed.ok).toBe(true);
    expect(await billing.orderRefusal(refusal)).toEqual(placed);
  });

  it('seed 001 status 5: an overdue account cannot change plan; the reason carries the amount to pay', async () => {
    const { billing } = await setup();
    expect(await billing.quotePlanChange('100000000003', 'megaline-turbo')).toEqual({ ok: false, reason: 'rules:deny.overdueDebt', params: { amountTiyn: 410_022 } });
  });

  it('cl. 21(2), 32(10): refusing the whole contract with money on the account — refund in 10 working days (Nauryz 23–25 March not counted), modem back', async () => {
    const { billing } = await setup();
    const q = await billing.quoteRefusal({ accountNumber: '100000000006', services: ['megaline'] });
    expect(q.ok && q.value).toMatchObject({
      wholeContract: true, debtToSettleTiyn: 0, terminationDate: '2026-03-10', equipmentReturnBy: '2026-03-10',
      equipmentToReturn: [{ type: 'adsl-modem', serial: 'ZTE0A1B2C3' }], refund: { amountTiyn: 400_000, bankTransferBy: '2026-03-27', offsetAccounts: [] },
    });
    if (!q.ok) return;
    const base = { accountNumber: '100000000006', services: ['megaline'], quoteId: q.value.quoteId, applicationId: 'app-2' };
    expect(await billing.orderRefusal({ ...base, reason: 'moving_away' })).toEqual({ ok: false, reason: 'rules:refusal.refundTargetRequired' });
    const order = await billing.orderRefusal({ ...base, reason: 'moving_away', refundTo: { kind: 'bank', iban: 'KZ86125KZT5004100100' } });
    expect(order.ok && order.value.quote.quoteId).toBe(q.value.quoteId);
  });
});

describe('HTTP billing adapter: wire and failure paths', () => {
  it('Should send the bearer token and the documented paths', async () => {
    const { billing, server } = await httpSetup();
    await billing.getBalance('100000000001');
    await billing.registerPayment({ externalId: 'gw-w', accountNumber: '100000000001', amountTiyn: 100, paidAt: new Date(NOW) });
    expect(server.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/accounts/100000000001/balance', `Bearer ${TOKEN}`], ['POST', '/payments', `Bearer ${TOKEN}`],
    ]);
    expect(server.requests[1]?.body).toEqual({ externalId: 'gw-w', accountNumber: '100000000001', amountTiyn: 100, paidAt: '2026-03-10T06:00:00.000Z' });
  });

  it.each([
    ['a 503 from the billing', (s: FakeBillingServer) => { s.failWith = 503; }],
    ['a billing slower than BILLING_TIMEOUT_MS', (s: FakeBillingServer) => { s.delayMs = 500; }],
  ])('Should throw BillingLookupError (rules:billing.unavailable) on %s', async (_t, breakIt) => {
    const { server } = await httpSetup();
    breakIt(server);
    const billing = new HttpBilling({ baseUrl: server.url, token: TOKEN, timeoutMs: 100 });
    const err = await billing.getBalance('100000000001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BillingLookupError);
    expect((err as BillingLookupError).reason).toBe('rules:billing.unavailable');
  });

  it('Should throw BillingLookupError when the token is refused or nothing listens', async () => {
    const { server } = await httpSetup();
    await expect(new HttpBilling({ baseUrl: server.url, token: 'wrong', timeoutMs: 1000 }).getBalance('100000000001')).rejects.toBeInstanceOf(BillingLookupError);
    const url = server.url;
    await server.close();
    servers.length = 0;
    await expect(new HttpBilling({ baseUrl: url, token: TOKEN, timeoutMs: 1000 }).getBalance('100000000001')).rejects.toBeInstanceOf(BillingLookupError);
  });

  it('Should show a refusal code that is not ours as a generic refusal', async () => {
    const { billing, server } = await httpSetup();
    server.reasonOverride = 'ERR_ACCOUNT_LOCKED';
    expect(await billing.quotePlanChange('100000000003', 'megaline-turbo')).toEqual({ ok: false, reason: 'rules:billing.rejected', params: { amountTiyn: 410_022 } });
  });
});

/** Time-driven status moves and restoration tracking as persisted scheduler jobs (seed 001, cl. 17, 31(13)). */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { DAILY_JOB, registerAccountJobs, runDailySweep } from '../../core/accounts/jobs.ts';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import { MEGALINE_PLANS } from '../../core/plans/catalogue.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import type { Store } from '../../core/store/store.ts';

const logger = createLogger('silent');

async function world(start: string, account: Partial<PersonalAccount> = {}) {
  const clock = new ManualClock(start);
  const store: Store = openSqliteStore(':memory:');
  for (const p of MEGALINE_PLANS) await store.billing.upsertPlan(p);
  await store.subscribers.create({ id: 's', fullName: 'Тест Тестов', phone: '+77010000001', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date('2025-01-01') });
  await store.accounts.create({
    id: 'a', number: '200000000001', subscriberId: 's', status: 'current', statusSince: new Date('2025-06-01T00:00:00Z'), billingMethod: 'credit',
    address: 'Алматы', region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null,
    openedAt: new Date('2025-06-01T00:00:00Z'), closedAt: null, ...account,
  });
  const scheduler = new Scheduler({ store, clock, logger });
  await registerAccountJobs(scheduler, { store, clock, logger, policy: { disconnectAfterDays: 10, doubtfulAfterDays: 90 } });
  const status = async () => (await store.accounts.get('a'))!.status;
  /** Moves the clock to `at` and lets the scheduler fire whatever is due (the daily job re-schedules itself). */
  const runUntil = async (at: string) => {
    const target = new Date(at).getTime();
    for (;;) {
      await scheduler.tick();
      const next = (await store.jobs.getPending(`${DAILY_JOB}:${new Date(clock.now().getTime() + 5 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)}`))?.dueAt.getTime();
      if (!next || next > target) break;
      clock.set(new Date(next));
    }
    clock.set(new Date(target));
    await scheduler.tick();
  };
  return { clock, store, scheduler, status, runUntil, billing: new LedgerBilling(store, clock) };
}

describe('account jobs', () => {
  it('cl. 17, seed 001 status 5: the daily job issues February on 1 March and marks it overdue on the 26th, not on the 25th', async () => {
    const w = await world('2026-02-28T19:10:00Z'); // 00:10 on 1 March in Almaty
    await w.scheduler.tick();
    expect((await w.billing.getBalance('200000000001'))).toMatchObject({ currentDebtTiyn: 624_000, dueDate: '2026-03-25', status: 'current' });
    await w.runUntil('2026-03-25T18:00:00Z'); // 23:00 on the 25th
    expect(await w.status()).toBe('current');
    await w.runUntil('2026-03-25T19:30:00Z'); // 00:30 on the 26th
    expect(await w.status()).toBe('overdue');
  });

  it('seed 001 status 5–6: disconnected by the blocking schedule; full payment incl. penalty brings it back (cl. 31(13))', async () => {
    const w = await world('2026-02-28T19:10:00Z');
    await w.runUntil('2026-04-04T19:30:00Z'); // 5 April: 10 days after the due date
    expect(await w.status()).toBe('disconnected');
    const due = (await w.billing.getBalance('200000000001'))!;
    expect(due.penaltyTiyn).toBe(51_480); // 26 March – 5 April: 11 days × 0.75 % of 6 240 ₸ (March's invoice, issued 1 April, is still current)
    const paid = await w.billing.registerPayment({ externalId: 'p1', accountNumber: '200000000001', amountTiyn: due.totalDueTiyn, paidAt: w.clock.now() });
    expect(paid.ok && paid.value.balance.status).toBe('current');
  });

  it('cl. 31(13): restoration is done by the next tick; one left undone is flagged at 3 h and breached at 24 h', async () => {
    const w = await world('2026-04-05T06:00:00Z', { status: 'disconnected', statusSince: new Date('2026-04-04T19:30:00Z') });
    await w.store.billing.addInvoice({ id: 'i', accountId: 'a', kind: 'monthly', period: '2026-02', issuedAt: new Date('2026-02-28T19:00:00Z'), dueDate: '2026-03-25', amountTiyn: 100_000, lines: [] });
    const owed = (await w.billing.getBalance('200000000001'))!.totalDueTiyn;
    await w.billing.registerPayment({ externalId: 'p2', accountNumber: '200000000001', amountTiyn: owed, paidAt: w.clock.now() });
    const id = 'restore:a:p2';
    await w.store.jobs.cancel(`${id}:do`); // provisioning never happens
    w.clock.advanceMinutes(3 * 60 + 1);
    await w.scheduler.tick();
    expect(await w.store.billing.getRestoration(id)).toMatchObject({ restoredAt: null, flaggedAt: expect.any(Date), breachedAt: null });
    w.clock.advanceMinutes(21 * 60);
    await w.scheduler.tick();
    expect((await w.store.billing.getRestoration(id))?.breachedAt).toBeInstanceOf(Date);
  });

  it('cl. 31(13): with provisioning running, access is restored at the first tick after payment', async () => {
    const w = await world('2026-04-05T06:00:00Z', { status: 'disconnected', statusSince: new Date('2026-04-04T19:30:00Z') });
    await w.billing.registerPayment({ externalId: 'p3', accountNumber: '200000000001', amountTiyn: 100, paidAt: w.clock.now() });
    await w.scheduler.tick();
    expect(await w.store.billing.getRestoration('restore:a:p3')).toMatchObject({ restoredAt: new Date('2026-04-05T06:00:00Z'), flaggedAt: null });
  });

  it('The sweep is idempotent: a second run the same day issues nothing and moves nothing', async () => {
    const w = await world('2026-03-26T06:00:00Z', { status: 'new', openedAt: new Date('2026-02-10T06:00:00Z'), statusSince: new Date('2026-02-10T06:00:00Z') });
    const first = await runDailySweep({ store: w.store, clock: w.clock, logger });
    const second = await runDailySweep({ store: w.store, clock: w.clock, logger });
    expect(first).toMatchObject({ invoicesIssued: 1, transitions: 1 }); // February pro rata, then new → overdue
    expect(second).toEqual({ invoicesIssued: 0, transitions: 0, planChangesApplied: 0, refusalsApplied: 0 });
    expect(await w.status()).toBe('overdue');
  });

  it('The daily job survives a restart: a run missed while down fires on the first tick, then schedules the next day', async () => {
    const w = await world('2026-03-10T06:00:00Z');
    await w.scheduler.tick();
    expect(await w.store.jobs.getPending(`${DAILY_JOB}:2026-03-11`)).toMatchObject({ dueAt: new Date('2026-03-10T19:05:00Z') });
    // "Restart" three days later with a new scheduler on the same store.
    w.clock.set('2026-03-13T08:00:00Z');
    const again = new Scheduler({ store: w.store, clock: w.clock, logger });
    await registerAccountJobs(again, { store: w.store, clock: w.clock, logger });
    expect((await again.tick()).failed).toBe(0);
    expect(await w.store.jobs.getPending(`${DAILY_JOB}:2026-03-11`)).toBeNull();
    expect(await w.store.jobs.getPending(`${DAILY_JOB}:2026-03-12`)).toBeNull();
    expect(await w.store.jobs.getPending(`${DAILY_JOB}:2026-03-14`)).toMatchObject({ dueAt: new Date('2026-03-13T19:05:00Z') });
    expect(await w.store.jobs.countPending()).toBe(1);
  });

  it('PRODUCT.md: an ordered plan change applies on the 1st of next month', async () => {
    const w = await world('2026-03-20T06:00:00Z');
    const q = await w.billing.quotePlanChange('200000000001', 'megaline-turbo');
    if (!q.ok) throw new Error(q.reason);
    await w.billing.orderPlanChange({ accountNumber: '200000000001', toPlanId: 'megaline-turbo', quoteId: q.value.quoteId, applicationId: 'x' });
    await w.runUntil('2026-03-31T18:00:00Z');
    expect((await w.store.accounts.get('a'))?.planId).toBe('megaline-plus');
    await w.runUntil('2026-03-31T19:30:00Z');
    expect((await w.store.accounts.get('a'))?.planId).toBe('megaline-turbo');
  });

  it.each([
    ['seed 001 status 5: an advance account charged on 1 March without a deposit is not overdue on 2 March', '2026-03-01T19:30:00Z', 'current'],
    ['seed 001 status 5: … nor disconnected on 11 March', '2026-03-10T19:30:00Z', 'current'],
    ['seed 001 status 5 "unpaid by the 25th day of the month after the month of service": still current on 25 April', '2026-04-25T06:00:00Z', 'current'],
    ['seed 001 status 5: overdue on 26 April', '2026-04-25T19:30:00Z', 'overdue'],
    ['seed 001 status 5–6: disconnected by the blocking schedule 10 days after the 25th', '2026-05-04T19:30:00Z', 'disconnected'],
  ])('%s', async (_t, at, status) => {
    const w = await world('2026-02-28T19:10:00Z', { billingMethod: 'advance' });
    await w.runUntil(at);
    expect(await w.status()).toBe(status);
  });

  it('seed 001 status 5: the penalty on an advance charge starts on the 26th of the next month, not on the 2nd (cl. 33(6) day 1)', async () => {
    const w = await world('2026-02-28T19:10:00Z', { billingMethod: 'advance' });
    await w.runUntil('2026-04-25T06:00:00Z');
    expect((await w.billing.getBalance('200000000001'))?.penaltyTiyn).toBe(0);
    await w.runUntil('2026-04-26T06:00:00Z');
    expect((await w.billing.getBalance('200000000001'))?.penaltyTiyn).toBe(4_680); // 0.75 % of March's 6 240 ₸
  });

  /** Orders the refusal of every service on `terminationDate` through the ledger, as a signed application would. */
  const refuseAll = async (w: Awaited<ReturnType<typeof world>>, terminationDate: string, refundTo?: { kind: 'bank'; iban: string }) => {
    const q = await w.billing.quoteRefusal({ accountNumber: '200000000001', services: ['megaline'], terminationDate, reason: 'moving_away' });
    if (!q.ok) throw new Error(q.reason);
    const order = await w.billing.orderRefusal({ accountNumber: '200000000001', services: ['megaline'], terminationDate, reason: 'moving_away', quoteId: q.value.quoteId, applicationId: 'app', ...(refundTo ? { refundTo } : {}) });
    if (!order.ok) throw new Error(order.reason);
    return q.value;
  };

  it('cl. 13 "on condition that the debt … up to the date of termination … has been paid": services go on the date, the account closes on the payment that settles it', async () => {
    const w = await world('2026-02-28T19:10:00Z');
    await w.scheduler.tick(); // 1 March: February issued, due 25 March
    await refuseAll(w, '2026-03-10');
    await w.runUntil('2026-03-09T19:30:00Z'); // 00:30 on 10 March
    expect(await w.store.accounts.get('a')).toMatchObject({ services: [], status: 'current', closedAt: null });
    const owed = (await w.billing.getBalance('200000000001'))!.totalDueTiyn;
    expect(owed).toBe(624_000 + 201_290); // February + 1–10 March (10 of 31 days of 6 240 ₸), cl. 13, 32(14)
    await w.billing.registerPayment({ externalId: 'settle', accountNumber: '200000000001', amountTiyn: owed, paidAt: w.clock.now() });
    expect(await w.status()).toBe('closed');
  });

  it('cl. 13, seed 001 status 5: unpaid, the refused contract\'s debt ages like any other — overdue on the 26th — and still closes when paid', async () => {
    const w = await world('2026-02-28T19:10:00Z');
    await w.scheduler.tick();
    await refuseAll(w, '2026-03-10');
    await w.runUntil('2026-03-25T19:30:00Z');
    expect(await w.status()).toBe('overdue');
    const owed = (await w.billing.getBalance('200000000001'))!.totalDueTiyn;
    await w.billing.registerPayment({ externalId: 'late', accountNumber: '200000000001', amountTiyn: owed, paidAt: w.clock.now() });
    expect(await w.status()).toBe('closed');
    expect(await w.store.billing.listOpenRestorations('a')).toEqual([]); // no services to reopen
  });

  it('cl. 21(2), 32(10): on completion the prepayment is refunded to the bank, less the act cost of a modem not handed back by the termination date', async () => {
    const w = await world('2026-02-28T19:10:00Z', { billingMethod: 'advance' });
    const paidAt = new Date('2026-02-20T06:00:00Z');
    await w.store.billing.addPayment({ id: 'dep', externalId: 'deposit', accountId: 'a', kind: 'payment', amountTiyn: 2_000_000, paidAt, registeredAt: paidAt });
    await w.store.billing.addEquipment({ id: 'm', accountId: 'a', type: 'adsl-modem', model: 'ZTE', serial: 'S1', costTiyn: 950_000, returnedAt: null });
    await w.runUntil('2026-03-02T06:00:00Z'); // March charged on the 1st against the deposit
    const quote = await refuseAll(w, '2026-03-10', { kind: 'bank', iban: 'KZ86125KZT5004100100' });
    expect(quote.refund?.amountTiyn).toBe(2_000_000 - 624_000);
    await w.runUntil('2026-03-09T19:30:00Z');
    expect(await w.status()).toBe('closed');
    const refund = (await w.store.billing.listPayments('a')).find((p) => p.externalId.startsWith('refund:'));
    expect(refund?.amountTiyn).toBe(-(2_000_000 - 624_000 - 950_000));
  });
});

/** Instalment agreements: seed 001 status 6 ("…or an instalment agreement is signed; the status then returns to current"), cl. 12 para 3, cl. 31(13). */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { registerAccountJobs, runDailySweep } from '../../core/accounts/jobs.ts';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import { MEGALINE_PLANS } from '../../core/plans/catalogue.ts';
import { concludeAgreement, requestAgreement } from '../../core/instalments/agreements.ts';
import { validateSchedule } from '../../core/instalments/rules.ts';
import type { AccountStatus } from '../../core/accounts/status.ts';
import type { Application } from '../../core/applications/model.ts';

const application = { id: 'app-1', signedAt: new Date('2026-04-10T06:00:00Z') } as Application;

async function world(initial: AccountStatus) {
  const clock = new ManualClock('2026-04-10T06:00:00Z');
  const store = openSqliteStore(':memory:');
  for (const p of MEGALINE_PLANS) await store.billing.upsertPlan(p);
  await store.subscribers.create({ id: 's', fullName: 'Тест Тестов', phone: '+77010000001', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date('2025-01-01') });
  await store.accounts.create({
    id: 'a', number: '200000000001', subscriberId: 's', status: initial, statusSince: new Date('2026-04-05T06:00:00Z'), billingMethod: 'credit',
    address: 'Алматы', region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null,
    openedAt: new Date('2025-06-01T00:00:00Z'), closedAt: null,
  });
  // February, due 25 March: 16 days late on 10 April.
  await store.billing.addInvoice({ id: 'feb', accountId: 'a', kind: 'monthly', period: '2026-02', issuedAt: new Date('2026-02-28T19:00:00Z'), dueDate: '2026-03-25', amountTiyn: 624_000, lines: [] });
  const deps = { store, clock, logger: silentLogger };
  const scheduler = new Scheduler({ store, clock, logger: silentLogger });
  await registerAccountJobs(scheduler, { ...deps, policy: { disconnectAfterDays: 10, doubtfulAfterDays: 90 } });
  const billing = new LedgerBilling(store, clock);
  const status = async () => (await store.accounts.get('a'))!.status;
  const sweep = () => runDailySweep({ ...deps, policy: { disconnectAfterDays: 10, doubtfulAfterDays: 90 } });
  const requested = await requestAgreement(deps, application, (await store.accounts.get('a'))!);
  if (!requested.ok) throw new Error(requested.reason);
  return { clock, store, deps, scheduler, billing, status, sweep, agreement: requested.value };
}

describe('seed 001 status 6: the instalment agreement', () => {
  it('cl. 12 para 3: a request alone restores nothing — the account stays disconnected', async () => {
    const w = await world('disconnected');
    expect(w.agreement).toMatchObject({ status: 'requested', debtTiyn: 624_000 + 74_880 }); // debt + 16 days × 0.75 %
    await w.sweep();
    expect(await w.status()).toBe('disconnected');
    expect(await w.store.billing.listOpenRestorations('a')).toEqual([]);
  });

  it('seed 001 status 6 "or an instalment agreement is signed; the status then returns to current", access within 3 h (cl. 31(13))', async () => {
    const w = await world('disconnected');
    const parts = [{ dueDate: '2026-04-25', amountTiyn: 349_440 }, { dueDate: '2026-05-25', amountTiyn: 349_440 }];
    const done = await concludeAgreement(w.deps, { agreementId: w.agreement.id, parts, by: 'agent-1' });
    expect(done.ok && done.value.restoreBy).toEqual(new Date('2026-04-10T09:00:00Z'));
    expect(await w.status()).toBe('current');
    await w.scheduler.tick();
    expect((await w.store.billing.getRestoration(`restore:a:instalment:${w.agreement.id}`))?.restoredAt).toEqual(w.clock.now());
    const audit = await w.store.audit.list({ action: 'instalment.concluded' });
    expect(audit[0]).toMatchObject({ actorId: 'agent-1', entityId: 'a', details: { from: 'disconnected', parts: 2 } });
  });

  it('seed 001 status 6: while the parts are paid on time, the covered debt does not make the account overdue again; paid off, it ends', async () => {
    const w = await world('overdue');
    await concludeAgreement(w.deps, { agreementId: w.agreement.id, parts: [{ dueDate: '2026-04-25', amountTiyn: 349_440 }, { dueDate: '2026-05-25', amountTiyn: 349_440 }], by: 'agent-1' });
    w.clock.set('2026-04-25T06:00:00Z');
    // The first part and March's invoice (due 25 April, not covered by the agreement): both due by today.
    await w.billing.registerPayment({ externalId: 'p1', accountNumber: '200000000001', amountTiyn: 349_440 + 624_000, paidAt: w.clock.now() });
    w.clock.set('2026-04-26T06:00:00Z');
    await w.sweep(); // issues March too
    expect(await w.status()).toBe('current');
    // cl. 20: that money paid the covered debt off first, so the agreement is paid; the schedule still holds March to 25 May.
    expect((await w.store.instalments.get(w.agreement.id))?.status).toBe('paid');
    w.clock.set('2026-05-25T06:00:00Z');
    const owed = (await w.billing.getBalance('200000000001'))!.totalDueTiyn;
    await w.billing.registerPayment({ externalId: 'p2', accountNumber: '200000000001', amountTiyn: owed, paidAt: w.clock.now() });
    await w.sweep();
    expect((await w.store.instalments.get(w.agreement.id))?.status).toBe('paid');
    expect(await w.status()).toBe('current');
  });

  it('seed 001 status 5: a missed instalment breaks the agreement — overdue again, disconnected 10 days after the missed part, not at once', async () => {
    const w = await world('overdue');
    await concludeAgreement(w.deps, { agreementId: w.agreement.id, parts: [{ dueDate: '2026-04-25', amountTiyn: 349_440 }, { dueDate: '2026-05-25', amountTiyn: 349_440 }], by: 'agent-1' });
    w.clock.set('2026-04-25T12:00:00Z');
    await w.sweep();
    expect(await w.status()).toBe('current'); // the part's own day is on time
    w.clock.set('2026-04-26T06:00:00Z');
    await w.sweep();
    expect(await w.status()).toBe('overdue');
    expect((await w.store.instalments.get(w.agreement.id))?.status).toBe('broken');
    w.clock.set('2026-05-04T06:00:00Z');
    await w.sweep();
    expect(await w.status()).toBe('overdue');
    w.clock.set('2026-05-05T06:00:00Z');
    await w.sweep();
    expect(await w.status()).toBe('disconnected');
  });

  it('seed 001 status 6 "extra services may be added": under a kept agreement the covered debt does not block a plan change', async () => {
    const w = await world('overdue');
    expect((await w.billing.quotePlanChange('200000000001', 'megaline-turbo')).ok).toBe(false);
    await concludeAgreement(w.deps, { agreementId: w.agreement.id, parts: [{ dueDate: '2026-05-25', amountTiyn: 698_880 }], by: 'agent-1' });
    expect((await w.billing.quotePlanChange('200000000001', 'megaline-turbo')).ok).toBe(true);
  });

  it.each([
    ['cl. 12 para 3: the parts must add up to the debt, to the tiyn', [{ dueDate: '2026-04-25', amountTiyn: 100 }], 'rules:instalment.sumMismatch'],
    ['cl. 12 para 3: no part dated in the past', [{ dueDate: '2026-04-09', amountTiyn: 698_880 }], 'rules:instalment.dateInPast'],
    ['cl. 12 para 3: dates in order', [{ dueDate: '2026-05-25', amountTiyn: 1 }, { dueDate: '2026-04-25', amountTiyn: 698_879 }], 'rules:instalment.datesOrder'],
    ['cl. 12 para 3: at least one part', [], 'rules:instalment.noParts'],
  ])('%s', async (_t, parts, reason) => {
    expect(validateSchedule(parts, 698_880, '2026-04-10')).toMatchObject({ ok: false, reason });
  });

  it('cl. 12 para 3: an agreement is concluded once; a second conclusion is refused', async () => {
    const w = await world('overdue');
    const parts = [{ dueDate: '2026-05-25', amountTiyn: 698_880 }];
    expect((await concludeAgreement(w.deps, { agreementId: w.agreement.id, parts, by: 'agent-1' })).ok).toBe(true);
    expect(await concludeAgreement(w.deps, { agreementId: w.agreement.id, parts, by: 'agent-2' })).toEqual({ ok: false, reason: 'rules:instalment.notRequested' });
  });
});

/**
 * Seed 001's decision-driven moves (issue 18 item 11): write-off (status 7 → 8), reconnection (status 3 within 30
 * calendar days, status 9 while the credit is up to 12 months old → current), credit moved on application (status 9,
 * 12 months – 3 years → archive). Each through the transition table, refused with a reason, audited.
 */
import { describe, expect, it } from 'vitest';
import { decideAccountStatus, type DecisionInput } from '../../core/accounts/decisions.ts';
import type { AccountStatus } from '../../core/accounts/status.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { readPosition } from '../../core/billing/ledger/position.ts';

async function world(status: AccountStatus, closedAt: string, money: { debtTiyn?: number; creditTiyn?: number } = {}, now = '2026-04-10T06:00:00Z') {
  const store = openSqliteStore(':memory:');
  const clock = new ManualClock(now);
  await store.subscribers.create({ id: 's', fullName: 'Тест Тестов', phone: '+77010000001', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date('2020-01-01') });
  const account = (id: string, number: string, st: AccountStatus, closed: Date | null) => store.accounts.create({
    id, number, subscriberId: 's', status: st, statusSince: closed ?? new Date('2020-01-01'), billingMethod: 'credit', address: 'Алматы', region: 'Алматытелеком',
    planId: 'megaline-plus', services: [], termContractUntil: null, openedAt: new Date('2020-01-01'), closedAt: closed,
  });
  await account('a', '200000000001', status, new Date(closedAt));
  await account('b', '200000000002', 'current', null);
  if (money.debtTiyn) await store.billing.addInvoice({ id: 'old', accountId: 'a', kind: 'monthly', period: '2020-01', issuedAt: new Date('2020-01-31T19:00:00Z'), dueDate: '2020-02-25', amountTiyn: money.debtTiyn, lines: [] });
  if (money.creditTiyn) await store.billing.addPayment({ id: 'p', externalId: 'p', accountId: 'a', kind: 'payment', amountTiyn: money.creditTiyn, paidAt: new Date('2020-01-01'), registeredAt: new Date('2020-01-01') });
  const deps = { accounts: store.accounts, billing: store.billing, audit: store.audit, clock, logger: silentLogger };
  const decide = (input: Omit<DecisionInput, 'accountId' | 'by' | 'note'> & { note?: string }) => decideAccountStatus(deps, { accountId: 'a', by: 'sup-1', note: 'протокол № 7', ...input });
  const get = async (id = 'a') => (await store.accounts.get(id))!;
  return { store, clock, decide, get };
}

describe('seed 001: moves a supervisor decides', () => {
  it.each([
    ['status 7 "when the doubtful debt is recognised as bad and written off" → 8', 'closed_doubtful_debt', '2025-01-01T00:00:00Z', { debtTiyn: 500_000 }, { decision: 'write_off' }, 'closed_written_off'],
    ['status 3 "reconnected to the same account within 30 calendar days of closing": day 30 → current', 'closed', '2026-03-11T06:00:00Z', {}, { decision: 'reconnect', services: ['megaline'] }, 'current'],
    ['status 9 "up to 12 months: reconnect allowed … the balance counts toward charges" → current', 'closed_credit_balance', '2025-05-01T06:00:00Z', { creditTiyn: 100_000 }, { decision: 'reconnect', services: ['megaline', 'phone'] }, 'current'],
    ['status 9 "12 months – 3 years … moved to the subscriber\'s new account or to their bank card" → archive', 'closed_credit_balance', '2024-04-01T06:00:00Z', { creditTiyn: 100_000 }, { decision: 'archive_credit', creditTo: { kind: 'card' } }, 'archive'],
  ] as Array<[string, AccountStatus, string, { debtTiyn?: number; creditTiyn?: number }, Omit<DecisionInput, 'accountId' | 'by' | 'note'>, AccountStatus]>)('%s', async (_t, from, closedAt, money, input, to) => {
    const w = await world(from, closedAt, money);
    expect(await w.decide(input)).toEqual({ ok: true, value: { from, to } });
    expect((await w.get()).status).toBe(to);
    const [entry] = await w.store.audit.list({ entity: 'account', entityId: 'a' });
    expect(entry).toMatchObject({ actorId: 'sup-1', details: { from, to, note: 'протокол № 7' } });
  });

  it.each([
    ['status 7: write-off only from closed with doubtful debt — not from closed', 'closed', '2026-04-01T00:00:00Z', {}, { decision: 'write_off' }, 'rules:decision.wrongStatus'],
    ['status 7: nothing to write off when the debt is paid', 'closed_doubtful_debt', '2025-01-01T00:00:00Z', {}, { decision: 'write_off' }, 'rules:decision.noDebt'],
    ['status 3 "within 30 calendar days": day 31 is too late ("after 30 … moved to archive")', 'closed', '2026-03-10T06:00:00Z', {}, { decision: 'reconnect', services: ['megaline'] }, 'rules:decision.reconnectTooLate'],
    ['status 4 "reconnecting to an archived account is not allowed"', 'archive', '2026-03-01T06:00:00Z', {}, { decision: 'reconnect', services: ['megaline'] }, 'rules:decision.wrongStatus'],
    ['status 9 "12 months – 3 years: reconnect not allowed"', 'closed_credit_balance', '2025-04-10T06:00:00Z', { creditTiyn: 100_000 }, { decision: 'reconnect', services: ['megaline'] }, 'rules:decision.creditTooOldToReconnect'],
    ['status 9: a credit under 12 months is not moved, it counts toward charges', 'closed_credit_balance', '2025-05-01T06:00:00Z', { creditTiyn: 100_000 }, { decision: 'archive_credit', creditTo: { kind: 'card' } }, 'rules:decision.creditTooYoung'],
    ['status 9 "3 years … if no application, moved to doubtful credit": too old to move on application', 'closed_credit_balance', '2023-04-10T06:00:00Z', { creditTiyn: 100_000 }, { decision: 'archive_credit', creditTo: { kind: 'card' } }, 'rules:decision.creditTooOld'],
    ['reconnection needs the services connected again', 'closed', '2026-04-01T06:00:00Z', {}, { decision: 'reconnect', services: [] }, 'rules:decision.needsServices'],
    ['every decision needs its reference (protocol, application)', 'closed_doubtful_debt', '2025-01-01T00:00:00Z', { debtTiyn: 1 }, { decision: 'write_off', note: '   ' }, 'rules:decision.needsNote'],
  ] as Array<[string, AccountStatus, string, { debtTiyn?: number; creditTiyn?: number }, Omit<DecisionInput, 'accountId' | 'by'>, string]>)('%s', async (_t, from, closedAt, money, input, reason) => {
    const w = await world(from, closedAt, money);
    expect(await w.decide(input)).toMatchObject({ ok: false, reason });
    expect((await w.get()).status).toBe(from);
    expect(await w.store.audit.list({ entity: 'account', entityId: 'a' })).toEqual([]);
  });

  it('status 3: reconnection clears the closing date and connects the chosen services; the 30 days count afresh at the next closing', async () => {
    const w = await world('closed', '2026-04-01T06:00:00Z');
    await w.decide({ decision: 'reconnect', services: ['megaline'] });
    expect(await w.get()).toMatchObject({ status: 'current', closedAt: null, services: ['megaline'] });
  });

  it('status 9: the credit moved to another account of the subscriber is paid out here and credited there', async () => {
    const w = await world('closed_credit_balance', '2024-04-01T06:00:00Z', { creditTiyn: 100_000 });
    expect(await w.decide({ decision: 'archive_credit', creditTo: { kind: 'account', number: '200000000009' } })).toMatchObject({ ok: false, reason: 'rules:decision.badTargetAccount' });
    expect((await w.decide({ decision: 'archive_credit', creditTo: { kind: 'account', number: '200000000002' } })).ok).toBe(true);
    const now = w.clock.now();
    expect((await readPosition(w.store, await w.get('a'), now)).totals.creditTiyn).toBe(0);
    expect((await readPosition(w.store, await w.get('b'), now)).totals.creditTiyn).toBe(100_000);
  });
});

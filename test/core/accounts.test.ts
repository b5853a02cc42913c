/** Seed 001: the ten statuses, the operation matrix, transitions; cl. 8(5) order preconditions. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../core/accounts/status.ts';
import { OPERATIONS, checkOperation, type Operation } from '../../core/accounts/operations.ts';
import { checkOrder } from '../../core/accounts/preconditions.ts';
import { canTransition, moneyDrivenTransition, timeDrivenTransition, type AccountFacts } from '../../core/accounts/transitions.ts';
import { readLocales } from '../../core/i18n/i18n.ts';

describe('seed 001: operation matrix', () => {
  const table: Array<[AccountStatus, Operation, string | null]> = [
    ['current', 'changePlan', null],
    ['new', 'connectService', null],
    ['overdue', 'showBalance', null],
    ['overdue', 'acceptPayment', null],
    ['overdue', 'changePlan', 'rules:deny.overdueDebt'],
    ['overdue', 'connectService', 'rules:deny.overdueDebt'],
    ['overdue', 'useAsPayer', 'rules:deny.overdueDebt'],
    ['overdue', 'refuseService', 'rules:deny.refusalWithDebt'],
    ['overdue', 'closeAccount', 'rules:deny.refusalWithDebt'],
    ['disconnected', 'refuseService', 'rules:deny.refusalWithDebt'],
    ['disconnected', 'acceptPayment', null],
    ['disconnected', 'changePlan', 'rules:deny.disconnected'],
    ['disconnected', 'useAsPayer', 'rules:deny.disconnected'],
    ['closed', 'acceptPayment', 'rules:deny.nothingToPay'],
    ['closed', 'changePlan', 'rules:deny.closed'],
    ['closed', 'useAsPayer', 'rules:deny.closed'],
    ['archive', 'acceptPayment', 'rules:deny.archived'],
    ['archive', 'reconnect', 'rules:deny.archived'],
    ['closed_doubtful_debt', 'acceptPayment', null],
    ['closed_written_off', 'acceptPayment', null],
    ['closed_credit_balance', 'connectService', 'rules:deny.closed'],
    ['closed_doubtful_credit', 'changePlan', 'rules:deny.closed'],
  ];
  it.each(table)('seed 001: %s × %s → %s', (status, operation, reason) => {
    const d = checkOperation(status, operation);
    expect(d.ok ? null : d.reason).toBe(reason);
  });

  it('seed 001 cl. 5: exactly ten statuses, each with a decision for every operation and a name in kk and ru', () => {
    expect(ACCOUNT_STATUSES).toHaveLength(10);
    const locales = readLocales();
    for (const status of ACCOUNT_STATUSES) {
      for (const op of OPERATIONS) expect(checkOperation(status, op)).toHaveProperty('ok');
      expect((locales.kk.rules!.status as Record<string, string>)[status]).toBeTruthy();
      expect((locales.ru.rules!.status as Record<string, string>)[status]).toBeTruthy();
    }
  });

  it.each([
    ['seed 001 status 3: a closed account may be reconnected on the 30th day', 'closed', '2026-03-01T06:00:00Z', '2026-03-31T06:00:00Z', true],
    ['seed 001 status 3: not on the 31st day', 'closed', '2026-03-01T06:00:00Z', '2026-04-01T06:00:00Z', false],
    ['seed 001 status 9: credit balance under 12 months — reconnection allowed', 'closed_credit_balance', '2025-03-01T06:00:00Z', '2026-02-28T06:00:00Z', true],
    ['seed 001 status 9: at 12 months — not allowed', 'closed_credit_balance', '2025-03-01T06:00:00Z', '2026-03-01T06:00:00Z', false],
  ] as const)('%s', (_t, status, since, now, ok) => {
    expect(checkOperation(status, 'reconnect', { statusSince: new Date(since), now: new Date(now) }).ok).toBe(ok);
  });
});

describe('seed 001 status 2, cl. 8(5): order preconditions', () => {
  const clean = { overdueDebtTiyn: 0, penaltyTiyn: 0, collectionCostsTiyn: 0, otherAccountsDebtTiyn: 0 };
  it.each([
    ['seed 001 status 2: a current account without debt may change plan', 'current', 'changePlan', clean, null],
    ['seed 001 status 2: a penalty alone blocks orders', 'current', 'changePlan', { ...clean, penaltyTiyn: 500 }, 'rules:deny.penaltyOnAccount'],
    ['cl. 8(5): debt on another account blocks connecting a service', 'current', 'connectService', { ...clean, otherAccountsDebtTiyn: 10_000 }, 'rules:deny.debtOnOtherAccount'],
    ['cl. 9: debt on another account does not block a plain plan change', 'current', 'changePlan', { ...clean, otherAccountsDebtTiyn: 10_000 }, null],
    ['seed 001 status 5: overdue status blocks a plan change', 'overdue', 'changePlan', clean, 'rules:deny.overdueDebt'],
  ] as const)('%s', (_t, status, op, debt, reason) => {
    const d = checkOrder(status, op, debt);
    expect(d.ok ? null : d.reason).toBe(reason);
  });
});

describe('seed 001: transitions', () => {
  const facts = (over: Partial<AccountFacts>): AccountFacts => ({
    status: 'current', statusSince: new Date('2020-01-01T00:00:00Z'), openedAt: new Date('2020-01-01T00:00:00Z'),
    oldestUnpaidDueDate: null, overdueTotalTiyn: 0, debtTotalTiyn: 0, ...over,
  });
  const policy = { disconnectAfterDays: 10, doubtfulAfterDays: 90 };
  it.each([
    ['seed 001 status 1: new stays new in its opening month', facts({ status: 'new', openedAt: new Date('2026-03-10T06:00:00Z') }), '2026-03-31T18:59:00Z', null],
    ['seed 001 status 1: new becomes current when the period closes (00:00 Almaty on the 1st)', facts({ status: 'new', openedAt: new Date('2026-03-10T06:00:00Z') }), '2026-03-31T19:00:00Z', 'current'],
    ['cl. 17: unpaid on the 25th itself — still current', facts({ oldestUnpaidDueDate: '2026-03-25' }), '2026-03-25T18:59:59Z', null],
    ['cl. 17, seed 001 status 5: overdue on the 26th (Almaty)', facts({ oldestUnpaidDueDate: '2026-03-25' }), '2026-03-25T19:00:00Z', 'overdue'],
    ['seed 001 status 5: blocking schedule — 9 days late stays overdue', facts({ status: 'overdue', oldestUnpaidDueDate: '2026-03-25', overdueTotalTiyn: 1 }), '2026-04-03T06:00:00Z', null],
    ['seed 001 status 5: blocking schedule — 10 days late is disconnected', facts({ status: 'overdue', oldestUnpaidDueDate: '2026-03-25', overdueTotalTiyn: 1 }), '2026-04-04T06:00:00Z', 'disconnected'],
    ['seed 001 status 6: disconnected 90 days without payment — closed with doubtful debt', facts({ status: 'disconnected', statusSince: new Date('2026-01-01T06:00:00Z') }), '2026-04-01T06:00:00Z', 'closed_doubtful_debt'],
    ['seed 001 status 3: closed → archive after 30 calendar days', facts({ status: 'closed', statusSince: new Date('2026-01-31T06:00:00Z') }), '2026-03-03T06:00:00Z', 'archive'],
    ['seed 001 status 3: closed stays closed on day 30', facts({ status: 'closed', statusSince: new Date('2026-01-31T06:00:00Z') }), '2026-03-02T06:00:00Z', null],
    ['seed 001 status 9: credit balance 3 years old (leap day) — doubtful credit', facts({ status: 'closed_credit_balance', statusSince: new Date('2024-02-29T06:00:00Z') }), '2027-02-28T06:00:00Z', 'closed_doubtful_credit'],
    ['seed 001 status 9: a day short of 3 years — unchanged', facts({ status: 'closed_credit_balance', statusSince: new Date('2024-03-01T06:00:00Z') }), '2027-02-28T06:00:00Z', null],
    ['seed 001 status 10 "after the credit debt is written off (3 years later)": credit closed 1 Mar 2024, doubtful 1 Mar 2027 — archived on 2 Mar 2027, over 3 years old', facts({ status: 'closed_doubtful_credit', closedAt: new Date('2024-03-01T06:00:00Z'), statusSince: new Date('2027-03-01T06:00:00Z') }), '2027-03-02T06:00:00Z', 'archive'],
    ['seed 001 status 9 table: on the third anniversary itself the credit is doubtful, not yet written off', facts({ status: 'closed_doubtful_credit', closedAt: new Date('2024-03-01T06:00:00Z'), statusSince: new Date('2027-03-01T06:00:00Z') }), '2027-03-01T12:00:00Z', null],
    ['seed 001 status 8: written off 5 years ago — closed', facts({ status: 'closed_written_off', statusSince: new Date('2021-05-10T06:00:00Z') }), '2026-05-10T06:00:00Z', 'closed'],
  ])('%s', (_t, f, now, to) => {
    expect(timeDrivenTransition(f, new Date(now), policy)).toBe(to);
  });

  it.each([
    ['seed 001 status 6: disconnected → current when overdue debt and penalty are paid in full', facts({ status: 'disconnected' }), 'current'],
    ['seed 001 status 6: a partial payment leaves it disconnected', facts({ status: 'disconnected', overdueTotalTiyn: 100 }), null],
    ['seed 001 status 5: overdue → current once the overdue part is paid (the current invoice may stay)', facts({ status: 'overdue', debtTotalTiyn: 5000 }), 'current'],
    ['seed 001 status 8: written-off debt paid — closed', facts({ status: 'closed_written_off' }), 'closed'],
  ])('%s', (_t, f, to) => {
    expect(moneyDrivenTransition(f)).toBe(to);
  });

  it('seed 001 cl. 5: moves the rule does not describe are refused', () => {
    expect(canTransition('archive', 'current')).toBe(false);
    expect(canTransition('overdue', 'closed')).toBe(false);
    expect(canTransition('disconnected', 'current')).toBe(true);
  });
});

/** Ledger arithmetic: due dates (cl. 17, 21(1)), penalty (cl. 33(6)), allocation (cl. 20), Almaty dates. */
import { describe, expect, it } from 'vitest';
import type { Invoice, LedgerPayment } from '../../core/billing/model.ts';
import { ledgerTotals, replayLedger } from '../../core/billing/ledger/replay.ts';
import { invoiceSchedule, monthlyInvoice, nextDueDate } from '../../core/billing/invoicing.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';

const invoice = (over: Partial<Invoice> & Pick<Invoice, 'id' | 'dueDate' | 'amountTiyn'>): Invoice => ({
  accountId: 'a', kind: 'monthly', period: '2026-02', issuedAt: new Date('2026-02-28T19:00:00Z'), lines: [], ...over,
});
let n = 0;
const payment = (amountTiyn: number, paidAt: string): LedgerPayment => ({
  id: `p${++n}`, externalId: `x${n}`, accountId: 'a', kind: 'payment', amountTiyn, paidAt: new Date(paidAt), registeredAt: new Date(paidAt),
});
const totalsAt = (invoices: Invoice[], payments: LedgerPayment[], at: string) => ledgerTotals(replayLedger(invoices, payments, new Date(at)));

const feb = invoice({ id: 'feb', dueDate: '2026-03-25', amountTiyn: 1_000_000 }); // 10 000 ₸ due 25 March

describe('due date and penalty', () => {
  it.each([
    ['cl. 17: on the 25th itself (23:59 Almaty) the debt is still current, no penalty', '2026-03-25T18:59:59Z', { currentDebtTiyn: 1_000_000, overdueDebtTiyn: 0, penaltyTiyn: 0 }],
    ['cl. 17, Asia/Almaty: at 00:00 on the 26th (19:00 UTC on the 25th) the debt is overdue with one day of penalty', '2026-03-25T19:00:00Z', { currentDebtTiyn: 0, overdueDebtTiyn: 1_000_000, penaltyTiyn: 7_500 }],
    ['cl. 33(6): 0.75 % per late day — 10 days late is 7.5 %', '2026-04-04T06:00:00Z', { overdueDebtTiyn: 1_000_000, penaltyTiyn: 75_000 }],
    ['cl. 33(6): 30 days late is 22.5 %', '2026-04-24T06:00:00Z', { penaltyTiyn: 225_000 }],
    ['cl. 33(6): penalty stops growing after 30 days', '2026-06-30T06:00:00Z', { penaltyTiyn: 225_000 }],
  ])('%s', (_title, at, expected) => {
    expect(totalsAt([feb], [], at)).toMatchObject(expected);
  });

  it('cl. 33(6): the 30-day cap is per invoice — a newer invoice keeps accruing after the older one is capped', () => {
    const mar = invoice({ id: 'mar', period: '2026-03', issuedAt: new Date('2026-03-31T19:00:00Z'), dueDate: '2026-04-25', amountTiyn: 1_000_000 });
    // On 5 May: February capped at 30 days (225 000), March 10 days late (75 000).
    expect(totalsAt([feb, mar], [], '2026-05-05T06:00:00Z')).toMatchObject({ overdueDebtTiyn: 2_000_000, penaltyTiyn: 300_000 });
  });

  it('cl. 33(6), partial payments: later days accrue on what is left unpaid, not on the original amount', () => {
    // Day 1 on 1 000 000 = 7 500; a 507 500 payment on the 26th pays the penalty and 500 000; days 2–3 accrue on 500 000.
    const t = totalsAt([feb], [payment(507_500, '2026-03-26T06:00:00Z')], '2026-03-28T06:00:00Z');
    expect(t).toMatchObject({ overdueDebtTiyn: 500_000, penaltyTiyn: 7_500 });
  });

  it('cl. 33(6): the penalty is rounded to the tiyn once, half up', () => {
    const odd = invoice({ id: 'odd', dueDate: '2026-03-25', amountTiyn: 333 }); // 333 × 0.75 % = 2.4975 tiyn a day
    expect(totalsAt([odd], [], '2026-03-26T06:00:00Z').penaltyTiyn).toBe(2);
    expect(totalsAt([odd], [], '2026-03-27T06:00:00Z').penaltyTiyn).toBe(5); // 4.995 → 5
  });
});

describe('cl. 20: allocation of partial payments', () => {
  const collection = invoice({ id: 'col', kind: 'collection', dueDate: '2026-04-01', amountTiyn: 50_000, issuedAt: new Date('2026-04-01T04:00:00Z') });
  const mar = invoice({ id: 'mar', period: '2026-03', issuedAt: new Date('2026-03-31T19:00:00Z'), dueDate: '2026-04-25', amountTiyn: 400_000 });
  // On 10 April (Almaty): Feb is 16 days late → penalty 120 000; March is current.
  const cases: Array<[string, number, Record<string, number>]> = [
    ['cl. 20: a small payment goes to collection costs first', 30_000, { collectionCostsTiyn: 30_000, penaltyTiyn: 0, overdueTiyn: 0, currentTiyn: 0, creditTiyn: 0 }],
    ['cl. 20: then to the penalty', 100_000, { collectionCostsTiyn: 50_000, penaltyTiyn: 50_000, overdueTiyn: 0, currentTiyn: 0 }],
    ['cl. 20: then to the overdue debt', 670_000, { collectionCostsTiyn: 50_000, penaltyTiyn: 120_000, overdueTiyn: 500_000, currentTiyn: 0 }],
    ['cl. 20: then to the current debt, the rest kept as credit', 1_700_000, { collectionCostsTiyn: 50_000, penaltyTiyn: 120_000, overdueTiyn: 1_000_000, currentTiyn: 400_000, creditTiyn: 130_000 }],
  ];
  it.each(cases)('%s', (_title, amount, expected) => {
    const p = payment(amount, '2026-04-10T06:00:00Z');
    const snapshot = replayLedger([feb, mar, collection], [p], new Date('2026-04-10T07:00:00Z'));
    expect(snapshot.allocations.get(p.id)).toMatchObject(expected);
  });

  it('cl. 20: the sum of a split always equals the payment', () => {
    for (const amount of [1, 99, 12_345, 777_777, 5_000_000]) {
      const p = payment(amount, '2026-04-10T06:00:00Z');
      const a = replayLedger([feb, mar, collection], [p], new Date('2026-04-10T07:00:00Z')).allocations.get(p.id)!;
      expect(a.collectionCostsTiyn + a.penaltyTiyn + a.overdueTiyn + a.currentTiyn + a.creditTiyn).toBe(amount);
    }
  });
});

describe('invoices', () => {
  const account = (over: Partial<PersonalAccount> = {}): PersonalAccount => ({
    id: 'acc', number: '100000000009', subscriberId: 's', status: 'current', statusSince: new Date('2020-01-01'), billingMethod: 'credit',
    address: '', region: '', planId: 'megaline-plus', services: ['megaline', 'phone'], termContractUntil: null,
    openedAt: new Date('2020-01-01T00:00:00Z'), closedAt: null, ...over,
  });
  const plus = { id: 'megaline-plus', monthlyFeeTiyn: 624_000 } as Parameters<typeof monthlyInvoice>[1];

  it.each([
    ['cl. 17: credit method — March is due by 25 April', 'credit', '2026-03', { issuedAt: '2026-03-31T19:00:00.000Z', dueDate: '2026-04-25' }],
    ['cl. 17, year end: December is due by 25 January of the next year', 'credit', '2026-12', { issuedAt: '2026-12-31T19:00:00.000Z', dueDate: '2027-01-25' }],
    ['seed 001 status 5 "unpaid by the 25th day of the month after the month of service": advance — March charged on 1 March (cl. 21(1)), late after 25 April', 'advance', '2026-03', { issuedAt: '2026-02-28T19:00:00.000Z', dueDate: '2026-04-25' }],
    ['ADVANCE_OVERDUE_RULE=charge-day (cl. 21(1)): advance method — charged on its 1st (00:00 Almaty) and due that day', 'advance', '2026-03', { issuedAt: '2026-02-28T19:00:00.000Z', dueDate: '2026-03-01' }],
  ] as const)('%s', (title, method, period, expected) => {
    const s = invoiceSchedule(method, period, title.startsWith('ADVANCE_OVERDUE_RULE=charge-day') ? 'charge-day' : 'seed');
    expect({ issuedAt: s.issuedAt.toISOString(), dueDate: s.dueDate }).toEqual(expected);
  });

  it.each([
    ['cl. 18: a full month charges every service: Plus 6 240 ₸ + phone 440 ₸', '2026-03', account(), 668_000],
    ['leap year: opened 15 February 2028 — 15 of 29 days charged, each line rounded', '2028-02', account({ openedAt: new Date('2028-02-14T19:00:00Z') }), 345_518],
    ['month end: opened on 31 March — one day of 31 charged', '2026-03', account({ services: ['megaline'], openedAt: new Date('2026-03-30T19:00:00Z') }), 20_129],
  ])('%s', (_title, period, acc, amount) => {
    expect(monthlyInvoice(acc, plus, period)?.amountTiyn).toBe(amount);
  });

  it('cl. 21(1), ADVANCE_OVERDUE_RULE=charge-day: an advance pays the month on the 1st; without enough money the debt is overdue from the 2nd', () => {
    const march = invoice({ id: 'adv', period: '2026-03', issuedAt: new Date('2026-02-28T19:00:00Z'), dueDate: '2026-03-01', amountTiyn: 400_000 });
    expect(totalsAt([march], [payment(500_000, '2026-02-20T06:00:00Z')], '2026-03-01T06:00:00Z')).toMatchObject({ creditTiyn: 100_000, totalDueTiyn: 0 });
    expect(totalsAt([march], [payment(300_000, '2026-02-20T06:00:00Z')], '2026-03-01T18:00:00Z')).toMatchObject({ currentDebtTiyn: 100_000, overdueDebtTiyn: 0 });
    expect(totalsAt([march], [payment(300_000, '2026-02-20T06:00:00Z')], '2026-03-02T06:00:00Z')).toMatchObject({ overdueDebtTiyn: 100_000, penaltyTiyn: 750 });
  });

  it('cl. 17: the next due date shown for an account with nothing unpaid', () => {
    expect(nextDueDate('credit', new Date('2026-03-10T06:00:00Z'))).toBe('2026-04-25');
    expect(nextDueDate('advance', new Date('2026-12-10T06:00:00Z'))).toBe('2027-01-01');
  });
});

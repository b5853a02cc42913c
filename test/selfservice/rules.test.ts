/** Self-service rules in core: typed amounts, refund IBANs, the way out of a refused order, retention offers. */
import { describe, expect, it } from 'vitest';
import type { Balance, PlanOption } from '../../core/billing/port.ts';
import { parseAmount } from '../../core/selfservice/amount.ts';
import { parseIban } from '../../core/selfservice/iban.ts';
import { retentionOffer } from '../../core/selfservice/retention.ts';
import { wayOut } from '../../core/selfservice/way-out.ts';
import { orderRestrictions } from '../../core/selfservice/restrictions.ts';
import { debtUnderClause85 } from '../../core/accounts/preconditions.ts';

describe('typed amounts, exact to the tiyn', () => {
  it.each([
    ['5000', 500_000], ['5 000', 500_000], ['7 245,50 ₸', 724_550], ['7245.5', 724_550], ['7245,05', 724_505],
    ['5000 тг', 500_000], ['5\u00a0000 теңге', 500_000], ['0,01', 1],
  ])('Should read %s as %i tiyn', (text, tiyn) => {
    expect(parseAmount(text)).toEqual({ ok: true, value: tiyn });
  });

  it.each(['', 'сто', '-5', '5.555', '0', '1e4', '5 000 000 000'])('Should refuse %j with an explainable reason', (text) => {
    expect(parseAmount(text)).toEqual({ ok: false, reason: 'selfservice:pay.amountFormat' });
  });
});

describe('cl. 21(2): refund to a bank account — KZ IBAN', () => {
  it('Should accept a valid IBAN in any spacing and case', () => {
    expect(parseIban('kz86 125k zt50 0410 0100')).toEqual({ ok: true, value: 'KZ86125KZT5004100100' });
  });
  it.each(['KZ87125KZT5004100100', 'KZ86125KZT500410010', 'DE89370400440532013000', 'нет'])('Should refuse %s', (text) => {
    expect(parseIban(text).ok).toBe(false);
  });
});

const balance = (over: Partial<Balance>): Balance => ({
  accountNumber: '100000000002', status: 'overdue', billingMethod: 'credit', address: '', planId: 'p', planName: 'P', services: ['megaline'],
  termContractUntil: null, asOf: new Date('2026-04-10T06:00:00Z'), currentDebtTiyn: 0, overdueDebtTiyn: 624_000, penaltyTiyn: 46_800,
  collectionCostsTiyn: 0, creditTiyn: 0, totalDueTiyn: 670_800, dueDate: '2026-03-25', lastPayments: [], ...over,
});

describe('the way out of a refused order (seed 001 statuses 5–6; cl. 12 para 3)', () => {
  it('seed 001 status 5: overdue debt — pay debt + penalty to the tiyn, or request an instalment agreement', () => {
    expect(wayOut('rules:deny.overdueDebt', balance({}))).toEqual({ pay: { amountTiyn: 670_800 }, instalment: true });
  });
  it('seed 001 status 6: disconnected for debt — the same two ways out', () => {
    expect(wayOut('rules:deny.disconnected', balance({ status: 'disconnected' }))).toEqual({ pay: { amountTiyn: 670_800 }, instalment: true });
  });
  it('seed 001 status 2: a current account with only a penalty left — pay it; no instalment', () => {
    const b = balance({ status: 'current', overdueDebtTiyn: 0, penaltyTiyn: 4_680, totalDueTiyn: 4_680 });
    expect(wayOut('rules:deny.penaltyOnAccount', b)).toEqual({ pay: { amountTiyn: 4_680 }, instalment: false });
  });
  it('seed 001 status 3: a closed account — nothing the subscriber can pay away', () => {
    expect(wayOut('rules:deny.closed', balance({ status: 'closed', totalDueTiyn: 0 }))).toEqual({ pay: null, instalment: false });
  });
});

const plan = (planId: string, monthlyFeeTiyn: number, over: Partial<PlanOption> = {}): PlanOption => ({
  planId, name: planId, downKbps: 1024, upKbps: 512, includedMb: null, monthlyFeeTiyn, connectionFeeTiyn: 0, demoPrice: true,
  current: false, unavailableReason: null, ...over,
});

describe('retention offer before a refusal is signed', () => {
  const plans = [plan('a', 300_000), plan('b', 500_000), plan('c', 700_000, { current: true }), plan('d', 600_000, { unavailableReason: 'rules:x' }), plan('e', 900_000)];
  it('App. 4 "dissatisfied with the tariff plan": the next cheaper plan the account may order', () => {
    expect(retentionOffer('tariff_dissatisfaction', plans)).toMatchObject({ kind: 'cheaperPlan', planId: 'b', monthlyFeeTiyn: 500_000 });
    expect(retentionOffer('financial_difficulties', plans)).toMatchObject({ kind: 'cheaperPlan', planId: 'b' });
  });
  it('App. 4 "dissatisfied with the tariff plan" on the cheapest plan: no offer', () => {
    expect(retentionOffer('tariff_dissatisfaction', [plan('a', 300_000, { current: true })])).toBeNull();
  });
  it('App. 4 quality reasons: a line check, or a person', () => {
    expect(retentionOffer('low_service_quality', plans)).toEqual({ kind: 'faultCheck' });
    expect(retentionOffer('low_customer_service', plans)).toEqual({ kind: 'talkToPerson' });
  });
  it('App. 4 "death of the subscriber", "moving to another city": nothing to offer', () => {
    expect(retentionOffer('subscriber_death', plans)).toBeNull();
    expect(retentionOffer('moving_away', plans)).toBeNull();
  });
});

describe('cl. 8(5): "no debt to the operator" — one reading for the balance screen and the order path', () => {
  const clean = { overdueDebtTiyn: 0, penaltyTiyn: 0, collectionCostsTiyn: 0 };
  it.each([
    ['cl. 8(5): a charge whose payment date has not come is not debt', { ...clean }, 0],
    ['cl. 8(5), cl. 17: overdue debt counts', { ...clean, overdueDebtTiyn: 624_000 }, 624_000],
    ['cl. 8(5), cl. 33(6): a penalty counts', { ...clean, penaltyTiyn: 4_680 }, 4_680],
    ['cl. 8(5), cl. 20: collection costs count', { ...clean, collectionCostsTiyn: 1_000 }, 1_000],
  ])('%s', (_t, money, debt) => {
    expect(debtUnderClause85(money)).toBe(debt);
  });

  const current = balance({ status: 'current', overdueDebtTiyn: 0, penaltyTiyn: 0, totalDueTiyn: 0, dueDate: '2026-04-25' });
  it('cl. 8(5) "no debt … for connecting other services": another account\'s invoice not yet due leaves connecting a service open', () => {
    const other = balance({ status: 'current', currentDebtTiyn: 668_000, overdueDebtTiyn: 0, penaltyTiyn: 0, totalDueTiyn: 668_000 });
    expect(orderRestrictions(current, [other])).toEqual([]);
  });
  it('cl. 8(5) "no debt … under current or terminated contracts": another account\'s overdue debt and penalty block it, with the amount', () => {
    expect(orderRestrictions(current, [balance({})])).toEqual([
      { operation: 'connectService', reason: 'rules:deny.debtOnOtherAccount', params: { amountTiyn: 670_800 } },
    ]);
  });
});

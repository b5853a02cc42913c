/** Megaline plan changes (seed 000 notes 1–4, cl. 32(22), 33(18)), faults (cl. 31(3), 31(5), 36, 40), refusal (cl. 13, 21(2), 32(10), App. 4). */
import { describe, expect, it } from 'vitest';
import { MEGALINE_PLANS, findPlan } from '../../core/plans/catalogue.ts';
import { planChangeEffectiveDate, planChangeFee, quotePlanChange, type PlanChangeContext } from '../../core/plans/quote.ts';
import { responsibilityZone } from '../../core/faults/zone.ts';
import { plannedWorksNotifiedInTime, recalculateDowntime } from '../../core/faults/downtime.ts';
import { hitThrottle } from '../../core/faults/checks.ts';
import { quoteRefusal, validateRefusalApplication, type RefusalContext } from '../../core/refusal/refusal.ts';
import { REFUSAL_REASONS } from '../../core/billing/port.ts';
import { holidayDates } from '../../core/billing/calendar.ts';
import { readLocales } from '../../core/i18n/i18n.ts';

const plan = (id: string) => findPlan(MEGALINE_PLANS, `megaline-${id}`)!;

describe('Megaline plan change', () => {
  it.each([
    ['seed 000 note 3: Plus → Turbo (higher speed) is free', 'plus', 'turbo', 0],
    ['seed 000 note 4: Turbo → Start (lower speed) costs 10 % of the connection fee, 724,50 ₸', 'turbo', 'start', 72_450],
    ['seed 000 note 4: Start ↔ Hit (same 128/128) costs 724,50 ₸', 'start', 'hit', 72_450],
    ['seed 000 note 3: Hit → Plus (256 kbit/s) is free', 'hit', 'plus', 0],
  ])('%s', (_t, from, to, fee) => {
    expect(planChangeFee(plan(from), plan(to))).toBe(fee);
  });

  it.each([
    ['PRODUCT.md: a change takes effect on the 1st of the next month (Almaty)', 'turbo', 'start', '2026-03-31T18:59:00Z', false, '2026-04-01'],
    ['PRODUCT.md, Asia/Almaty: at 00:00 on 1 April (19:00 UTC) the next month is May', 'turbo', 'start', '2026-03-31T19:00:00Z', false, '2026-05-01'],
    ['PRODUCT.md, year end: ordered in December → 1 January', 'turbo', 'start', '2026-12-15T06:00:00Z', false, '2027-01-01'],
    ['PRODUCT.md: upgrades may be immediate when configured', 'plus', 'turbo', '2026-03-15T06:00:00Z', true, '2026-03-15'],
    ['PRODUCT.md: downgrades wait for the 1st even when upgrades are immediate', 'turbo', 'plus', '2026-03-15T06:00:00Z', true, '2026-04-01'],
  ])('%s', (_t, from, to, now, immediate, date) => {
    expect(planChangeEffectiveDate(plan(from), plan(to), new Date(now), immediate)).toBe(date);
  });

  const ctx = (over: Partial<PlanChangeContext> = {}): PlanChangeContext => ({
    accountNumber: '100000000001', status: 'current', category: 'individual', currentPlan: plan('plus'), termContractUntil: null,
    debt: { overdueDebtTiyn: 0, penaltyTiyn: 0, collectionCostsTiyn: 0, otherAccountsDebtTiyn: 0 }, pendingChange: null,
    now: new Date('2026-03-15T06:00:00Z'), immediateUpgrades: false, ...over,
  });
  it.each([
    ['seed 000 note 2: Hit is for individuals only', ctx({ category: 'entrepreneur' }), 'hit', 'rules:plan.notForCategory'],
    ['seed 000 note 1: Start is open to individual entrepreneurs', ctx({ category: 'entrepreneur' }), 'start', null],
    ['seed 001 status 5: an overdue account cannot change plan', ctx({ status: 'overdue', debt: { overdueDebtTiyn: 100, penaltyTiyn: 0, collectionCostsTiyn: 0, otherAccountsDebtTiyn: 0 } }), 'turbo', 'rules:deny.overdueDebt'],
    ['seed 001 status 6: a disconnected account cannot change plan', ctx({ status: 'disconnected' }), 'turbo', 'rules:deny.disconnected'],
    ['seed 001 status 3: a closed account cannot change plan', ctx({ status: 'closed' }), 'turbo', 'rules:deny.closed'],
    ['the current plan is not a change', ctx(), 'plus', 'rules:plan.samePlan'],
    ['one pending change at a time', ctx({ pendingChange: { toPlanId: 'megaline-turbo', effectiveDate: '2026-04-01' } }), 'optima', 'rules:plan.changePending'],
  ])('%s', (_t, c, to, reason) => {
    const q = quotePlanChange(c, plan(to));
    expect(q.ok ? null : q.reason).toBe(reason);
  });

  it.each([
    ['cl. 32(22): a cheaper plan during a term contract warns about the compensation', 'start', { until: '2026-11-30' }],
    ['cl. 33(18)(3): a move without a price cut carries no compensation', 'turbo', null],
  ])('%s', (_t, to, warning) => {
    const q = quotePlanChange(ctx({ termContractUntil: '2026-11-30' }), plan(to));
    expect(q.ok && q.value.termContractWarning).toEqual(warning);
  });

  it('the quote id changes when the terms change (fee, date)', () => {
    const a = quotePlanChange(ctx(), plan('start'));
    const b = quotePlanChange(ctx({ now: new Date('2026-04-15T06:00:00Z') }), plan('start'));
    expect(a.ok && b.ok && a.value.quoteId !== b.value.quoteId).toBe(true);
  });
});

describe('faults', () => {
  it.each([
    ['cl. 40, 31(3): a fault beyond the demarcation boundary is the operator\'s, repaired free, recalculated', { location: 'operator_network', causedBySubscriber: false }, { zone: 'operator', paidRepair: false, recalculation: true }],
    ['cl. 40, 31(3): wiring inside the premises is the subscriber\'s, repaired for a fee', { location: 'subscriber_wiring', causedBySubscriber: false }, { zone: 'subscriber', paidRepair: true, recalculation: false }],
    ['cl. 32(15), 31(3): operator equipment damaged by the subscriber is a paid repair', { location: 'operator_equipment_at_premises', causedBySubscriber: true }, { zone: 'subscriber', paidRepair: true, recalculation: false }],
    ['cl. 34(10): operator equipment that failed by itself is the operator\'s', { location: 'operator_equipment_at_premises', causedBySubscriber: false }, { zone: 'operator', paidRepair: false, recalculation: true }],
  ] as const)('%s', (_t, cause, expected) => {
    expect(responsibilityZone(cause)).toEqual(expected);
  });

  it.each([
    ['cl. 31(5): 6 240 ₸ × 3 days / 30 days of April = 624 ₸', '2026-04-10T00:00:00Z', '2026-04-13T00:00:00Z', 624_000, 62_400],
    ['cl. 31(5), leap year: 1 day of February 2028 is 1/29 of the fee', '2028-02-10T00:00:00Z', '2028-02-11T00:00:00Z', 580_000, 20_000],
    ['cl. 31(5), month end: downtime across 31 Jan → 1 Feb (Almaty) is split per month: 12 h of 31 days + 12 h of 28 days', '2026-01-31T07:00:00Z', '2026-02-01T07:00:00Z', 624_000, 10_065 + 11_143],
  ])('%s', (_t, from, to, fee, amount) => {
    const r = recalculateDowntime({ startedAt: new Date(from), endedAt: new Date(to), monthlyFeeTiyn: fee, exclusion: null });
    expect(r.ok && r.amountTiyn).toBe(amount);
  });

  it.each([
    ['cl. 36(5): no recalculation for a non-payment suspension', 'non_payment_suspension', 'cl. 36(5)'],
    ['cl. 36(7): none for planned works announced 3 working days ahead', 'planned_works_notified', 'cl. 36(7)'],
    ['cl. 31(5): none for time the subscriber asked to postpone the repair', 'repair_delayed_by_subscriber', 'cl. 31(5)'],
  ] as const)('%s', (_t, exclusion, clause) => {
    const r = recalculateDowntime({ startedAt: new Date('2026-04-10T00:00:00Z'), endedAt: new Date('2026-04-11T00:00:00Z'), monthlyFeeTiyn: 624_000, exclusion });
    expect(r).toMatchObject({ ok: false, clause, reason: `rules:downtime.excluded.${exclusion}` });
  });

  it.each([
    ['cl. 36(7): told on Monday for works on Friday — 3 working days between, in time', '2026-03-09T06:00:00Z', '2026-03-13T06:00:00Z', true],
    ['cl. 36(7): told on Thursday for works on Monday — only Friday between, too late', '2026-03-12T06:00:00Z', '2026-03-16T06:00:00Z', false],
    ['cl. 36(7) "at least three working days": told on Monday for works on Thursday — Mon, Tue, Wed, in time', '2026-04-06T06:00:00Z', '2026-04-09T06:00:00Z', true],
    ['cl. 36(7) "at least three working days": told on Tuesday for Thursday — too late', '2026-04-07T06:00:00Z', '2026-04-09T06:00:00Z', false],
    ['cl. 36(7), business calendar: told Fri 20 Mar for works Thu 26 Mar — Nauryz 21–25 March are no working days, too late', '2026-03-20T06:00:00Z', '2026-03-26T06:00:00Z', false],
  ])('%s', (_t, told, starts, ok) => {
    expect(plannedWorksNotifiedInTime(new Date(told), new Date(starts))).toBe(ok);
  });

  it.each([
    ['seed 000 note 2: Hit at 7 GB is not throttled', 'hit', 7000, null],
    ['seed 000 note 2: Hit above 7 GB runs at 32 kbit/s until the 1st of next month', 'hit', 7001, { restoresOn: '2026-04-01', downKbps: 32 }],
    ['seed 000 note 2: other plans are never throttled', 'turbo', 9000, null],
  ])('%s', (_t, id, mb, expected) => {
    expect(hitThrottle(plan(id), mb, new Date('2026-03-20T06:00:00Z'))).toEqual(expected);
  });
});

describe('refusal of services', () => {
  const ctx = (over: Partial<RefusalContext> = {}): RefusalContext => ({
    accountNumber: '100000000006', status: 'current', accountServices: ['megaline', 'phone'],
    serviceFeesTiyn: { megaline: 400_000, phone: 44_000 }, chargedInArrears: false, unpaidTiyn: 0, creditTiyn: 0,
    equipment: [{ id: 'e', accountId: 'a', type: 'adsl-modem', model: 'ZTE', serial: 'S1', costTiyn: 950_000, returnedAt: null }],
    otherAccounts: [], termContractUntil: null, now: new Date('2026-03-13T06:00:00Z'), ...over,
  });
  it('cl. 21(2): a prepayment left at termination is refunded within 10 working days (Friday → the Friday two weeks on)', () => {
    const q = quoteRefusal(ctx({ creditTiyn: 300_000, now: new Date('2026-04-10T06:00:00Z') }), { services: ['megaline', 'phone'] });
    expect(q.ok && q.value).toMatchObject({ wholeContract: true, debtToSettleTiyn: 0, refund: { amountTiyn: 300_000, bankTransferBy: '2026-04-24' } });
  });
  it.each([
    ['cl. 21(2) "within 10 (ten) working days from termination": Fri 20 Mar 2026, Nauryz 21–25 March are rest days → 8 April', '2026-03-20', undefined, '2026-04-08'],
    ['cl. 21(2): Fri 1 May 2026 is Unity Day; 7 and 11 May are rest days too → 19 May', '2026-04-30', undefined, '2026-05-19'],
    ['cl. 21(2): a rest day an administrator added in Settings → SLA counts as well', '2026-04-10', holidayDates([{ date: '2026-04-13' }]), '2026-04-27'],
  ])('%s', (_t, date, holidays, by) => {
    const q = quoteRefusal(ctx({ creditTiyn: 300_000, now: new Date(`${date}T06:00:00Z`), ...(holidays ? { holidays } : {}) }), { services: ['megaline', 'phone'] });
    expect(q.ok && q.value.refund?.bankTransferBy).toBe(by);
  });
  it('cl. 21(2): other accounts with debt are offered for the offset', () => {
    const q = quoteRefusal(ctx({ creditTiyn: 300_000, otherAccounts: [{ accountNumber: '100000000001', debtTiyn: 5000 }, { accountNumber: '100000000002', debtTiyn: 0 }] }), { services: ['megaline', 'phone'] });
    expect(q.ok && q.value.refund?.offsetAccounts).toEqual([{ accountNumber: '100000000001', debtTiyn: 5000 }]);
  });
  it('cl. 13, 32(14): debt up to the termination date includes this month\'s charges so far (credit method)', () => {
    // 20 of 31 March days of 4 000 ₸ = 2 580,65 ₸, plus 1 000 ₸ already unpaid.
    const q = quoteRefusal(ctx({ chargedInArrears: true, unpaidTiyn: 100_000 }), { services: ['megaline'], terminationDate: '2026-03-20' });
    expect(q.ok && q.value).toMatchObject({ wholeContract: false, debtToSettleTiyn: 100_000 + 258_065, refund: null });
  });
  it('cl. 32(10): the modem is returned when Megaline is refused, by the switch-off date', () => {
    const q = quoteRefusal(ctx(), { services: ['megaline'], terminationDate: '2026-03-20' });
    expect(q.ok && q.value).toMatchObject({ equipmentToReturn: [{ type: 'adsl-modem', serial: 'S1', costTiyn: 950_000 }], equipmentReturnBy: '2026-03-20' });
  });
  it('cl. 32(10): refusing only the phone keeps the modem', () => {
    const q = quoteRefusal(ctx(), { services: ['phone'] });
    expect(q.ok && q.value.equipmentToReturn).toEqual([]);
  });
  it('cl. 32(22): refusing during a term contract warns about the compensation', () => {
    const q = quoteRefusal(ctx({ termContractUntil: '2026-12-31' }), { services: ['megaline', 'phone'] });
    expect(q.ok && q.value.termContractWarning).toEqual({ until: '2026-12-31' });
  });
  it.each([
    ['cl. 33(18)(1) "death of the subscriber": no compensation, no warning', 'subscriber_death', null],
    ['cl. 33(18)(6) "force majeure": no warning', 'force_majeure', null],
    ['cl. 33(18)(5) "re-registration … without lowering the cost": no warning', 'reregistration', null],
    ['cl. 33(18)(2) quality complaint "confirmed by the technical services\' conclusion": warned, waived if confirmed', 'low_service_quality', { until: '2026-12-31', waivedIf: 'technicalConclusion' }],
    ['cl. 33(18)(4) "no technical possibility … at the new address": warned, waived if so', 'moving_away', { until: '2026-12-31', waivedIf: 'noTechnicalPossibility' }],
    ['cl. 32(22): dissatisfied with the tariff is no exception — the warning stands', 'tariff_dissatisfaction', { until: '2026-12-31' }],
    ['cl. 32(22): financial difficulties are no exception', 'financial_difficulties', { until: '2026-12-31' }],
  ] as const)('%s', (_t, reason, warning) => {
    const q = quoteRefusal(ctx({ termContractUntil: '2026-12-31' }), { services: ['megaline', 'phone'], reason });
    expect(q.ok && q.value.termContractWarning).toEqual(warning);
  });
  it.each([
    ['seed 001 status 3: a closed account has nothing to refuse', ctx({ status: 'closed' }), { services: ['megaline'] }, 'rules:deny.alreadyTerminated'],
    ['seed 001 status 5 "create further connection orders or any other orders" is forbidden: no partial refusal while overdue', ctx({ status: 'overdue', unpaidTiyn: 5000 }), { services: ['phone'] }, 'rules:deny.refusalWithDebt'],
    ['seed 001 status 5, cl. 13 "on condition that the debt … has been paid": no termination while overdue (the matrix\'s closeAccount)', ctx({ status: 'overdue', unpaidTiyn: 5000 }), { services: ['megaline', 'phone'] }, 'rules:deny.refusalWithDebt'],
    ['seed 001 status 6 "create orders" is forbidden: no refusal while disconnected for debt', ctx({ status: 'disconnected', unpaidTiyn: 5000 }), { services: ['megaline', 'phone'] }, 'rules:deny.refusalWithDebt'],
    ['App. 4: at least one service', ctx(), { services: [] }, 'rules:refusal.noServices'],
    ['App. 4: only services on the account', ctx(), { services: ['tv'] }, 'rules:refusal.unknownService'],
    ['App. 4: the removal date is not in the past', ctx(), { services: ['phone'], terminationDate: '2026-03-12' }, 'rules:refusal.dateInPast'],
  ] as const)('%s', (_t, c, req, reason) => {
    const q = quoteRefusal(c, { ...req, services: [...req.services] });
    expect(q.ok ? null : q.reason).toBe(reason);
  });
  it.each([
    ['App. 4: "other" needs the reason written out', { reason: 'other' }, 'rules:refusal.reasonTextRequired'],
    ['cl. 21(2): a refund needs a destination', { reason: 'moving_away' }, 'rules:refusal.refundTargetRequired'],
    ['cl. 21(2): a Kazakh IBAN', { reason: 'moving_away', refundTo: { kind: 'bank', iban: 'DE89370400440532013000' } }, 'rules:refusal.invalidIban'],
    ['cl. 21(2): a valid IBAN is accepted', { reason: 'moving_away', refundTo: { kind: 'bank', iban: 'KZ86125KZT5004100100' } }, null],
  ] as const)('%s', (_t, input, reason) => {
    const q = quoteRefusal(ctx({ creditTiyn: 300_000 }), { services: ['megaline', 'phone'] });
    if (!q.ok) throw new Error(q.reason);
    const v = validateRefusalApplication(input, q.value);
    expect(v.ok ? null : v.reason).toBe(reason);
  });
  it('App. 4: the ten reasons plus free text, each named in kk and ru', () => {
    expect(REFUSAL_REASONS).toHaveLength(11);
    const locales = readLocales();
    for (const r of REFUSAL_REASONS) {
      expect(((locales.kk.rules!.refusal as Record<string, Record<string, string>>).reason)![r]).toBeTruthy();
      expect(((locales.ru.rules!.refusal as Record<string, Record<string, string>>).reason)![r]).toBeTruthy();
    }
  });
});

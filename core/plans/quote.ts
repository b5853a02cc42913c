/**
 * @module Megaline plan change: eligibility by customer category (seed 000 notes 1–2), the fee (note 3: a higher
 * port speed is free; note 4: the same or a lower speed costs 10 % of the port-connection fee), the effective date
 * (PRODUCT.md default: the 1st of the next billing month; upgrades at once when configured), the term-contract
 * warning (cl. 32(22), not for moves without a price cut, cl. 33(18)(3)), and the order preconditions (seed 001,
 * cl. 8(5)).
 */
import { createHash } from 'node:crypto';
import type { AccountStatus } from '../accounts/status.ts';
import { checkOrder, type DebtPosition } from '../accounts/preconditions.ts';
import type { Plan } from '../billing/model.ts';
import type { PlanChangeQuote, Result } from '../billing/port.ts';
import { addMonths, almatyDate, almatyMonth, firstOfMonth } from '../billing/calendar.ts';
import { roundHalfUp } from '../billing/money.ts';
import type { CustomerCategory } from '../subscribers/model.ts';

/** The share of the connection fee charged for a move to the same or a lower speed (seed 000, note 4). */
export const SAME_OR_LOWER_FEE_PERCENT = 10;

export interface PlanChangeContext {
  accountNumber: string;
  status: AccountStatus;
  category: CustomerCategory;
  currentPlan: Plan | null;
  termContractUntil: string | null;
  debt: DebtPosition;
  /** An order not yet applied, if any. */
  pendingChange: { toPlanId: string; effectiveDate: string } | null;
  now: Date;
  immediateUpgrades: boolean;
}

/** A higher port speed: faster download, or the same download and faster upload. */
export function isUpgrade(from: Plan, to: Plan): boolean {
  return to.downKbps > from.downKbps || (to.downKbps === from.downKbps && to.upKbps > from.upKbps);
}

/** Whether this customer category may have the plan (seed 000, notes 1–2). */
export function isEligible(plan: Plan, category: CustomerCategory): boolean {
  return plan.categories.includes(category);
}

/** The fee for the move (seed 000, notes 3–4). @example Start → Hit (both 128/128): 10 % × 7 245 ₸ = 724,50 ₸ */
export function planChangeFee(from: Plan | null, to: Plan): number {
  if (!from || isUpgrade(from, to)) return 0;
  return roundHalfUp(to.connectionFeeTiyn * SAME_OR_LOWER_FEE_PERCENT, 100);
}

/** The date the change takes effect: the 1st of the next month (Almaty), or today for an upgrade when configured. */
export function planChangeEffectiveDate(from: Plan | null, to: Plan, now: Date, immediateUpgrades: boolean): string {
  if (immediateUpgrades && from && isUpgrade(from, to)) return almatyDate(now);
  return firstOfMonth(addMonths(almatyMonth(now), 1));
}

/** Why this plan cannot be ordered by this account now, or null. */
export function planUnavailableReason(ctx: PlanChangeContext, to: Plan): { reason: string; params?: Record<string, number | string> } | null {
  if (ctx.currentPlan?.id === to.id) return { reason: 'rules:plan.samePlan' };
  if (!isEligible(to, ctx.category)) return { reason: 'rules:plan.notForCategory' };
  const order = checkOrder(ctx.status, ctx.currentPlan ? 'changePlan' : 'connectService', ctx.debt);
  if (!order.ok) return { reason: order.reason, ...('params' in order ? { params: order.params } : {}) };
  if (ctx.pendingChange) return { reason: 'rules:plan.changePending', params: { date: ctx.pendingChange.effectiveDate } };
  return null;
}

/**
 * Quotes the move to `to`: the fee, the effective date, the monthly fees and the term-contract warning, with a
 * `quoteId` that changes whenever any of these terms does.
 */
export function quotePlanChange(ctx: PlanChangeContext, to: Plan): Result<PlanChangeQuote> {
  const unavailable = planUnavailableReason(ctx, to);
  if (unavailable) return { ok: false, ...unavailable };
  const from = ctx.currentPlan;
  const today = almatyDate(ctx.now);
  const cheaper = from !== null && to.monthlyFeeTiyn < from.monthlyFeeTiyn;
  const terms = {
    accountNumber: ctx.accountNumber,
    fromPlanId: from?.id ?? null,
    toPlanId: to.id,
    direction: from && !isUpgrade(from, to) ? ('same_or_lower' as const) : ('upgrade' as const),
    feeTiyn: planChangeFee(from, to),
    monthlyFeeFromTiyn: from?.monthlyFeeTiyn ?? 0,
    monthlyFeeToTiyn: to.monthlyFeeTiyn,
    effectiveDate: planChangeEffectiveDate(from, to, ctx.now, ctx.immediateUpgrades),
    termContractWarning: cheaper && ctx.termContractUntil && ctx.termContractUntil > today ? { until: ctx.termContractUntil } : null,
  };
  return { ok: true, value: { ...terms, quoteId: quoteIdOf(terms) } };
}

/** A short stable hash of the quoted terms. */
export function quoteIdOf(terms: object): string {
  return createHash('sha256').update(JSON.stringify(terms)).digest('hex').slice(0, 16);
}

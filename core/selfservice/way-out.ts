/**
 * @module The way out of a refused order: when the account's status or debt forbids a plan change (seed 001: overdue
 * debt, disconnected for debt; status 2: no penalty), the subscriber is offered to pay the debt, or — for overdue
 * or disconnected accounts — to request an instalment agreement (cl. 12 para 3; seed 001 status 6: services are
 * restored on full payment or a signed instalment agreement).
 */
import type { Balance } from '../billing/port.ts';
import { debtUnderClause85 } from '../accounts/preconditions.ts';

/** Reasons a payment cures. */
const CURED_BY_PAYMENT = new Set([
  'rules:deny.overdueDebt', 'rules:deny.disconnected', 'rules:deny.penaltyOnAccount', 'rules:deny.debtOnOtherAccount',
  'rules:deny.refusalWithDebt',
]);

export interface WayOut {
  /** Paying `amountTiyn` (debt with penalty, to the tiyn) lifts the refusal. */
  pay: { amountTiyn: number } | null;
  /** An instalment agreement may be requested (signed with a one-time code). */
  instalment: boolean;
}

/**
 * What the subscriber can do about a refusal with `reason` on this account.
 * @example wayOut('rules:deny.overdueDebt', balance) // { pay: { amountTiyn: 724550 }, instalment: true }
 */
export function wayOut(reason: string, balance: Balance): WayOut {
  const curable = CURED_BY_PAYMENT.has(reason);
  return {
    pay: curable && balance.totalDueTiyn > 0 ? { amountTiyn: balance.totalDueTiyn } : null,
    instalment: curable && mayRequestInstalment(balance),
  };
}

/** An instalment agreement is for overdue debt: an overdue or disconnected account that still owes past its due date. */
export function mayRequestInstalment(balance: Balance): boolean {
  const owes = debtUnderClause85(balance) > 0;
  return owes && (balance.status === 'overdue' || balance.status === 'disconnected');
}

/**
 * @module Debt-dependent preconditions for orders: seed 001 status 2 (further orders only without overdue,
 * doubtful or bad debt and without penalty) and cl. 8(5) (no debt to the operator for connecting services).
 */
import type { AccountStatus } from './status.ts';
import { checkOperation, type Decision, type Operation } from './operations.ts';

/** The account's money, as far as the preconditions care. */
export interface DebtPosition {
  overdueDebtTiyn: number;
  penaltyTiyn: number;
  collectionCostsTiyn: number;
  /** Debt still unpaid on the subscriber's other (terminated or current) accounts, cl. 8(5). */
  otherAccountsDebtTiyn: number;
}

/** The money of one account as `debtUnderClause85` reads it (a ledger position or a balance both carry it). */
export type PastDueMoney = Pick<DebtPosition, 'overdueDebtTiyn' | 'penaltyTiyn' | 'collectionCostsTiyn'>;

/**
 * The one reading of cl. 8(5) "no debt to the operator (under current or terminated contracts)": money left unpaid
 * past its payment date — overdue debt, penalty and collection costs. A charge whose payment date has not come yet
 * (seed 001 §2 "ағымдағы ДБ", current debt) is not counted: the subscriber has not failed to pay it, and counting it
 * would bar every credit-method subscriber from ordering between the 1st and the 25th of each month (cl. 17).
 * Used by the ledger's order path and by the balance screen alike.
 * @example debtUnderClause85({ overdueDebtTiyn: 0, penaltyTiyn: 500, collectionCostsTiyn: 0 }) // 500
 */
export function debtUnderClause85(money: PastDueMoney): number {
  return money.overdueDebtTiyn + money.penaltyTiyn + money.collectionCostsTiyn;
}

/** cl. 8(5) over the subscriber's other accounts: the sum of `debtUnderClause85` of each. */
export function otherAccountsDebt(others: Iterable<PastDueMoney>): number {
  let sum = 0;
  for (const other of others) sum += debtUnderClause85(other);
  return sum;
}

export type OrderDecision = Decision | { ok: false; reason: string; params: Record<string, number> };

/**
 * May the account order a plan change or a new service now? Status first (operation matrix), then debt.
 * Overdue debt or penalty blocks any order (seed 001, status 2); debt on another account blocks connecting
 * services (cl. 8(5)) but not a plain plan change, which cl. 9 does not condition on debt.
 */
export function checkOrder(status: AccountStatus, operation: Extract<Operation, 'changePlan' | 'connectService'>, debt: DebtPosition): OrderDecision {
  const byStatus = checkOperation(status, operation);
  if (!byStatus.ok) return { ok: false, reason: byStatus.reason, params: { amountTiyn: debt.overdueDebtTiyn + debt.penaltyTiyn } };
  const owed = debt.overdueDebtTiyn + debt.collectionCostsTiyn;
  if (owed > 0) return { ok: false, reason: 'rules:deny.overdueDebt', params: { amountTiyn: owed + debt.penaltyTiyn } };
  if (debt.penaltyTiyn > 0) return { ok: false, reason: 'rules:deny.penaltyOnAccount', params: { amountTiyn: debt.penaltyTiyn } };
  if (operation === 'connectService' && debt.otherAccountsDebtTiyn > 0) {
    return { ok: false, reason: 'rules:deny.debtOnOtherAccount', params: { amountTiyn: debt.otherAccountsDebtTiyn } };
  }
  return { ok: true };
}

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

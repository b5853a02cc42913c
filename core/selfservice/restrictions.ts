/**
 * @module What the balance screen says is not possible on an account now, and why: the operation matrix of seed 001
 * for payments and refusals, the order preconditions (seed 001 status 2, cl. 8(5)) for plan changes and new services.
 * The debt of the subscriber's other accounts is read by the same `debtUnderClause85` the ledger's order path uses.
 */
import { checkOperation, type Operation } from '../accounts/operations.ts';
import { checkOrder, otherAccountsDebt, type PastDueMoney } from '../accounts/preconditions.ts';
import type { Balance } from '../billing/port.ts';

/** Operations the balance screen explains when they are not allowed. */
export const EXPLAINED_OPERATIONS: readonly Operation[] = ['acceptPayment', 'changePlan', 'connectService', 'refuseService'];

export interface Restriction {
  operation: Operation;
  reason: string;
  params: Record<string, number>;
}

/**
 * The operations of `EXPLAINED_OPERATIONS` this account may not do now, with the reason and its amount.
 * @example orderRestrictions(balanceOfCurrentAccount, [otherWithOverdueDebt]) // [{ operation: 'connectService', reason: 'rules:deny.debtOnOtherAccount', … }]
 */
export function orderRestrictions(balance: Balance, others: readonly PastDueMoney[]): Restriction[] {
  const debt = {
    overdueDebtTiyn: balance.overdueDebtTiyn, penaltyTiyn: balance.penaltyTiyn,
    collectionCostsTiyn: balance.collectionCostsTiyn, otherAccountsDebtTiyn: otherAccountsDebt(others),
  };
  const out: Restriction[] = [];
  for (const operation of EXPLAINED_OPERATIONS) {
    const decision = operation === 'changePlan' || operation === 'connectService'
      ? checkOrder(balance.status, operation, debt)
      : checkOperation(balance.status, operation);
    if (decision.ok) continue;
    const params = 'params' in decision ? (decision.params as Record<string, number>) : { amountTiyn: balance.totalDueTiyn };
    out.push({ operation, reason: decision.reason, params });
  }
  return out;
}

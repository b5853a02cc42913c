/**
 * @module The operation matrix of seed 001 (section 3, clause 4): for each personal-account status, which
 * self-service operations are allowed, and the reason (an i18n key in `rules`) when one is not.
 * Status alone decides here; debt-dependent preconditions (cl. 8(5), seed 001 status 2) are in `preconditions.ts`.
 */
import type { AccountStatus } from './status.ts';
import { monthsPassed, daysBetween, almatyDate } from '../billing/calendar.ts';

export const OPERATIONS = [
  'showBalance', 'acceptPayment', 'changePlan', 'connectService', 'refuseService', 'closeAccount', 'useAsPayer', 'reconnect',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `null` = allowed; a string = denied with this reason key. */
type Row = Record<Operation, string | null>;

const CLOSED_REASON = 'rules:deny.closed';
/** Seed 001 statuses 5–6 forbid "any other orders"; cl. 13 terminates only with the debt paid: pay or agree instalments first. */
const REFUSAL_WITH_DEBT = 'rules:deny.refusalWithDebt';

/** Forbidden "as for closed" (seed 001, statuses 3, 7–10): no services, charges, orders, payer role. */
const closedLike = (acceptPayment: string | null, reconnect: string | null): Row => ({
  showBalance: null,
  acceptPayment,
  changePlan: CLOSED_REASON,
  connectService: CLOSED_REASON,
  refuseService: 'rules:deny.alreadyTerminated',
  closeAccount: 'rules:deny.alreadyTerminated',
  useAsPayer: CLOSED_REASON,
  reconnect,
});

/** The matrix itself: status × operation. */
export const OPERATION_MATRIX: Record<AccountStatus, Row> = {
  // 1. New: like current; it becomes current when its opening period closes.
  new: {
    showBalance: null, acceptPayment: null, changePlan: null, connectService: null, refuseService: null,
    closeAccount: null, useAsPayer: null, reconnect: 'rules:deny.notClosed',
  },
  // 2. Current: orders allowed only without overdue/doubtful/bad debt and penalty (checked in preconditions).
  current: {
    showBalance: null, acceptPayment: null, changePlan: null, connectService: null, refuseService: null,
    closeAccount: null, useAsPayer: null, reconnect: 'rules:deny.notClosed',
  },
  // 3. Closed: no debt and no credit, so nothing to pay; reconnection within 30 days.
  closed: closedLike('rules:deny.nothingToPay', null),
  // 4. Archive: not even payments; a returning subscriber gets a new account.
  archive: { ...closedLike('rules:deny.archived', 'rules:deny.archived'), changePlan: 'rules:deny.archived', connectService: 'rules:deny.archived', useAsPayer: 'rules:deny.archived' },
  // 5. Overdue debt: services on, payments accepted; no orders ("… and any other orders", refusals included: cl. 13
  // terminates only with the debt up to termination paid), not a payer.
  overdue: {
    showBalance: null, acceptPayment: null, changePlan: 'rules:deny.overdueDebt', connectService: 'rules:deny.overdueDebt',
    refuseService: REFUSAL_WITH_DEBT, closeAccount: REFUSAL_WITH_DEBT, useAsPayer: 'rules:deny.overdueDebt', reconnect: 'rules:deny.notClosed',
  },
  // 6. Disconnected for debt: no services, charges or orders (refusals included) until paid in full or an instalment agreement.
  disconnected: {
    showBalance: null, acceptPayment: null, changePlan: 'rules:deny.disconnected', connectService: 'rules:deny.disconnected',
    refuseService: REFUSAL_WITH_DEBT, closeAccount: REFUSAL_WITH_DEBT, useAsPayer: 'rules:deny.disconnected', reconnect: 'rules:deny.notClosed',
  },
  // 7. Closed with doubtful debt: the debt can still be paid off.
  closed_doubtful_debt: closedLike(null, 'rules:deny.terminatedWithDebt'),
  // 8. Closed with written-off bad debt: paying it moves the account to closed.
  closed_written_off: closedLike(null, 'rules:deny.terminatedWithDebt'),
  // 9. Closed with credit balance: nothing owed; reconnection while the credit is under 12 months old.
  closed_credit_balance: closedLike('rules:deny.nothingToPay', null),
  // 10. Closed with doubtful credit balance.
  closed_doubtful_credit: closedLike('rules:deny.nothingToPay', 'rules:deny.reconnectWindowPassed'),
};

export type Decision = { ok: true } | { ok: false; reason: string };

/** Seed 001 status 3: "reconnected to the same account within 30 calendar days of closing". */
export const RECONNECT_WITHIN_DAYS = 30;
/** Seed 001 status 9 table: reconnection allowed while the credit balance is "up to 12 months" old. */
export const CREDIT_RECONNECT_MONTHS = 12;

/** What the time-dependent reconnection rule needs to know about the account. */
export interface StatusContext {
  /** When the account entered its status (closing date for the closed statuses). */
  statusSince: Date;
  now: Date;
}

/**
 * May this operation be done on an account in this status? Reconnection also depends on time:
 * closed — within 30 calendar days (seed 001, status 3); closed with credit balance — within 12 months (status 9).
 * @example checkOperation('overdue', 'changePlan') // { ok: false, reason: 'rules:deny.overdueDebt' }
 */
export function checkOperation(status: AccountStatus, operation: Operation, context?: StatusContext): Decision {
  const reason = OPERATION_MATRIX[status][operation];
  if (reason) return { ok: false, reason };
  if (operation === 'reconnect' && context) {
    if (status === 'closed' && daysBetween(almatyDate(context.statusSince), almatyDate(context.now)) > RECONNECT_WITHIN_DAYS) {
      return { ok: false, reason: 'rules:deny.reconnectWindowPassed' };
    }
    if (status === 'closed_credit_balance' && monthsPassed(context.statusSince, context.now, CREDIT_RECONNECT_MONTHS)) {
      return { ok: false, reason: 'rules:deny.reconnectWindowPassed' };
    }
  }
  return { ok: true };
}

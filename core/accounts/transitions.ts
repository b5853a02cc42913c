/**
 * @module Status transitions of seed 001: which moves exist, and the pure decisions behind the time-driven ones
 * (run daily by the account job) and the money-driven ones (run when a payment arrives).
 */
import type { AccountStatus } from './status.ts';
import { almatyDate, almatyMonth, daysBetween, yearsPassed } from '../billing/calendar.ts';

export type TransitionTrigger = 'time' | 'money' | 'decision';

/** Every move seed 001 describes, and what drives it. Any other move is refused (clause 5). */
export const TRANSITIONS: ReadonlyArray<{ from: AccountStatus; to: AccountStatus; trigger: TransitionTrigger; rule: string }> = [
  { from: 'new', to: 'current', trigger: 'time', rule: 'status 1: the opening period closed' },
  { from: 'current', to: 'overdue', trigger: 'time', rule: 'status 5: unpaid after the due date (cl. 17)' },
  { from: 'new', to: 'overdue', trigger: 'time', rule: 'status 5: unpaid after the due date (cl. 17)' },
  { from: 'overdue', to: 'current', trigger: 'money', rule: 'status 5: overdue debt and penalty paid' },
  { from: 'overdue', to: 'disconnected', trigger: 'time', rule: 'status 5: blocking schedule' },
  { from: 'disconnected', to: 'current', trigger: 'money', rule: 'status 6: overdue debt paid in full' },
  { from: 'disconnected', to: 'current', trigger: 'decision', rule: 'status 6: instalment agreement signed' },
  { from: 'overdue', to: 'current', trigger: 'decision', rule: 'status 5–6: instalment agreement signed' },
  { from: 'disconnected', to: 'closed_doubtful_debt', trigger: 'time', rule: 'status 6: neither paid nor agreed' },
  { from: 'current', to: 'closed', trigger: 'decision', rule: 'status 3: refusal of all services, no debt' },
  { from: 'new', to: 'closed', trigger: 'decision', rule: 'status 3: refusal of all services, no debt' },
  { from: 'current', to: 'closed_credit_balance', trigger: 'decision', rule: 'status 9: terminated with credit balance' },
  { from: 'new', to: 'closed_credit_balance', trigger: 'decision', rule: 'status 9: terminated with credit balance' },
  { from: 'closed', to: 'current', trigger: 'decision', rule: 'status 3: reconnected within 30 days' },
  { from: 'closed', to: 'archive', trigger: 'time', rule: 'status 3: 30 calendar days after closing' },
  { from: 'closed_doubtful_debt', to: 'closed_written_off', trigger: 'decision', rule: 'status 7: bad debt written off' },
  // Seed 001 names only the write-off as status 7's way on; the move stays because a status-7 account whose debt is
  // paid matches status 3's own definition ("no debt of any kind … no services"), as status 8 says for a payment.
  { from: 'closed_doubtful_debt', to: 'closed', trigger: 'money', rule: 'status 7 read with status 3: doubtful debt paid' },
  { from: 'closed_written_off', to: 'closed', trigger: 'time', rule: 'status 8: five years after write-off' },
  { from: 'closed_written_off', to: 'closed', trigger: 'money', rule: 'status 8: the subscriber paid' },
  { from: 'closed_written_off', to: 'archive', trigger: 'decision', rule: 'status 8: found fraudulent' },
  { from: 'closed_credit_balance', to: 'current', trigger: 'decision', rule: 'status 9: reconnected within 12 months' },
  { from: 'closed_credit_balance', to: 'archive', trigger: 'decision', rule: 'status 9: balance moved on application (12 months – 3 years)' },
  { from: 'closed_credit_balance', to: 'closed_doubtful_credit', trigger: 'time', rule: 'status 9: credit balance 3 years old' },
  { from: 'closed_doubtful_credit', to: 'archive', trigger: 'time', rule: 'status 10: credit written off (3 years)' },
];

/**
 * Whether seed 001 knows this move (for `trigger`, when given). Every status change goes through `moveStatus`
 * (move.ts), which asks this first.
 */
export function canTransition(from: AccountStatus, to: AccountStatus, trigger?: TransitionTrigger): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && (trigger === undefined || t.trigger === trigger));
}

/** The numbers the contract leaves open (RULES.md, gaps). */
export interface StatusPolicy {
  /** Days after the due date at which an overdue account is disconnected (blocking schedule; contract silent, cl. 33(5)). */
  disconnectAfterDays: number;
  /** Days after disconnection without payment or agreement before the debt is doubtful and the account closed. */
  doubtfulAfterDays: number;
  /**
   * Days after the credit turns 3 years old at which doubtful credit is written off and the account archived (seed 001
   * status 9 table: "over 3 years" the balance is the operator's income; status 10: archive after that write-off).
   */
  creditWriteOffAfterDays?: number;
}

export const DEFAULT_STATUS_POLICY: StatusPolicy = { disconnectAfterDays: 10, doubtfulAfterDays: 90, creditWriteOffAfterDays: 1 };

/** What the decisions need to know about one account. */
export interface AccountFacts {
  status: AccountStatus;
  statusSince: Date;
  openedAt: Date;
  /** When the contract was terminated (first closing status); a credit balance is as old as this. */
  closedAt?: Date | null;
  /** Due date (`YYYY-MM-DD`) of the oldest invoice with unpaid principal, if any. */
  oldestUnpaidDueDate: string | null;
  /** Unpaid overdue principal + penalty + collection costs. */
  overdueTotalTiyn: number;
  /** Every unpaid amount, current included. */
  debtTotalTiyn: number;
}

/**
 * The status an account moves to by the passage of time at `now`, or null when it stays. Applied repeatedly
 * until null, so an account that slept through several steps catches up in one run.
 * @example with oldestUnpaidDueDate '2026-03-25': at 2026-03-25T23:59+05 → null; at 2026-03-26T00:00+05 → 'overdue'
 */
export function timeDrivenTransition(facts: AccountFacts, now: Date, policy: StatusPolicy = DEFAULT_STATUS_POLICY): AccountStatus | null {
  const today = almatyDate(now);
  const daysLate = facts.oldestUnpaidDueDate ? daysBetween(facts.oldestUnpaidDueDate, today) : 0;
  const daysInStatus = daysBetween(almatyDate(facts.statusSince), today);
  switch (facts.status) {
    case 'new':
      if (daysLate > 0) return 'overdue';
      return almatyMonth(now) > almatyMonth(facts.openedAt) ? 'current' : null;
    case 'current':
      return daysLate > 0 ? 'overdue' : null;
    case 'overdue':
      if (facts.overdueTotalTiyn === 0 && daysLate <= 0) return 'current';
      return daysLate >= policy.disconnectAfterDays ? 'disconnected' : null;
    case 'disconnected':
      return daysInStatus >= policy.doubtfulAfterDays ? 'closed_doubtful_debt' : null;
    case 'closed':
      return daysInStatus > 30 ? 'archive' : null;
    case 'closed_credit_balance':
      return yearsPassed(facts.statusSince, now, 3) ? 'closed_doubtful_credit' : null;
    case 'closed_doubtful_credit': {
      // Status 10: "after the credit debt is written off (3 years later)" — three years of the credit's own age,
      // counted from the closing that left it (status 9), not from the day it became doubtful.
      const creditSince = facts.closedAt ?? facts.statusSince;
      const writeOff = new Date(creditSince.getTime() + (policy.creditWriteOffAfterDays ?? 1) * 86_400_000);
      return yearsPassed(writeOff, now, 3) ? 'archive' : null;
    }
    case 'closed_written_off':
      return yearsPassed(facts.statusSince, now, 5) ? 'closed' : null;
    default:
      return null;
  }
}

/**
 * The status a payment moves the account to, or null. Overdue or disconnected accounts return to current when the
 * overdue debt, penalty and collection costs are all paid (seed 001 statuses 5–6, cl. 31(13)); closed accounts with
 * doubtful or written-off debt become closed once everything is paid (statuses 7–8).
 */
export function moneyDrivenTransition(facts: AccountFacts): AccountStatus | null {
  switch (facts.status) {
    case 'overdue':
    case 'disconnected':
      return facts.overdueTotalTiyn === 0 ? 'current' : null;
    case 'closed_doubtful_debt':
    case 'closed_written_off':
      return facts.debtTotalTiyn === 0 ? 'closed' : null;
    default:
      return null;
  }
}

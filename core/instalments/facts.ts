/**
 * @module The status facts of an account with an instalment agreement, for the daily sweep: a kept agreement holds
 * the debt it covers off the overdue clock; a paid-off one ends; a missed part breaks it (seed 001 status 5 again),
 * and the blocking schedule then counts from the missed part's date, not from the old invoices'.
 */
import type { Logger } from '../logging/logger.ts';
import type { PersonalAccount } from '../accounts/model.ts';
import type { AccountFacts } from '../accounts/transitions.ts';
import { almatyDate } from '../billing/calendar.ts';
import { accountFacts, type Position } from '../billing/ledger/position.ts';
import { firstMissed, viewAgreement } from './rules.ts';
import type { InstalmentRepositories } from './repository.ts';

const later = (a: string | null, b: string): string | null => (a === null ? null : a > b ? a : b);

/**
 * The facts `timeDrivenTransition` reads, with the account's agreement applied; ends the agreement when it is paid
 * off or broken (once: the store's `end` is conditional).
 */
export async function agreementFacts(
  deps: { store: Pick<InstalmentRepositories, 'instalments'>; logger: Pick<Logger, 'info' | 'warn'> },
  account: PersonalAccount, position: Position, now: Date,
): Promise<AccountFacts> {
  const base = accountFacts(account, position);
  const agreements = await deps.store.instalments.listByAccount(account.id);
  const active = agreements.find((a) => a.status === 'active');
  if (active) {
    const view = viewAgreement(active, position, now);
    if (view.coveredLeftTiyn === 0) {
      if (await deps.store.instalments.end(active.id, 'paid', now)) deps.logger.info({ agreementId: active.id }, 'instalment agreement paid off');
    }
    if (view.missed) {
      if (await deps.store.instalments.end(active.id, 'broken', now)) deps.logger.warn({ agreementId: active.id, missed: view.missed.dueDate }, 'instalment missed: agreement broken, account overdue again');
      return { ...base, oldestUnpaidDueDate: later(base.oldestUnpaidDueDate, view.missed.dueDate) };
    }
    // Kept: nothing is late while every part and every later charge is paid by its date.
    return { ...base, oldestUnpaidDueDate: null, overdueTotalTiyn: 0 };
  }
  // Paid off ahead of its schedule: money went to the old debt first (cl. 20), so until the last part's date the
  // schedule, not the ledger's order, says whether a later charge is late.
  const paid = agreements[0]?.status === 'paid' ? agreements[0] : null;
  const last = paid?.parts[paid.parts.length - 1]?.dueDate;
  if (paid && last && last >= almatyDate(now) && !firstMissed(paid, position, almatyDate(now))) return { ...base, oldestUnpaidDueDate: null, overdueTotalTiyn: 0 };
  const broken = agreements[0]?.status === 'broken' ? agreements[0] : null;
  if (broken?.concludedAt && broken.endedAt) {
    const missed = firstMissed(broken, position, almatyDate(broken.endedAt));
    if (missed) return { ...base, oldestUnpaidDueDate: later(base.oldestUnpaidDueDate, missed.dueDate) };
  }
  return base;
}

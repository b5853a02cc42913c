/**
 * @module Opening the restoration of access owed to a disconnected account (cl. 31(13): within 3 hours of full
 * payment, up to 24 hours on a system failure; seed 001 status 6: also when an instalment agreement is signed).
 * The ledger's stand-in for network provisioning reopens access on the next scheduler tick; the checks at 3 h and
 * 24 h flag or breach the restoration if that has not happened (core/accounts/jobs.ts).
 */
import type { JobScheduler } from '../../scheduler/scheduler.ts';
import type { BillingRepository } from '../repository.ts';

const HOUR = 3_600_000;
/** cl. 31(13): access reopened within 3 hours of full payment, up to 24 hours on a system failure. */
export const RESTORE_WITHIN_MS = 3 * HOUR;
export const RESTORE_AT_LATEST_MS = 24 * HOUR;

/**
 * Records the restoration `restore:<accountId>:<reference>` and schedules its jobs; idempotent by that id.
 * `reference` is the payment's external id, or `instalment:<agreementId>`.
 */
export async function openRestoration(
  deps: { billing: BillingRepository; timers: JobScheduler }, accountId: string, reference: string, now: Date,
): Promise<string> {
  const id = `restore:${accountId}:${reference}`;
  await deps.billing.addRestoration({
    id, accountId, paymentExternalId: reference, paidInFullAt: now,
    restoreBy: new Date(now.getTime() + RESTORE_WITHIN_MS), latestBy: new Date(now.getTime() + RESTORE_AT_LATEST_MS),
    restoredAt: null, flaggedAt: null, breachedAt: null,
  });
  await deps.timers.schedule('billing.restore', `${id}:do`, now, { id });
  await deps.timers.schedule('billing.restoration-check', `${id}:flag`, new Date(now.getTime() + RESTORE_WITHIN_MS), { id, stage: 'flag' });
  await deps.timers.schedule('billing.restoration-check', `${id}:breach`, new Date(now.getTime() + RESTORE_AT_LATEST_MS), { id, stage: 'breach' });
  return id;
}

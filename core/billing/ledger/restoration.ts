/**
 * @module Opening the restoration of access owed to a disconnected account (cl. 31(13): within 3 hours of full
 * payment, up to 24 hours on a system failure; seed 001 status 6: also when an instalment agreement is signed).
 * The ledger's stand-in for network provisioning reopens access on the next scheduler tick; the checks at 3 h and
 * 24 h flag or breach the restoration if that has not happened (core/accounts/jobs.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/store.ts';

const HOUR = 3_600_000;
/** cl. 31(13): access reopened within 3 hours of full payment, up to 24 hours on a system failure. */
export const RESTORE_WITHIN_MS = 3 * HOUR;
export const RESTORE_AT_LATEST_MS = 24 * HOUR;

/**
 * Records the restoration `restore:<accountId>:<reference>` and schedules its jobs; idempotent by that id.
 * `reference` is the payment's external id, or `instalment:<agreementId>`.
 */
export async function openRestoration(store: Pick<Store, 'billing' | 'jobs'>, accountId: string, reference: string, now: Date): Promise<string> {
  const id = `restore:${accountId}:${reference}`;
  await store.billing.addRestoration({
    id, accountId, paymentExternalId: reference, paidInFullAt: now,
    restoreBy: new Date(now.getTime() + RESTORE_WITHIN_MS), latestBy: new Date(now.getTime() + RESTORE_AT_LATEST_MS),
    restoredAt: null, flaggedAt: null, breachedAt: null,
  });
  await store.jobs.schedule({ id: randomUUID(), kind: 'billing.restore', key: `${id}:do`, dueAt: now, payload: { id } });
  await store.jobs.schedule({ id: randomUUID(), kind: 'billing.restoration-check', key: `${id}:flag`, dueAt: new Date(now.getTime() + RESTORE_WITHIN_MS), payload: { id, stage: 'flag' } });
  await store.jobs.schedule({ id: randomUUID(), kind: 'billing.restoration-check', key: `${id}:breach`, dueAt: new Date(now.getTime() + RESTORE_AT_LATEST_MS), payload: { id, stage: 'breach' } });
  return id;
}

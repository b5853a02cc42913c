/**
 * @module Instalment agreement use cases. The subscriber requests one with a signed application (cl. 12 para 3);
 * an agent or a supervisor concludes it in the console with a schedule of parts and dates; on conclusion the account
 * returns to current (seed 001 status 6: "…or an instalment agreement is signed; the status then returns to
 * current") and a disconnected account gets access back within 3 hours (cl. 31(13)). Until then nothing is restored.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Result } from '../billing/port.ts';
import type { PersonalAccount } from '../accounts/model.ts';
import type { Application } from '../applications/model.ts';
import { almatyDate } from '../billing/calendar.ts';
import { readPosition } from '../billing/ledger/position.ts';
import { openRestoration } from '../billing/ledger/restoration.ts';
import { timersOn, type JobScheduler } from '../scheduler/scheduler.ts';
import { debtUnderClause85 } from '../accounts/preconditions.ts';
import { moveStatus } from '../accounts/move.ts';
import type { InstalmentAgreement, InstalmentPart } from './model.ts';
import { validateSchedule } from './rules.ts';
import type { InstalmentRepositories } from './repository.ts';

export interface InstalmentDeps {
  store: InstalmentRepositories;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Sets the restoration timers; timers on the store when not given. */
  scheduler?: JobScheduler;
}

/** Statuses an agreement is for: overdue debt (seed 001 statuses 5–6). */
const FOR_STATUSES = ['overdue', 'disconnected'] as const;

/** The debt an agreement covers now: overdue debt + penalty + collection costs (cl. 8(5)'s reading). */
export async function debtToCover(store: Pick<InstalmentRepositories, 'billing'>, account: PersonalAccount, now: Date): Promise<number> {
  return debtUnderClause85((await readPosition(store, account, now)).totals);
}

/** The account's agreement still requested or kept, if any. */
export async function openAgreement(store: Pick<InstalmentRepositories, 'instalments'>, accountId: string): Promise<InstalmentAgreement | null> {
  return (await store.instalments.listByAccount(accountId)).find((a) => a.status === 'requested' || a.status === 'active') ?? null;
}

/** Records a signed request (one open agreement per account). */
export async function requestAgreement(deps: InstalmentDeps, application: Application, account: PersonalAccount): Promise<Result<InstalmentAgreement>> {
  if (!(FOR_STATUSES as readonly string[]).includes(account.status)) return { ok: false, reason: 'selfservice:instalment.notNeeded' };
  if (await openAgreement(deps.store, account.id)) return { ok: false, reason: 'selfservice:instalment.alreadyRequested' };
  const now = deps.clock.now();
  const agreement: InstalmentAgreement = {
    id: randomUUID(), accountId: account.id, subscriberId: account.subscriberId, applicationId: application.id, status: 'requested',
    requestedAt: now, debtTiyn: await debtToCover(deps.store, account, now), parts: [], concludedAt: null, concludedBy: null, endedAt: null,
  };
  await deps.store.instalments.add(agreement);
  return { ok: true, value: agreement };
}

/**
 * Concludes a requested agreement with `parts` (checked by `validateSchedule` against the debt now), moves the account
 * to current and, if it was disconnected, opens the 3-hour restoration. Audited.
 * @example await concludeAgreement(deps, { agreementId, parts, by: user.id }) // { ok: true, value: { restoreBy } }
 */
export async function concludeAgreement(
  deps: InstalmentDeps, input: { agreementId: string; parts: InstalmentPart[]; by: string },
): Promise<Result<{ agreement: InstalmentAgreement; restoreBy: Date | null }>> {
  const { store } = deps;
  const now = deps.clock.now();
  const agreement = await store.instalments.get(input.agreementId);
  if (!agreement || agreement.status !== 'requested') return { ok: false, reason: 'rules:instalment.notRequested' };
  const account = await store.accounts.get(agreement.accountId);
  if (!account || !(FOR_STATUSES as readonly string[]).includes(account.status)) return { ok: false, reason: 'rules:instalment.noOverdueDebt' };
  const debt = await debtToCover(store, account, now);
  if (debt <= 0) return { ok: false, reason: 'rules:instalment.noOverdueDebt' };
  const schedule = validateSchedule(input.parts, debt, almatyDate(now));
  if (!schedule.ok) return schedule;
  if (!(await store.instalments.conclude(agreement.id, { parts: schedule.value, debtTiyn: debt, by: input.by, at: now }))) {
    return { ok: false, reason: 'rules:instalment.notRequested' };
  }
  const moved = await moveStatus({ accounts: store.accounts, logger: deps.logger }, account, 'current', 'decision', now);
  let restoreBy: Date | null = null;
  if (moved.ok && account.status === 'disconnected' && account.services.length > 0) {
    const id = await openRestoration({ billing: store.billing, timers: deps.scheduler ?? timersOn(store) }, account.id, `instalment:${agreement.id}`, now);
    restoreBy = (await store.billing.getRestoration(id))?.restoreBy ?? null;
  }
  await store.audit.append({
    id: randomUUID(), at: now, actorType: 'user', actorId: input.by, action: 'instalment.concluded', entity: 'account', entityId: account.id,
    details: { agreementId: agreement.id, parts: schedule.value.length, debtTiyn: debt, from: account.status },
  });
  deps.logger.info({ agreementId: agreement.id, accountId: account.id }, 'instalment agreement concluded');
  return { ok: true, value: { agreement: (await store.instalments.get(agreement.id))!, restoreBy } };
}

/**
 * @module Finishing payments a crash interrupted (issue 20 item 6). A process killed after billing registered the
 * money but before we marked the payment registered would leave it "paid, not registered" forever: no receipt, no
 * `payment.paid`. A store job sweeps such payments at every start and every few minutes after; finishing one is
 * idempotent (billing by external id, our mark by a conditional write), so each is finished exactly once, whichever
 * instance or sweep gets there, and a gateway repeating its callback meanwhile changes nothing. The same sweep sends
 * the receipts a crash kept from leaving (registered, not marked sent, for longer than a step can take), and the
 * notices of declined payments likewise (declined within the last day: a later one would only confuse).
 */
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import { scheduleEvery } from '../scheduler/every.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { PaymentService } from './service.ts';
import type { PaymentRepositories } from './repository.ts';

export const RECOVERY_JOB = 'payments.finish-registration';
const EVERY_MS = 5 * 60_000;
const BATCH = 100;
/** A declined payment's notice older than this is not sent after a crash any more (the subscriber has moved on). */
const DECLINE_NOTICE_MS = 86_400_000;

export interface RecoveryDeps {
  store: PaymentRepositories;
  clock: Clock;
  logger: Logger;
  service: Pick<PaymentService, 'finishRegistration' | 'finishNotice' | 'finishDeclineNotice'>;
  /** How long a registered payment may wait for its receipt before a sweep sends it (a crashed step's lease). */
  noticeAfterMs: number;
}

/** Finishes up to a batch of paid, unregistered payments; returns how many this sweep registered. */
export async function finishInterruptedPayments(deps: RecoveryDeps): Promise<number> {
  let registered = 0;
  for (const payment of await deps.store.payments.listUnregistered(BATCH)) {
    // One payment billing refuses must not hold up the others; it stays listed for people to act on.
    try {
      if ((await deps.service.finishRegistration(payment)) === 'registered') registered += 1;
    } catch (err) {
      deps.logger.warn({ err, paymentId: payment.id }, 'could not finish a paid payment yet; next sweep retries');
    }
  }
  if (registered > 0) deps.logger.info({ registered }, 'interrupted payments registered in billing');
  let told = 0;
  const before = new Date(deps.clock.now().getTime() - deps.noticeAfterMs);
  for (const payment of await deps.store.payments.listUnnotified(before, BATCH)) {
    try {
      if (await deps.service.finishNotice(payment)) told += 1;
    } catch (err) {
      deps.logger.warn({ err, paymentId: payment.id }, 'could not send a payment\'s receipt yet; next sweep retries');
    }
  }
  if (told > 0) deps.logger.info({ told }, 'receipts of interrupted payments sent');
  let declined = 0;
  const since = new Date(before.getTime() - DECLINE_NOTICE_MS);
  for (const payment of await deps.store.payments.listDeclinedUnnotified(since, before, BATCH)) {
    try {
      if (await deps.service.finishDeclineNotice(payment)) declined += 1;
    } catch (err) {
      deps.logger.warn({ err, paymentId: payment.id }, 'could not send a declined payment\'s notice yet; next sweep retries');
    }
  }
  if (declined > 0) deps.logger.info({ declined }, 'notices of interrupted declined payments sent');
  return registered;
}

/** Registers the sweep on the scheduler and makes one due at once (so it runs on the first tick after a start). */
export async function registerPaymentRecovery(scheduler: Scheduler, deps: RecoveryDeps): Promise<void> {
  await scheduleEvery(scheduler, { kind: RECOVERY_JOB, everyMs: EVERY_MS, clock: deps.clock, runAtStart: true }, async () => {
    await finishInterruptedPayments(deps);
  });
}

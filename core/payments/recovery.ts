/**
 * @module Finishing payments a crash interrupted (issue 20 item 6). A process killed after billing registered the
 * money but before we marked the payment registered would leave it "paid, not registered" forever: no receipt, no
 * `payment.paid`. A store job sweeps such payments at every start and every few minutes after; finishing one is
 * idempotent (billing by external id, our mark by a conditional write), so each is finished exactly once, whichever
 * instance or sweep gets there, and a gateway repeating its callback meanwhile changes nothing.
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

export interface RecoveryDeps {
  store: PaymentRepositories;
  clock: Clock;
  logger: Logger;
  service: Pick<PaymentService, 'finishRegistration'>;
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
  return registered;
}

/** Registers the sweep on the scheduler and makes one due at once (so it runs on the first tick after a start). */
export async function registerPaymentRecovery(scheduler: Scheduler, deps: RecoveryDeps): Promise<void> {
  await scheduleEvery(scheduler, { kind: RECOVERY_JOB, everyMs: EVERY_MS, clock: deps.clock, runAtStart: true }, async () => {
    await finishInterruptedPayments(deps);
  });
}

/**
 * @module Throttling by rolling windows over store-backed hits, shared by every instance: one-time codes
 * (core/verification) and console sign-in (core/users). `registerThrottlePurge` deletes expired hits hourly.
 */
import type { Clock } from '../ports/clock.ts';
import { scheduleEvery } from '../scheduler/every.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ThrottleRepository } from './repository.ts';

export type { ThrottleHit } from './model.ts';
export type { ThrottleRepository } from './repository.ts';
export { throttleKey } from './keys.ts';

export const THROTTLE_PURGE_JOB = 'throttle.purge';

/** Deletes expired hits every hour (MongoDB's TTL index does it too; SQLite needs this). */
export async function registerThrottlePurge(scheduler: Scheduler, deps: { store: { throttle: ThrottleRepository }; clock: Clock }): Promise<void> {
  await scheduleEvery(scheduler, { kind: THROTTLE_PURGE_JOB, everyMs: 3_600_000, clock: deps.clock }, async () => {
    while ((await deps.store.throttle.purge(deps.clock.now(), 5000)) === 5000) { /* keep going */ }
  });
}

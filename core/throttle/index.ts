/**
 * @module Throttling by rolling windows over store-backed hits, shared by every instance: one-time codes
 * (core/verification) and console sign-in (core/users). `registerThrottlePurge` deletes expired hits hourly.
 */
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store } from '../store/store.ts';

export type { ThrottleHit } from './model.ts';
export type { ThrottleRepository } from './repository.ts';
export { throttleKey } from './keys.ts';

export const THROTTLE_PURGE_JOB = 'throttle.purge';
const HOUR = 3_600_000;

export async function registerThrottlePurge(scheduler: Scheduler, deps: { store: Store; clock: Clock }): Promise<void> {
  const slot = (at: number) => `${THROTTLE_PURGE_JOB}:${new Date(Math.ceil(at / HOUR) * HOUR).toISOString()}`;
  scheduler.on(THROTTLE_PURGE_JOB, async () => {
    while ((await deps.store.throttle.purge(deps.clock.now(), 5000)) === 5000) { /* keep going */ }
    const next = deps.clock.now().getTime() + HOUR;
    await scheduler.schedule(THROTTLE_PURGE_JOB, slot(next), new Date(next));
  });
  const first = deps.clock.now().getTime() + HOUR;
  await scheduler.schedule(THROTTLE_PURGE_JOB, slot(first), new Date(first));
}

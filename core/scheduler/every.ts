/**
 * @module A job that repeats every `everyMs` on the shared scheduler: the next run is scheduled under the key of its
 * time slot, so several instances starting the same chain share one run per slot. With `runAtStart`, one run is due
 * at once (a sweep that must happen after every start, like finishing interrupted payments).
 */
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from './scheduler.ts';

export async function scheduleEvery(
  scheduler: Scheduler,
  options: { kind: string; everyMs: number; clock: Clock; runAtStart?: boolean },
  run: () => Promise<void>,
): Promise<void> {
  const { kind, everyMs, clock } = options;
  const slotKey = (at: number) => `${kind}:${new Date(Math.ceil(at / everyMs) * everyMs).toISOString()}`;
  scheduler.on(kind, async () => {
    await run();
    const next = clock.now().getTime() + everyMs;
    await scheduler.schedule(kind, slotKey(next), new Date(next));
  });
  const now = clock.now().getTime();
  if (options.runAtStart) await scheduler.schedule(kind, `${kind}:start:${now}`, new Date(now));
  else await scheduler.schedule(kind, slotKey(now + everyMs), new Date(now + everyMs));
}

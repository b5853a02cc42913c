/**
 * @module Forgetting what several instances shared once it served: live-feed events after 10 minutes (a console that
 * reconnects renders afresh), outbox entries a day after they went or were refused (kept that long for questions).
 */
import type { Clock } from '../ports/clock.ts';
import { scheduleEvery } from '../scheduler/every.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { OutboxRepository } from '../outbox/repository.ts';
import type { EventFeedRepository } from './repository.ts';

const FEED_KEPT_MS = 10 * 60_000;
const OUTBOX_KEPT_MS = 86_400_000;
const BATCH = 5_000;

export async function registerInstancePurge(scheduler: Scheduler, store: { eventFeed: EventFeedRepository; outbox: OutboxRepository }, clock: Clock): Promise<void> {
  await scheduleEvery(scheduler, { kind: 'instances.purge', everyMs: 10 * 60_000, clock }, async () => {
    const now = clock.now().getTime();
    // In batches until done: a busy web chat announces every message it keeps, far more than one batch per round.
    while ((await store.eventFeed.purge(new Date(now - FEED_KEPT_MS), BATCH)) === BATCH) { /* keep going */ }
    while ((await store.outbox.purge(new Date(now - OUTBOX_KEPT_MS), BATCH)) === BATCH) { /* keep going */ }
  });
}

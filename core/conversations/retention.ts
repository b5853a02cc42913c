/**
 * @module The daily retention sweep of chat transcripts (PRODUCT.md: chat transcripts are kept 3 months; seed 003
 * cl. 26): at 03:00 Almaty it deletes conversation-log messages older than the cut-off, in batches, and schedules the
 * next day's run. The job lives in the store, so a sweep missed while the process was down runs on the next tick.
 */
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import { almatyDate, addDays, startOfDay } from '../billing/calendar.ts';
import { retentionCutoff } from './model.ts';
import type { ConversationRepositories } from './repository.ts';

export const RETENTION_JOB = 'conversations.retention';
/** Minutes after Almaty midnight the sweep runs (a quiet hour). */
const SWEEP_MINUTE = 3 * 60;
/** Rows deleted per statement, so one sweep never holds the store for long. */
const BATCH = 5_000;

export interface RetentionDeps {
  store: Pick<ConversationRepositories, 'conversationMessages' | 'jobs'>;
  clock: Clock;
  logger: Logger;
}

const sweepTime = (date: string): Date => new Date(startOfDay(date).getTime() + SWEEP_MINUTE * 60_000);

/** Deletes every conversation message older than the retention cut-off; returns how many went. */
export async function purgeOldTranscripts({ store, clock }: Pick<RetentionDeps, 'store' | 'clock'>): Promise<number> {
  const cutoff = retentionCutoff(clock.now());
  let total = 0;
  for (;;) {
    const deleted = await store.conversationMessages.deleteBefore(cutoff, BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/**
 * Registers the sweep's handler and makes sure the next run is scheduled. Call once at start, before `scheduler.start`.
 * @example await registerTranscriptRetention(scheduler, { store, clock, logger });
 */
export async function registerTranscriptRetention(scheduler: Scheduler, deps: RetentionDeps): Promise<void> {
  const { clock, logger } = deps;
  const scheduleFor = (date: string) => scheduler.schedule(RETENTION_JOB, `${RETENTION_JOB}:${date}`, sweepTime(date), { date });
  scheduler.on(RETENTION_JOB, async (job) => {
    const deleted = await purgeOldTranscripts(deps);
    logger.info({ deleted }, 'old chat transcripts deleted');
    const date = String(job.payload.date ?? almatyDate(clock.now()));
    const today = almatyDate(clock.now());
    await scheduleFor(addDays(date > today ? date : today, 1));
  });
  const today = almatyDate(clock.now());
  const next = clock.now() < sweepTime(today) ? today : addDays(today, 1);
  if (!(await deps.store.jobs.getPending(`${RETENTION_JOB}:${next}`))) await scheduleFor(next);
}

/**
 * @module The two retention jobs, both on the store-backed scheduler, at a quiet hour of the Almaty night, each
 * scheduling its next day's run (a run missed while the process was down runs on the next tick):
 * - `conversations.retention` (03:00): the conversation log, ticket transcripts and the web chat's kept messages older
 *   than the transcript period;
 * - `retention.personal-data` (03:30): personal data of subscribers whose contract ended longer ago than the
 *   personal-data period (App. 5 cl. 15), erased and audited.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { ConversationMessageRepository } from '../conversations/repository.ts';
import type { JobRepository } from '../scheduler/repository.ts';
import type { WebChatMessageRepository } from '../webchat/repository.ts';
import { addDays, almatyDate, startOfDay } from '../billing/calendar.ts';
import { monthsBefore, type RetentionPolicy } from './model.ts';
import type { RetentionRepository } from './repository.ts';

/** The name the conversation log's sweep had before it took the ticket transcripts too: pending runs carry on. */
export const TRANSCRIPTS_JOB = 'conversations.retention';
export const PERSONAL_DATA_JOB = 'retention.personal-data';
/** Rows per statement, so one sweep never holds the store for long. */
const BATCH = 5_000;

export interface RetentionJobDeps {
  retention: RetentionRepository;
  conversationMessages: Pick<ConversationMessageRepository, 'deleteBefore'>;
  /** The messages each web chat keeps for reloads: a transcript too. */
  webchatMessages: Pick<WebChatMessageRepository, 'deleteBefore'>;
  audit: Pick<AuditRepository, 'append'>;
  jobs: Pick<JobRepository, 'getPending'>;
  clock: Clock;
  logger: Pick<Logger, 'info'>;
  policy: RetentionPolicy;
}

/**
 * Deletes chat and ticket messages older than the transcript period, and the web chat's kept messages as old;
 * returns how many of each went (web chats: how many chats changed).
 */
export async function purgeTranscripts(
  deps: Pick<RetentionJobDeps, 'retention' | 'conversationMessages' | 'webchatMessages' | 'clock' | 'policy'>,
): Promise<{ chat: number; tickets: number; webchats: number }> {
  const cutoff = monthsBefore(deps.clock.now(), deps.policy.transcriptMonths);
  const drain = async (step: () => Promise<number>) => {
    let total = 0;
    for (let n = BATCH; n === BATCH; total += n) n = await step();
    return total;
  };
  return {
    chat: await drain(() => deps.conversationMessages.deleteBefore(cutoff, BATCH)),
    tickets: await drain(() => deps.retention.deleteTicketMessagesBefore(cutoff, BATCH)),
    webchats: await drain(() => deps.webchatMessages.deleteBefore(cutoff, BATCH)),
  };
}

/** Erases the personal data of every subscriber whose contract ended before the period; returns how many. */
export async function erasePersonalData(deps: Pick<RetentionJobDeps, 'retention' | 'audit' | 'clock' | 'policy'>): Promise<number> {
  const now = deps.clock.now();
  const endedBefore = monthsBefore(now, deps.policy.personalDataYears * 12);
  let erased = 0;
  let after = '';
  for (;;) {
    const ids = await deps.retention.listEndedBefore(endedBefore, 500, after);
    if (ids.length === 0) return erased;
    for (const id of ids) {
      await deps.retention.erasePersonalData(id);
      await deps.audit.append({
        id: randomUUID(), at: now, actorType: 'system', actorId: null, action: 'subscriber.personal_data_erased', entity: 'subscriber', entityId: id,
        details: { years: deps.policy.personalDataYears },
      });
      erased += 1;
    }
    after = ids[ids.length - 1]!;
  }
}

/**
 * Registers both jobs' handlers and makes sure each has its next run scheduled. Call once at start.
 * @example await registerRetentionJobs(scheduler, { ...retentionPorts(store), clock, logger, policy });
 */
export async function registerRetentionJobs(scheduler: Scheduler, deps: RetentionJobDeps): Promise<void> {
  const { clock, logger } = deps;
  const plan: Array<[string, number, () => Promise<unknown>]> = [
    [TRANSCRIPTS_JOB, 3 * 60, async () => logger.info(await purgeTranscripts(deps), 'old chat and ticket transcripts deleted')],
    [PERSONAL_DATA_JOB, 3 * 60 + 30, async () => logger.info({ erased: await erasePersonalData(deps) }, 'personal data past its retention erased')],
  ];
  for (const [kind, minute, run] of plan) {
    const at = (date: string): Date => new Date(startOfDay(date).getTime() + minute * 60_000);
    const scheduleFor = (date: string) => scheduler.schedule(kind, `${kind}:${date}`, at(date), { date });
    scheduler.on(kind, async (job) => {
      await run();
      const today = almatyDate(clock.now());
      const date = String(job.payload.date ?? today);
      await scheduleFor(addDays(date > today ? date : today, 1));
    });
    const today = almatyDate(clock.now());
    const next = clock.now() < at(today) ? today : addDays(today, 1);
    if (!(await deps.jobs.getPending(`${kind}:${next}`))) await scheduleFor(next);
  }
}

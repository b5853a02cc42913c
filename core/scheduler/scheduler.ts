/**
 * @module The job scheduler: a tick claims the jobs that are due (with a lease, so two instances or two racing
 * ticks never fire one job twice), runs each kind's handler, and completes or retries it. Jobs live in the
 * store, so timers survive restarts: a due time that passed while the process was down fires on the first tick.
 */
import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../logging/logger.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { Job } from './model.ts';
import type { JobRepository } from './repository.ts';

export type JobHandler = (job: Job) => Promise<void>;

/** What a module needs to set its timers: schedule or cancel a job by key. Every job is written through it. */
export type JobScheduler = Pick<Scheduler, 'schedule' | 'cancel'>;

export interface TickResult {
  claimed: number;
  done: number;
  failed: number;
}

export interface SchedulerOptions {
  store: { jobs: JobRepository };
  clock: Clock;
  logger: Logger;
  /** Jobs claimed per tick at most. */
  batchSize?: number;
  /** How long a claim is held before another instance may take the job over. */
  leaseMs?: number;
  /** Delay before a failed job is tried again, by attempt number. */
  retryDelayMs?: (attempts: number) => number;
}

export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly owner = `scheduler-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retryDelayMs: (attempts: number) => number;

  constructor(private readonly options: SchedulerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.retryDelayMs = options.retryDelayMs ?? ((n) => Math.min(60 * 60_000, 15_000 * 2 ** Math.max(0, n - 1)));
  }

  /** Registers the handler for one job kind. A job of an unknown kind fails and is retried later. */
  on(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Schedules (or moves) the pending job with this key. */
  async schedule(kind: string, key: string, dueAt: Date, payload: Record<string, unknown> = {}): Promise<void> {
    await this.options.store.jobs.schedule({ id: randomUUID(), kind, key, dueAt, payload });
  }

  async cancel(key: string): Promise<void> {
    await this.options.store.jobs.cancel(key);
  }

  /** Fires every job due now, batch after batch. Work grows with the due jobs, not with all pending ones. */
  async tick(): Promise<TickResult> {
    const { store, clock, logger } = this.options;
    const result: TickResult = { claimed: 0, done: 0, failed: 0 };
    for (;;) {
      const jobs = await store.jobs.claimDue(clock.now(), this.batchSize, this.owner, this.leaseMs);
      result.claimed += jobs.length;
      for (const job of jobs) {
        const handler = this.handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(job);
          await store.jobs.complete(job.id, this.owner);
          result.done += 1;
        } catch (err) {
          result.failed += 1;
          const retryAt = new Date(clock.now().getTime() + this.retryDelayMs(job.attempts));
          logger.error({ err, jobKind: job.kind, jobId: job.id, attempts: job.attempts }, 'job failed; will retry');
          await store.jobs.fail(job.id, this.owner, err instanceof Error ? err.message : String(err), retryAt);
        }
      }
      if (jobs.length < this.batchSize) return result;
    }
  }

  /** Ticks every `intervalMs` until stopped; one tick at a time. */
  start(intervalMs: number): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err) => {
          this.options.logger.error({ err }, 'scheduler tick failed');
          return { claimed: 0, done: 0, failed: 0 };
        })
        .finally(() => {
          this.running = null;
        });
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for the tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}

/**
 * Sets timers in the store's job table without running them (the running scheduler fires them): for a module built
 * where the product's scheduler is not handed in, so that even then every job is written by `Scheduler.schedule`.
 * @example await timersOn(store).schedule('billing.restore', key, now, { id })
 */
export function timersOn(store: { jobs: JobRepository }): JobScheduler {
  return new Scheduler({ store, clock: systemClock, logger: silentLogger });
}

/**
 * @module The machinery ports the scheduler and exactly-once handling need: jobs, named leases, seen ids. Both stores
 * (SQLite, MongoDB) implement them.
 */
import type { Job } from './model.ts';

export interface JobRepository {
  /** Schedules (or re-schedules) the pending job with this key. */
  schedule(job: Omit<Job, 'attempts' | 'lastError'>): Promise<void>;
  /** Cancels the pending job with this key, if any. */
  cancel(key: string): Promise<void>;
  /**
   * Claims up to `limit` jobs due at `now` for `owner` for `leaseMs`. A claimed job is not handed out again
   * until its lease runs out, so two racing ticks never fire one job twice. Cost grows with the due jobs only.
   */
  claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<Job[]>;
  /** Marks a claimed job done; it is never handed out again. */
  complete(id: string, owner: string): Promise<void>;
  /** Gives a claimed job back with an error; it is retried at `retryAt`. */
  fail(id: string, owner: string, error: string, retryAt: Date): Promise<void>;
  getPending(key: string): Promise<Job | null>;
  countPending(): Promise<number>;
}

export interface LeaseRepository {
  /** Takes or renews the named lease for `owner`; false while another owner holds an unexpired one. */
  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  holder(name: string, now: Date): Promise<string | null>;
}

export interface DedupeRepository {
  /** True the first time (scope, id) is seen; false for every repeat. Used for update ids and callbacks. */
  firstTime(scope: string, id: string, at: Date): Promise<boolean>;
}

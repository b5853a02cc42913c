/**
 * @module MongoDB repositories for the product's machinery: dialog state, jobs, leases, de-duplication, settings
 * (mirrors sqlite/machinery.ts). Everything that must be decided once across instances — who claims a job, who
 * holds a lease, which update id is new, which dialog write wins — is one conditional single-document write.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import type { DialogSession } from '../../chats/model.ts';
import type { DialogSessionRepository } from '../../chats/repository.ts';
import type { Job } from '../../scheduler/model.ts';
import type { DedupeRepository, JobRepository, LeaseRepository } from '../../scheduler/repository.ts';
import type { SettingsRepository } from '../../settings/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { DAY_MS, insertUnlessDuplicate, jsonValue, purgeAt, upsertWithRetry } from './connection.ts';

// === Dialog sessions

export type DialogDoc = Omit<DialogSession, 'key'> & { _id: string };

export const dialogSchema = new Schema<DialogDoc>({
  _id: { type: String, required: true },
  state: { type: Schema.Types.Mixed },
  version: { type: Number, required: true, min: 1 },
  updatedAt: { type: Date, required: true },
}, schemaOptions);

export const dialogsSpec: CollectionSpec = {
  model: 'DialogSession', collection: 'dialog_sessions', table: 'dialog_sessions', schema: dialogSchema,
  columns: columns({ key: 'key', state: 'json', version: 'plain', updated_at: 'date' }),
};

/** Dialog state over `dialog_sessions`, written only at the expected version. */
export function mongoDialogs(conn: Connection): DialogSessionRepository {
  const M = modelFor<DialogDoc>(conn, dialogsSpec);
  return {
    async read(key) {
      const d = await M.findById(key).lean<DialogDoc>();
      return d ? { key, state: d.state, version: d.version, updatedAt: d.updatedAt } : null;
    },
    async write(key, state, expectedVersion, at) {
      const value = jsonValue(state);
      // Version 0 = "no session yet": the unique _id lets exactly one first write in.
      if (expectedVersion === 0) return insertUnlessDuplicate(() => M.create({ _id: key, state: value, version: 1, updatedAt: at }));
      const r = await M.updateOne({ _id: key, version: expectedVersion }, { $set: { state: value, updatedAt: at }, $inc: { version: 1 } });
      return r.matchedCount === 1;
    },
    async delete(key) {
      await M.deleteOne({ _id: key });
    },
    async count() {
      return M.countDocuments();
    },
  };
}

// === Jobs

/**
 * A job document. `pending` is true until the job is done: partial indexes can filter on an equality but not on
 * "doneAt is null", so the flag carries what SQLite's `WHERE done_at IS NULL` indexes carry.
 */
export interface JobDoc extends Omit<Job, 'id'> {
  _id: string;
  claimedBy: string | null;
  claimedUntil: Date | null;
  doneAt: Date | null;
  pending: boolean;
}

export const jobSchema = new Schema<JobDoc>({
  _id: { type: String, required: true },
  kind: { type: String, required: true },
  key: { type: String, required: true },
  dueAt: { type: Date, required: true },
  payload: { type: Schema.Types.Mixed, required: true },
  attempts: { type: Number, required: true, default: 0, min: 0 },
  lastError: { type: String, default: null },
  claimedBy: { type: String, default: null },
  claimedUntil: { type: Date, default: null },
  doneAt: { type: Date, default: null },
  pending: { type: Boolean, required: true, default: true },
}, schemaOptions);
// One pending job per key (SQLite: jobs_pending_key ... WHERE done_at IS NULL); done jobs may share a key.
jobSchema.index({ key: 1 }, { unique: true, partialFilterExpression: { pending: true } });
// A tick reads only pending jobs in due order and stops at `now`, so its cost follows the due jobs, not all of them
// (SQLite: jobs_pending_due).
jobSchema.index({ dueAt: 1 }, { partialFilterExpression: { pending: true } });

export const jobsSpec: CollectionSpec = {
  model: 'Job', collection: 'jobs', table: 'jobs', schema: jobSchema,
  columns: columns({
    id: 'key', kind: 'plain', key: 'plain', due_at: 'date', payload: 'json', attempts: 'plain', last_error: 'plain',
    claimed_by: 'plain', claimed_until: 'date', done_at: 'date',
  }),
  derive: (doc) => ({ pending: doc.doneAt === null || doc.doneAt === undefined }),
};

/** Not claimed, or the claim's lease has run out (a crashed or slow worker). */
const claimable = (now: Date) => ({ $or: [{ claimedUntil: null }, { claimedUntil: { $lte: now } }] });

/** The filter of the due-jobs scan: served by the partial `dueAt` index. */
export function dueJobsFilter(now: Date): Record<string, unknown> {
  return { pending: true, dueAt: { $lte: now }, ...claimable(now) };
}

/** The filter of one claim: it matches only while nobody else holds the job, so one claimer wins. */
export function claimFilter(id: string, now: Date): Record<string, unknown> {
  return { _id: id, pending: true, ...claimable(now) };
}

/** The update of one claim: the owner, its lease, and one more attempt. */
export function claimUpdate(owner: string, now: Date, leaseMs: number): Record<string, unknown> {
  return { $set: { claimedBy: owner, claimedUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } };
}

const toJob = (d: JobDoc): Job => ({
  id: d._id,
  kind: d.kind,
  key: d.key,
  dueAt: d.dueAt,
  payload: d.payload,
  attempts: d.attempts,
  lastError: d.lastError ?? null,
});

/** Persistent jobs over `jobs`: one pending job per key, claimed one by one with a conditional update and a lease. */
export function mongoJobs(conn: Connection): JobRepository {
  const M = modelFor<JobDoc>(conn, jobsSpec);
  return {
    async schedule(job) {
      // Insert, or move the pending job with this key (the later call wins), as SQLite's ON CONFLICT DO UPDATE.
      await upsertWithRetry(() => M.updateOne(
        { key: job.key, pending: true },
        {
          $set: { dueAt: job.dueAt, payload: jsonValue(job.payload), kind: job.kind },
          $setOnInsert: { _id: job.id || randomUUID(), attempts: 0, lastError: null, claimedBy: null, claimedUntil: null, doneAt: null },
        },
        { upsert: true, runValidators: true },
      ));
    },
    async cancel(key) {
      await M.deleteOne({ key, pending: true });
    },
    async claimDue(now, limit, owner, leaseMs) {
      const candidates = await M.find(dueJobsFilter(now), { _id: 1 }).sort({ dueAt: 1 }).limit(limit).lean<Array<{ _id: string }>>();
      const claimed: Job[] = [];
      for (const { _id } of candidates) {
        // Another instance may have claimed it since the scan; then the filter no longer matches and we skip it.
        const d = await M.findOneAndUpdate(claimFilter(_id, now), claimUpdate(owner, now, leaseMs), { returnDocument: 'after' }).lean<JobDoc>();
        if (d) claimed.push(toJob(d));
      }
      return claimed;
    },
    async complete(id, owner) {
      await M.updateOne({ _id: id, claimedBy: owner, pending: true }, { $set: { doneAt: new Date(), pending: false, claimedUntil: null } });
    },
    async fail(id, owner, error, retryAt) {
      await M.updateOne(
        { _id: id, claimedBy: owner, pending: true },
        { $set: { lastError: error.slice(0, 500), dueAt: retryAt, claimedBy: null, claimedUntil: null } },
      );
    },
    async getPending(key) {
      const d = await M.findOne({ key, pending: true }).lean<JobDoc>();
      return d ? toJob(d) : null;
    },
    async countPending() {
      return M.countDocuments({ pending: true });
    },
  };
}

// === Leases

interface LeaseDoc {
  _id: string;
  owner: string;
  until: Date;
}

export const leaseSchema = new Schema<LeaseDoc>({
  _id: { type: String, required: true },
  owner: { type: String, required: true },
  until: { type: Date, required: true },
}, schemaOptions);

export const leasesSpec: CollectionSpec = {
  model: 'Lease', collection: 'leases', table: 'leases', schema: leaseSchema,
  columns: columns({ name: 'key', owner: 'plain', until: 'date' }),
};

/** The filter under which `owner` may take the named lease: it holds it already, or the holder's time ran out. */
export function leaseTakeFilter(name: string, owner: string, now: Date): Record<string, unknown> {
  return { _id: name, $or: [{ owner }, { until: { $lte: now } }] };
}

/** Named leases over `leases` (the WhatsApp session owner, per-number locks of the verification use case). */
export function mongoLeases(conn: Connection): LeaseRepository {
  const M = modelFor<LeaseDoc>(conn, leasesSpec);
  return {
    async acquire(name, owner, now, ttlMs) {
      // Upsert under the take-filter: no lease → inserted; ours or expired → renewed; another's live lease → the
      // filter misses, the upsert tries to insert a second document with this _id and the unique _id refuses it.
      return insertUnlessDuplicate(() =>
        M.updateOne(leaseTakeFilter(name, owner, now), { $set: { owner, until: new Date(now.getTime() + ttlMs) } }, { upsert: true }));
    },
    async release(name, owner) {
      await M.deleteOne({ _id: name, owner });
    },
    async holder(name, now) {
      const d = await M.findOne({ _id: name, until: { $gt: now } }).lean<LeaseDoc>();
      return d?.owner ?? null;
    },
  };
}

// === De-duplication

interface DedupeDoc {
  scope: string;
  eventId: string;
  at: Date;
  purgeAt: Date;
}

/** How long a seen id is remembered. Telegram re-delivers an update for hours at most; payment ids are also unique in the ledger. */
export const DEDUPE_RETENTION_MS = 90 * DAY_MS;

export const dedupeSchema = new Schema<DedupeDoc>({
  scope: { type: String, required: true },
  eventId: { type: String, required: true },
  at: { type: Date, required: true },
  purgeAt: { type: Date, required: true },
}, schemaOptions);
// The first insert of (scope, id) wins on every instance; repeats hit the unique index.
dedupeSchema.index({ scope: 1, eventId: 1 }, { unique: true });
dedupeSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

const dedupePurgeAt = (at: Date): Date => purgeAt(at, DEDUPE_RETENTION_MS);

export const dedupeSpec: CollectionSpec = {
  model: 'Dedupe', collection: 'dedupe', table: 'dedupe', schema: dedupeSchema,
  columns: columns({ scope: 'plain', id: ['plain', 'eventId'], at: 'date' }),
  derive: (doc) => ({ purgeAt: dedupePurgeAt(doc.at as Date) }),
};

/** Seen ids over `dedupe`: the unique (scope, id) index answers "first time?" for every instance. */
export function mongoDedupe(conn: Connection): DedupeRepository {
  const M = modelFor<DedupeDoc>(conn, dedupeSpec);
  return {
    async firstTime(scope, id, at) {
      return insertUnlessDuplicate(() => M.create({ scope, eventId: id, at, purgeAt: dedupePurgeAt(at) }));
    },
  };
}

// === Settings

interface SettingDoc {
  _id: string;
  value: unknown;
}

export const settingSchema = new Schema<SettingDoc>({
  _id: { type: String, required: true },
  value: { type: Schema.Types.Mixed },
}, schemaOptions);

export const settingsSpec: CollectionSpec = {
  model: 'Setting', collection: 'settings', table: 'settings', schema: settingSchema,
  columns: columns({ key: 'key', value: 'json' }),
};

/** Settings over `settings`, one document per key. */
export function mongoSettings(conn: Connection): SettingsRepository {
  const M = modelFor<SettingDoc>(conn, settingsSpec);
  return {
    async get<T>(key: string) {
      const d = await M.findById(key).lean<SettingDoc>();
      return d ? ((d.value ?? null) as T | null) : null;
    },
    async set(key, value) {
      await upsertWithRetry(() => M.updateOne({ _id: key }, { $set: { value: jsonValue(value) } }, { upsert: true }));
    },
  };
}

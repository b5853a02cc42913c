/** @module SQLite repositories for the product's machinery: dialog state, jobs, leases, de-duplication, settings. */
import { randomUUID } from 'node:crypto';
import type { DialogSessionRepository } from '../../chats/repository.ts';
import type { Job } from '../../scheduler/model.ts';
import type { DedupeRepository, JobRepository, LeaseRepository } from '../../scheduler/repository.ts';
import type { SettingsRepository } from '../../settings/repository.ts';
import { date, json, ms, type Db } from './database.ts';

type Row = Record<string, unknown>;

export function sqliteDialogs(db: Db): DialogSessionRepository {
  const byKey = db.prepare('SELECT * FROM dialog_sessions WHERE key = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO dialog_sessions (key, state, version, updated_at) VALUES (?, ?, 1, ?)');
  const update = db.prepare('UPDATE dialog_sessions SET state = ?, version = version + 1, updated_at = ? WHERE key = ? AND version = ?');
  const del = db.prepare('DELETE FROM dialog_sessions WHERE key = ?');
  const count = db.prepare('SELECT COUNT(*) FROM dialog_sessions').pluck();
  return {
    async read(key) {
      const r = byKey.get(key) as Row | undefined;
      if (!r) return null;
      return { key, state: json(r.state as string), version: r.version as number, updatedAt: date(r.updated_at as number) };
    },
    async write(key, state, expectedVersion, at) {
      const text = JSON.stringify(state);
      if (expectedVersion === 0) return insert.run(key, text, ms(at)).changes === 1;
      return update.run(text, ms(at), key, expectedVersion).changes === 1;
    },
    async delete(key) {
      del.run(key);
    },
    async count() {
      return count.get() as number;
    },
  };
}

const toJob = (r: Row): Job => ({
  id: r.id as string,
  kind: r.kind as string,
  key: r.key as string,
  dueAt: date(r.due_at as number),
  payload: json<Record<string, unknown>>(r.payload as string),
  attempts: r.attempts as number,
  lastError: (r.last_error as string | null) ?? null,
});

export function sqliteJobs(db: Db): JobRepository {
  const upsert = db.prepare(`INSERT INTO jobs (id, kind, key, due_at, payload) VALUES (@id, @kind, @key, @dueAt, @payload)
    ON CONFLICT(key) WHERE done_at IS NULL DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, kind = excluded.kind`);
  const cancel = db.prepare('DELETE FROM jobs WHERE key = ? AND done_at IS NULL');
  // The partial index jobs_pending_due makes this touch only due rows, however many pending jobs exist.
  const due = db.prepare(`SELECT id FROM jobs WHERE done_at IS NULL AND due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
    ORDER BY due_at LIMIT ?`).pluck();
  const claim = db.prepare(`UPDATE jobs SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
    WHERE id = ? AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)`);
  const byId = db.prepare('SELECT * FROM jobs WHERE id = ?');
  const complete = db.prepare('UPDATE jobs SET done_at = ?, claimed_until = NULL WHERE id = ? AND claimed_by = ? AND done_at IS NULL');
  const fail = db.prepare(`UPDATE jobs SET last_error = ?, due_at = ?, claimed_by = NULL, claimed_until = NULL
    WHERE id = ? AND claimed_by = ? AND done_at IS NULL`);
  const pendingByKey = db.prepare('SELECT * FROM jobs WHERE key = ? AND done_at IS NULL');
  const countPending = db.prepare('SELECT COUNT(*) FROM jobs WHERE done_at IS NULL').pluck();
  const claimBatch = db.transaction((now: number, limit: number, owner: string, leaseMs: number) => {
    const ids = due.all(now, now, limit) as string[];
    const claimed: Job[] = [];
    for (const id of ids) {
      if (claim.run(owner, now + leaseMs, id, now).changes === 1) claimed.push(toJob(byId.get(id) as Row));
    }
    return claimed;
  });
  return {
    async schedule(job) {
      upsert.run({ id: job.id || randomUUID(), kind: job.kind, key: job.key, dueAt: ms(job.dueAt), payload: JSON.stringify(job.payload) });
    },
    async cancel(key) {
      cancel.run(key);
    },
    async claimDue(now, limit, owner, leaseMs) {
      return claimBatch.immediate(ms(now), limit, owner, leaseMs);
    },
    async complete(id, owner) {
      complete.run(Date.now(), id, owner);
    },
    async fail(id, owner, error, retryAt) {
      fail.run(error.slice(0, 500), ms(retryAt), id, owner);
    },
    async getPending(key) {
      const r = pendingByKey.get(key) as Row | undefined;
      return r ? toJob(r) : null;
    },
    async countPending() {
      return countPending.get() as number;
    },
  };
}

export function sqliteLeases(db: Db): LeaseRepository {
  const take = db.prepare(`INSERT INTO leases (name, owner, until) VALUES (@name, @owner, @until)
    ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, until = excluded.until
    WHERE leases.owner = excluded.owner OR leases.until <= @now`);
  const release = db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
  const holder = db.prepare('SELECT owner FROM leases WHERE name = ? AND until > ?').pluck();
  return {
    async acquire(name, owner, now, ttlMs) {
      return take.run({ name, owner, until: ms(now) + ttlMs, now: ms(now) }).changes === 1;
    },
    async release(name, owner) {
      release.run(name, owner);
    },
    async holder(name, now) {
      return (holder.get(name, ms(now)) as string | undefined) ?? null;
    },
  };
}

export function sqliteDedupe(db: Db): DedupeRepository {
  const insert = db.prepare('INSERT OR IGNORE INTO dedupe (scope, id, at) VALUES (?, ?, ?)');
  return {
    async firstTime(scope, id, at) {
      return insert.run(scope, id, ms(at)).changes === 1;
    },
  };
}

export function sqliteSettings(db: Db): SettingsRepository {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    async get<T>(key: string) {
      const v = get.get(key) as string | undefined;
      return v === undefined ? null : json<T>(v);
    },
    async set(key, value) {
      set.run(key, JSON.stringify(value));
    },
  };
}

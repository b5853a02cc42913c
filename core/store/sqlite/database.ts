/**
 * @module Opens the embedded SQLite database (better-sqlite3, WAL) and applies pending migrations.
 */
import Database, { type Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

/** Opens (creating if needed) the database file, or an in-memory one for ':memory:'. */
export function openDatabase(file: string, list: Migration[] = migrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A checkpoint copies the WAL into the database and syncs both files: SQLite's default, every 1,000 pages, made the
  // commit that crossed it wait several milliseconds, about half of all commit time (issue 21). Every 10,000 pages
  // (≈ 40 MB of WAL at most, cut back to that after a checkpoint) syncs a tenth as often and copies a hot page
  // (a dialog state, a chat) once instead of ten times; the WAL stays small enough for reads to stay quick. The WAL
  // itself is synced in the background meanwhile (wal-flush.ts), which leaves the checkpoint little to sync.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma(`journal_size_limit = ${40 * 1024 * 1024}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, list);
  return db;
}

export function migrate(db: Db, list: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...list].sort((a, b) => a.id - b.id)) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, Date.now());
    })();
  }
}

/**
 * A statement's `LIMIT ?` (or `LIMIT @name`) as `LIMIT CAST(? AS INTEGER)`. SQLite plans a statement whose LIMIT is
 * a bare parameter again each time it runs with that parameter bound, costing the more the more columns and indexes
 * the table has: a chat's tickets (on every dialog step, none found) took 14 µs, 0.4 µs with the limit cast
 * (issue 21). Same rows; every repository statement goes through it (the group-commit view's `prepare`).
 */
export const limitsAsValues = (sql: string): string => sql.replace(/\bLIMIT (\?|[@:$]\w+)/g, 'LIMIT CAST($1 AS INTEGER)');

/**
 * Statements whose text is built at run time (an UPDATE of the fields a patch names), each prepared once per text.
 * Preparing costs ≈ 9 µs, ten times running a one-row UPDATE, and a chat contact's update runs on every subscriber
 * message (issue 21). The texts are the few combinations of fields callers patch; past `max` the oldest is dropped.
 * @example const prepared = preparedOnce(db); prepared(`UPDATE users SET ${sets} WHERE id = ?`).run(...values, id);
 */
export function preparedOnce(db: Db, max = 64): (source: string) => Statement<unknown[]> {
  const cache = new Map<string, Statement<unknown[]>>();
  return (source) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = db.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  };
}

// === Row helpers shared by the repositories

export const ms = (d: Date): number => d.getTime();
export const msOrNull = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
export const date = (v: number): Date => new Date(v);
export const dateOrNull = (v: number | null): Date | null => (v === null ? null : new Date(v));
export const bool = (v: number): boolean => v === 1;
export const json = <T>(v: string): T => JSON.parse(v) as T;

/**
 * @module The MongoDB connection (its own `mongoose.createConnection`, never mongoose's global default) and the
 * small helpers every mongo repository shares: duplicate-key detection, JSON-normalised values, purge times.
 */
import mongoose, { type ClientSession, type Connection } from 'mongoose';

export interface MongoConnectOptions {
  /** Database name; overrides the one in the URI (tests give every store its own). */
  dbName?: string;
  /** How long to look for a server before giving up (default 10 s). */
  serverSelectionTimeoutMS?: number;
  /** Refuse a standalone server (default true): ticket create and change are transactions. */
  requireReplicaSet?: boolean;
}

/**
 * Opens a dedicated connection. Indexes are not built in the background by mongoose (`autoIndex: false`):
 * the store builds them itself and waits, so a unique index exists before the first write relies on it.
 */
export async function connect(uri: string, options: MongoConnectOptions = {}): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    // A write is acknowledged once a majority of the replica set has it, so a failover never loses a claim or a payment.
    writeConcern: { w: 'majority' },
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    ...(options.dbName ? { dbName: options.dbName } : {}),
  });
  return conn.asPromise();
}

/**
 * True for MongoDB's duplicate-key error (E11000), the signal a unique index refused a write; with `fields`, only
 * when that index is on exactly those fields (the server reports it as `keyPattern`).
 */
export function isDuplicateKey(err: unknown, fields?: string[]): boolean {
  if (typeof err !== 'object' || err === null || (err as { code?: unknown }).code !== 11000) return false;
  if (!fields) return true;
  const pattern = (err as { keyPattern?: Record<string, unknown> }).keyPattern;
  return pattern !== undefined && Object.keys(pattern).sort().join(',') === [...fields].sort().join(',');
}

/**
 * Runs `write`; a duplicate-key error becomes `false`. Used where SQLite says `INSERT OR IGNORE`:
 * the unique index decides who was first, atomically, across instances.
 */
export async function insertUnlessDuplicate(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Retries an upsert once on a duplicate-key error: two instances upserting the same new key at the same moment
 * may both try to insert; the loser's retry then finds and updates the winner's document (MongoDB manual,
 * "Upsert with Duplicate Values").
 */
export async function upsertWithRetry<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return upsert();
  }
}

/**
 * Opaque values (dialog state, job payloads, audit details, settings) go through JSON exactly as the SQLite
 * store's TEXT columns do, so both stores hand back the same thing (a Date inside becomes its ISO string).
 */
export function jsonValue<T>(value: T): T {
  return value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * When a TTL index may delete a document that stops mattering at `until`: never before `until + graceMs`, and
 * never earlier than `graceMs` from now by the machine's clock. The TTL monitor runs on the server's wall clock,
 * while `until` comes from the product's Clock (a test clock may sit months in the past); correctness never
 * depends on the purge, reads check `until` themselves.
 */
export function purgeAt(until: Date, graceMs: number): Date {
  return new Date(Math.max(until.getTime(), Date.now()) + graceMs);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `fn` as one multi-document transaction (mongoose `Connection#transaction`: commits on success, aborts on a
 * throw, retries on MongoDB's transient transaction errors — so `fn` must be safe to run again). Used only where
 * the SQLite store uses a transaction across tables; needs a replica set (a single-node one is enough).
 */
export function inTransaction<T>(conn: Connection, fn: (session: ClientSession) => Promise<T>): Promise<T> {
  return conn.transaction(fn);
}

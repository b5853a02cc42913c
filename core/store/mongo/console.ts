/** @module MongoDB repositories for console users, their sessions and the audit log (mirrors sqlite/console.ts). */
import { Schema, type Connection } from 'mongoose';
import type { AuditEntry, AuditFilter } from '../../audit/model.ts';
import type { AuditRepository } from '../../audit/repository.ts';
import type { ConsoleSession, ConsoleUser } from '../../users/model.ts';
import type { ConsoleSessionRepository, UserRepository } from '../../users/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { DAY_MS, jsonValue, purgeAt } from './connection.ts';
import { nextSequence } from './counters.ts';

const ROLES = ['agent', 'second_line', 'supervisor', 'marketing', 'observer', 'admin'];

// === Users

export type UserDoc = Omit<ConsoleUser, 'id'> & { _id: string; emailKey: string };

/** E-mail addresses are unique and found regardless of case (SQLite: COLLATE NOCASE); the store keeps a lower-cased copy. */
export const emailKey = (email: string): string => email.toLowerCase();

export const userSchema = new Schema<UserDoc>({
  _id: { type: String, required: true },
  email: { type: String, required: true },
  emailKey: { type: String, required: true },
  name: { type: String, required: true },
  passwordHash: { type: String, required: true },
  roles: { type: [{ type: String, enum: ROLES }], required: true },
  language: { type: String, required: true, enum: ['kk', 'ru'] },
  active: { type: Boolean, required: true },
  failedLogins: { type: Number, required: true, default: 0 },
  lockedUntil: { type: Date, default: null },
  createdAt: { type: Date, required: true },
  mustChangePassword: { type: Boolean, default: false },
}, schemaOptions);
userSchema.index({ emailKey: 1 }, { unique: true });
userSchema.index({ name: 1 });

export const usersSpec: CollectionSpec = {
  model: 'User', collection: 'users', table: 'users', schema: userSchema,
  columns: columns({
    id: 'key', email: 'plain', name: 'plain', password_hash: 'plain', roles: 'json', language: 'plain', active: 'bool',
    failed_logins: 'plain', locked_until: 'date', created_at: 'date', must_change_password: 'bool',
  }),
  derive: (doc) => ({ emailKey: emailKey(doc.email as string) }),
};

const toUser = ({ _id, emailKey: _key, ...d }: UserDoc): ConsoleUser => ({
  id: _id,
  email: d.email,
  name: d.name,
  passwordHash: d.passwordHash,
  roles: [...d.roles],
  language: d.language,
  active: d.active,
  failedLogins: d.failedLogins,
  lockedUntil: d.lockedUntil ?? null,
  createdAt: d.createdAt,
  mustChangePassword: d.mustChangePassword ?? false,
});

const USER_FIELDS = ['email', 'name', 'passwordHash', 'roles', 'language', 'active', 'failedLogins', 'lockedUntil', 'mustChangePassword'] as const;

/** The `$set` of a user update: known fields only, undefined ones skipped, the e-mail key kept in step. */
export function userPatch(patch: Partial<Omit<ConsoleUser, 'id' | 'createdAt'>>): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const field of USER_FIELDS) {
    const value = patch[field];
    if (value !== undefined) set[field] = value;
  }
  if (typeof set.email === 'string') set.emailKey = emailKey(set.email);
  return set;
}

/** Console users over `users`; e-mail lookups go through the lower-cased `emailKey`. */
export function mongoUsers(conn: Connection): UserRepository {
  const M = modelFor<UserDoc>(conn, usersSpec);
  return {
    async create(u) {
      const { id, ...rest } = u;
      await M.create({ _id: id, ...rest, emailKey: emailKey(u.email) });
    },
    async get(id) {
      const d = await M.findById(id).lean<UserDoc>();
      return d ? toUser(d) : null;
    },
    async findByEmail(email) {
      const d = await M.findOne({ emailKey: emailKey(email) }).lean<UserDoc>();
      return d ? toUser(d) : null;
    },
    async list() {
      return (await M.find().sort({ name: 1 }).lean<UserDoc[]>()).map(toUser);
    },
    async update(id, patch) {
      const set = userPatch(patch);
      if (Object.keys(set).length === 0) return;
      await M.updateOne({ _id: id }, { $set: set }, { runValidators: true });
    },
    async count() {
      return M.countDocuments();
    },
  };
}

// === Console sessions

export type ConsoleSessionDoc = Omit<ConsoleSession, 'id'> & { _id: string; purgeAt: Date };

export const consoleSessionSchema = new Schema<ConsoleSessionDoc>({
  _id: { type: String, required: true },
  userId: { type: String, required: true },
  csrfToken: { type: String, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  purgeAt: { type: Date, required: true },
}, schemaOptions);
consoleSessionSchema.index({ userId: 1 });
// Expired sessions are deleted by MongoDB's TTL monitor a day after they expire (`get` checks expiresAt itself).
consoleSessionSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

const sessionPurgeAt = (expiresAt: Date): Date => purgeAt(expiresAt, DAY_MS);

export const consoleSessionsSpec: CollectionSpec = {
  model: 'ConsoleSession', collection: 'console_sessions', table: 'console_sessions', schema: consoleSessionSchema,
  columns: columns({ id: 'key', user_id: 'plain', csrf_token: 'plain', created_at: 'date', expires_at: 'date' }),
  derive: (doc) => ({ purgeAt: sessionPurgeAt(doc.expiresAt as Date) }),
};

/** Console sessions over `console_sessions`; an expired one is never returned, whether or not TTL has removed it yet. */
export function mongoConsoleSessions(conn: Connection): ConsoleSessionRepository {
  const M = modelFor<ConsoleSessionDoc>(conn, consoleSessionsSpec);
  return {
    async create(s) {
      const { id, ...rest } = s;
      await M.create({ _id: id, ...rest, purgeAt: sessionPurgeAt(s.expiresAt) });
    },
    async get(id, now) {
      const d = await M.findOne({ _id: id, expiresAt: { $gt: now } }).lean<ConsoleSessionDoc>();
      if (!d) return null;
      return { id: d._id, userId: d.userId, csrfToken: d.csrfToken, createdAt: d.createdAt, expiresAt: d.expiresAt };
    },
    async delete(id) {
      await M.deleteOne({ _id: id });
    },
    async deleteForUser(userId) {
      await M.deleteMany({ userId });
    },
  };
}

// === Audit log

export type AuditDoc = Omit<AuditEntry, 'id'> & { _id: string; seq: number };

export const auditSchema = new Schema<AuditDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  at: { type: Date, required: true },
  actorType: { type: String, required: true, enum: ['user', 'subscriber', 'system'] },
  actorId: { type: String, default: null },
  action: { type: String, required: true },
  entity: { type: String, required: true },
  entityId: { type: String, default: null },
  details: { type: Schema.Types.Mixed, required: true },
}, schemaOptions);
// Newest first, insertion order among equal times (SQLite: ORDER BY at DESC, seq DESC).
auditSchema.index({ at: -1, seq: -1 });
auditSchema.index({ entity: 1, entityId: 1, at: -1, seq: -1 });
auditSchema.index({ seq: 1 }, { unique: true });

export const auditSpec: CollectionSpec = {
  model: 'AuditEntry', collection: 'audit_log', table: 'audit_log', schema: auditSchema,
  columns: columns({
    seq: 'plain', id: 'key', at: 'date', actor_type: 'plain', actor_id: 'plain', action: 'plain', entity: 'plain',
    entity_id: 'plain', details: 'json',
  }),
  counters: { audit_log: 'seq' },
};

/** The MongoDB filter for an audit query (the same conditions as the SQLite WHERE clause). */
export function auditQuery(f: AuditFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.actorId) q.actorId = f.actorId;
  if (f.action) q.action = f.action;
  if (f.entity) q.entity = f.entity;
  if (f.entityId) q.entityId = f.entityId;
  const at: Record<string, Date> = {};
  if (f.from) at.$gte = f.from;
  const upper = [f.to, f.before].filter((d): d is Date => d instanceof Date);
  if (upper.length) at.$lt = new Date(Math.min(...upper.map((d) => d.getTime())));
  if (Object.keys(at).length) q.at = at;
  return q;
}

const toAudit = ({ _id, seq: _seq, ...d }: AuditDoc): AuditEntry => ({
  id: _id,
  at: d.at,
  actorType: d.actorType,
  actorId: d.actorId ?? null,
  action: d.action,
  entity: d.entity,
  entityId: d.entityId ?? null,
  details: d.details,
});

/** The audit log over `audit_log`, newest first with insertion order among equal times. */
export function mongoAudit(conn: Connection): AuditRepository {
  const M = modelFor<AuditDoc>(conn, auditSpec);
  return {
    async append(e) {
      const { id, ...rest } = e;
      const seq = await nextSequence(conn, 'audit_log');
      await M.create({ _id: id, seq, ...rest, details: jsonValue(e.details) });
    },
    async list(f) {
      const docs = await M.find(auditQuery(f)).sort({ at: -1, seq: -1 }).limit(f.limit ?? 50).lean<AuditDoc[]>();
      return docs.map(toAudit);
    },
  };
}

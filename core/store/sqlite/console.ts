/** @module SQLite repositories for console users, their sessions and the audit log. */
import type { AuditEntry } from '../../audit/model.ts';
import type { AuditRepository } from '../../audit/repository.ts';
import type { ConsoleUser, Role } from '../../users/model.ts';
import type { ConsoleSessionRepository, UserRepository } from '../../users/repository.ts';
import { bool, date, dateOrNull, json, ms, msOrNull, preparedOnce, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toUser = (r: Row): ConsoleUser => ({
  id: r.id as string,
  email: r.email as string,
  name: r.name as string,
  passwordHash: r.password_hash as string,
  roles: json<Role[]>(r.roles as string),
  language: r.language as ConsoleUser['language'],
  active: bool(r.active as number),
  failedLogins: r.failed_logins as number,
  lockedUntil: dateOrNull(r.locked_until as number | null),
  createdAt: date(r.created_at as number),
  mustChangePassword: bool(r.must_change_password as number),
});

const userColumns: Record<string, [string, (v: never) => unknown]> = {
  email: ['email', (v: string) => v],
  name: ['name', (v: string) => v],
  passwordHash: ['password_hash', (v: string) => v],
  roles: ['roles', (v: Role[]) => JSON.stringify(v)],
  language: ['language', (v: string) => v],
  active: ['active', (v: boolean) => (v ? 1 : 0)],
  failedLogins: ['failed_logins', (v: number) => v],
  lockedUntil: ['locked_until', (v: Date | null) => msOrNull(v)],
  mustChangePassword: ['must_change_password', (v: boolean) => (v ? 1 : 0)],
};

export function sqliteUsers(db: Db): UserRepository {
  const prepared = preparedOnce(db);
  const insert = db.prepare(`INSERT INTO users (id, email, name, password_hash, roles, language, active, failed_logins, locked_until, created_at,
    must_change_password)
    VALUES (@id, @email, @name, @passwordHash, @roles, @language, @active, @failedLogins, @lockedUntil, @createdAt, @mustChangePassword)`);
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const all = db.prepare('SELECT * FROM users ORDER BY name');
  const count = db.prepare('SELECT COUNT(*) FROM users').pluck();
  return {
    async create(u) {
      insert.run({
        ...u,
        roles: JSON.stringify(u.roles),
        active: u.active ? 1 : 0,
        lockedUntil: msOrNull(u.lockedUntil),
        createdAt: ms(u.createdAt),
        mustChangePassword: u.mustChangePassword ? 1 : 0,
      });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toUser(r) : null;
    },
    async findByEmail(email) {
      const r = byEmail.get(email) as Row | undefined;
      return r ? toUser(r) : null;
    },
    async list() {
      return (all.all() as Row[]).map(toUser);
    },
    async update(id, patch) {
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const [field, value] of Object.entries(patch)) {
        const column = userColumns[field];
        if (!column || value === undefined) continue;
        sets.push(`${column[0]} = ?`);
        values.push(column[1](value as never));
      }
      if (sets.length === 0) return;
      prepared(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    },
    async count() {
      return count.get() as number;
    },
  };
}

export function sqliteConsoleSessions(db: Db): ConsoleSessionRepository {
  const insert = db.prepare('INSERT INTO console_sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM console_sessions WHERE id = ? AND expires_at > ?');
  const del = db.prepare('DELETE FROM console_sessions WHERE id = ?');
  const delUser = db.prepare('DELETE FROM console_sessions WHERE user_id = ?');
  return {
    async create(s) {
      insert.run(s.id, s.userId, s.csrfToken, ms(s.createdAt), ms(s.expiresAt));
    },
    async get(id, now) {
      const r = byId.get(id, ms(now)) as Row | undefined;
      if (!r) return null;
      return {
        id: r.id as string,
        userId: r.user_id as string,
        csrfToken: r.csrf_token as string,
        createdAt: date(r.created_at as number),
        expiresAt: date(r.expires_at as number),
      };
    },
    async delete(id) {
      del.run(id);
    },
    async deleteForUser(userId) {
      delUser.run(userId);
    },
  };
}

const toAudit = (r: Row): AuditEntry => ({
  id: r.id as string,
  at: date(r.at as number),
  actorType: r.actor_type as AuditEntry['actorType'],
  actorId: (r.actor_id as string | null) ?? null,
  action: r.action as string,
  entity: r.entity as string,
  entityId: (r.entity_id as string | null) ?? null,
  details: json<Record<string, unknown>>(r.details as string),
});

export function sqliteAudit(db: Db): AuditRepository {
  const insert = db.prepare(`INSERT INTO audit_log (id, at, actor_type, actor_id, action, entity, entity_id, details)
    VALUES (@id, @at, @actorType, @actorId, @action, @entity, @entityId, @details)`);
  return {
    async append(e) {
      insert.run({ ...e, at: ms(e.at), details: JSON.stringify(e.details) });
    },
    async list(f) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        where.push(sql);
        values.push(v);
      };
      if (f.actorId) add('actor_id = ?', f.actorId);
      if (f.action) add('action = ?', f.action);
      if (f.entity) add('entity = ?', f.entity);
      if (f.entityId) add('entity_id = ?', f.entityId);
      if (f.from) add('at >= ?', ms(f.from));
      if (f.to) add('at < ?', ms(f.to));
      if (f.before) add('at < ?', ms(f.before));
      const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY at DESC, seq DESC LIMIT ?`;
      return (db.prepare(sql).all(...values, f.limit ?? 50) as Row[]).map(toAudit);
    },
  };
}

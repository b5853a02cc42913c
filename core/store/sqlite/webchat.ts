/** @module SQLite repositories of the web chat (core/webchat): sessions, and each chat's recent messages. */
import { NEVER, type WebChatMessage } from '../../webchat/model.ts';
import type { WebChatMessageRepository, WebChatSessionRepository } from '../../webchat/repository.ts';
import { date, json, ms, type Db } from './database.ts';

type Row = { token_hash: string; external_id: string; created_at: number; expires_at: number };

export function sqliteWebChatSessions(db: Db): WebChatSessionRepository {
  const insert = db.prepare('INSERT INTO webchat_sessions (token_hash, external_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const find = db.prepare('SELECT * FROM webchat_sessions WHERE token_hash = ? AND expires_at > ?');
  const revoke = db.prepare('DELETE FROM webchat_sessions WHERE external_id = ? AND token_hash <> ?');
  const purge = db.prepare('DELETE FROM webchat_sessions WHERE token_hash IN (SELECT token_hash FROM webchat_sessions WHERE expires_at <= ? LIMIT ?)');
  return {
    async create(s) {
      insert.run(s.tokenHash, s.externalId, ms(s.createdAt), ms(s.expiresAt));
    },
    async find(tokenHash, now) {
      const r = find.get(tokenHash, ms(now)) as Row | undefined;
      return r ? { tokenHash: r.token_hash, externalId: r.external_id, createdAt: date(r.created_at), expiresAt: date(r.expires_at) } : null;
    },
    async revokeOthers(externalId, keep) {
      return revoke.run(externalId, keep).changes;
    },
    async purge(now, limit) {
      return purge.run(ms(now), limit).changes;
    },
  };
}

type MessagesRow = { external_id: string; messages: string; rev: number; updated_at: number };

/** The oldest message's time: what retention looks at (a chat without messages never counts as old). */
const oldestAt = (messages: WebChatMessage[]): number => Math.min(NEVER, ...messages.map((m) => m.at));

export function sqliteWebChatMessages(db: Db): WebChatMessageRepository {
  const byId = db.prepare('SELECT * FROM webchat_messages WHERE external_id = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO webchat_messages (external_id, messages, rev, oldest_at, updated_at) VALUES (?, ?, 1, ?, ?)');
  const update = db.prepare('UPDATE webchat_messages SET messages = ?, rev = rev + 1, oldest_at = ?, updated_at = ? WHERE external_id = ? AND rev = ?');
  const old = db.prepare('SELECT * FROM webchat_messages WHERE oldest_at < ? LIMIT ?');
  const remove = db.prepare('DELETE FROM webchat_messages WHERE external_id = ? AND rev = ?');
  const write = (externalId: string, messages: WebChatMessage[], expectedRev: number, at: Date): boolean => {
    const text = JSON.stringify(messages);
    if (expectedRev === 0) return insert.run(externalId, text, oldestAt(messages), ms(at)).changes === 1;
    return update.run(text, oldestAt(messages), ms(at), externalId, expectedRev).changes === 1;
  };
  const trim = db.transaction((before: number, limit: number): number => {
    const rows = old.all(before, limit) as MessagesRow[];
    for (const r of rows) {
      const kept = json<WebChatMessage[]>(r.messages).filter((m) => m.at >= before);
      if (kept.length === 0) remove.run(r.external_id, r.rev);
      else write(r.external_id, kept, r.rev, date(r.updated_at));
    }
    return rows.length;
  });
  return {
    async read(externalId) {
      const r = byId.get(externalId) as MessagesRow | undefined;
      return r ? { externalId, messages: json<WebChatMessage[]>(r.messages), rev: r.rev, updatedAt: date(r.updated_at) } : null;
    },
    async write(externalId, messages, expectedRev, at) {
      return write(externalId, messages, expectedRev, at);
    },
    async deleteBefore(before, limit) {
      return trim(ms(before), limit);
    },
  };
}

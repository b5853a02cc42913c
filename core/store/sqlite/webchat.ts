/** @module SQLite repository for web-chat sessions (core/webchat). */
import type { WebChatSessionRepository } from '../../webchat/repository.ts';
import { date, ms, type Db } from './database.ts';

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

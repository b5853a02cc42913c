/** @module MongoDB repository for web-chat sessions (mirrors sqlite/webchat.ts); a TTL index drops expired ones. */
import { Schema, type Connection } from 'mongoose';
import type { WebChatSession } from '../../webchat/model.ts';
import type { WebChatSessionRepository } from '../../webchat/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';

type SessionDoc = Omit<WebChatSession, 'tokenHash'> & { _id: string };

export const webchatSessionSchema = new Schema<SessionDoc>({
  _id: { type: String, required: true },
  externalId: { type: String, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
}, schemaOptions);
webchatSessionSchema.index({ externalId: 1 });
webchatSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const webchatSessionsSpec: CollectionSpec = {
  model: 'WebChatSession', collection: 'webchat_sessions', table: 'webchat_sessions', schema: webchatSessionSchema,
  columns: columns({ token_hash: 'key', external_id: 'plain', created_at: 'date', expires_at: 'date' }),
};

export function mongoWebChatSessions(conn: Connection): WebChatSessionRepository {
  const M = modelFor<SessionDoc>(conn, webchatSessionsSpec);
  return {
    async create({ tokenHash, ...rest }) {
      await M.create({ _id: tokenHash, ...rest });
    },
    async find(tokenHash, now) {
      const d = await M.findOne({ _id: tokenHash, expiresAt: { $gt: now } }).lean<SessionDoc>();
      return d ? { tokenHash: d._id, externalId: d.externalId, createdAt: d.createdAt, expiresAt: d.expiresAt } : null;
    },
    async revokeOthers(externalId, keep) {
      return (await M.deleteMany({ externalId, _id: { $ne: keep } })).deletedCount;
    },
    async purge(now, limit) {
      const ids = (await M.find({ expiresAt: { $lte: now } }, { _id: 1 }).limit(limit).lean<Array<{ _id: string }>>()).map((d) => d._id);
      return ids.length ? (await M.deleteMany({ _id: { $in: ids } })).deletedCount : 0;
    },
  };
}

/**
 * @module MongoDB repositories of the web chat (mirror sqlite/webchat.ts): sessions, which a TTL index drops once
 * expired, and each chat's recent messages.
 */
import { Schema, type Connection } from 'mongoose';
import { NEVER, type WebChatMessage, type WebChatSession } from '../../webchat/model.ts';
import type { WebChatMessageRepository, WebChatSessionRepository } from '../../webchat/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { insertUnlessDuplicate, jsonValue } from './connection.ts';

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

// === Each chat's recent messages

type MessagesDoc = { _id: string; messages: WebChatMessage[]; rev: number; oldestAt: Date; updatedAt: Date };

export const webchatMessagesSchema = new Schema<MessagesDoc>({
  _id: { type: String, required: true },
  messages: { type: Schema.Types.Mixed, required: true },
  rev: { type: Number, required: true, min: 1 },
  oldestAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
}, schemaOptions);
webchatMessagesSchema.index({ oldestAt: 1 });

export const webchatMessagesSpec: CollectionSpec = {
  model: 'WebChatMessages', collection: 'webchat_messages', table: 'webchat_messages', schema: webchatMessagesSchema,
  columns: columns({ external_id: 'key', messages: 'json', rev: 'plain', oldest_at: 'date', updated_at: 'date' }),
};

/** The oldest message's time, as in sqlite/webchat.ts (a chat without messages never counts as old). */
const oldestAt = (messages: WebChatMessage[]): Date => new Date(Math.min(NEVER, ...messages.map((m) => m.at)));

/** Each chat's messages in one document, written only at the revision it was read at (mirrors the dialog sessions). */
export function mongoWebChatMessages(conn: Connection): WebChatMessageRepository {
  const M = modelFor<MessagesDoc>(conn, webchatMessagesSpec);
  const write = async (externalId: string, messages: WebChatMessage[], expectedRev: number, at: Date): Promise<boolean> => {
    const value = jsonValue(messages);
    // Revision 0 = "none yet": the unique _id lets exactly one first write in.
    if (expectedRev === 0) return insertUnlessDuplicate(() => M.create({ _id: externalId, messages: value, rev: 1, oldestAt: oldestAt(messages), updatedAt: at }));
    const r = await M.updateOne({ _id: externalId, rev: expectedRev }, { $set: { messages: value, oldestAt: oldestAt(messages), updatedAt: at }, $inc: { rev: 1 } });
    return r.matchedCount === 1;
  };
  return {
    async read(externalId) {
      const d = await M.findById(externalId).lean<MessagesDoc>();
      return d ? { externalId, messages: d.messages, rev: d.rev, updatedAt: d.updatedAt } : null;
    },
    write,
    async deleteBefore(before, limit) {
      const docs = await M.find({ oldestAt: { $lt: before } }).limit(limit).lean<MessagesDoc[]>();
      for (const d of docs) {
        const kept = d.messages.filter((m) => m.at >= before.getTime());
        if (kept.length === 0) await M.deleteOne({ _id: d._id, rev: d.rev });
        else await write(d._id, kept, d.rev, d.updatedAt);
      }
      return docs.length;
    },
  };
}

/**
 * @module MongoDB repositories for the conversation log of every chat and for escalations to supervisors (mirrors
 * sqlite/conversations.ts).
 */
import { Schema, type Connection } from 'mongoose';
import type { ConversationMessage } from '../../conversations/model.ts';
import { ESCALATION_REASONS, type Escalation } from '../../sla/model.ts';
import type { ConversationMessageRepository } from '../../conversations/repository.ts';
import type { EscalationRepository } from '../../sla/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { isDuplicateKey } from './connection.ts';
import { nextSequence } from './counters.ts';

// === Conversation log

/** `seq` keeps the order of messages appended in the same millisecond (SQLite: AUTOINCREMENT). */
type MessageDoc = Omit<ConversationMessage, 'id'> & { _id: string; seq: number };

export const conversationMessageSchema = new Schema<MessageDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  chatKey: { type: String, required: true },
  direction: { type: String, required: true, enum: ['in', 'out'] },
  text: { type: String },
  at: { type: Date, required: true },
}, schemaOptions);
// A chat's window, newest first; the retention sweep by time.
conversationMessageSchema.index({ chatKey: 1, at: 1, seq: 1 });
conversationMessageSchema.index({ at: 1 });
conversationMessageSchema.index({ seq: 1 }, { unique: true });

export const conversationMessagesSpec: CollectionSpec = {
  model: 'ConversationMessage', collection: 'conversation_messages', table: 'conversation_messages', schema: conversationMessageSchema,
  columns: columns({ seq: 'plain', id: 'key', chat_key: 'plain', direction: 'plain', text: 'plain', at: 'date' }),
  counters: { conversation_messages: 'seq' },
};

const toMessage = ({ _id, ...d }: MessageDoc): ConversationMessage => ({ id: _id, chatKey: d.chatKey, direction: d.direction, text: d.text, at: d.at });

/** The filter of a chat's window: `from <= at <= to`, either bound optional. */
export function chatWindowFilter(chatKey: string, from?: Date, to?: Date): Record<string, unknown> {
  const at: Record<string, Date> = {};
  if (from) at.$gte = from;
  if (to) at.$lte = to;
  return Object.keys(at).length ? { chatKey, at } : { chatKey };
}

/** The conversation log over `conversation_messages`; retention deletes the oldest in bounded batches. */
export function mongoConversationMessages(conn: Connection): ConversationMessageRepository {
  const M = modelFor<MessageDoc>(conn, conversationMessagesSpec);
  return {
    async append(m) {
      const { id, ...rest } = m;
      const seq = await nextSequence(conn, 'conversation_messages');
      await M.create({ _id: id, seq, ...rest });
    },
    async remove(ids) {
      if (ids.length > 0) await M.deleteMany({ _id: { $in: [...ids] } });
    },
    async listByChat(chatKey, { from, to, limit }) {
      // Newest `limit` inside the window, then turned oldest first.
      const docs = await M.find(chatWindowFilter(chatKey, from, to)).sort({ at: -1, seq: -1 }).limit(limit).lean<MessageDoc[]>();
      return docs.map(toMessage).reverse();
    },
    async deleteBefore(before, limit) {
      const ids = (await M.find({ at: { $lt: before } }, { _id: 1 }).sort({ at: 1 }).limit(limit).lean<Array<{ _id: string }>>()).map((d) => d._id);
      if (ids.length === 0) return 0;
      return (await M.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
  };
}

// === Escalations

type EscalationDoc = Omit<Escalation, 'id'> & { _id: string };

export const escalationSchema = new Schema<EscalationDoc>({
  _id: { type: String, required: true },
  ticketId: { type: String, required: true },
  reason: { type: String, required: true, enum: ESCALATION_REASONS },
  openedAt: { type: Date, required: true },
  acknowledgedAt: { type: Date, default: null },
  acknowledgedBy: { type: String, default: null },
}, schemaOptions);
// At most one escalation per ticket and reason, whichever instance opens it.
escalationSchema.index({ ticketId: 1, reason: 1 }, { unique: true });
// Unacknowledged ones (acknowledgedAt = null), oldest first.
escalationSchema.index({ acknowledgedAt: 1, openedAt: 1, _id: 1 });

export const escalationsSpec: CollectionSpec = {
  model: 'Escalation', collection: 'escalations', table: 'escalations', schema: escalationSchema,
  columns: columns({ id: 'key', ticket_id: 'plain', reason: 'plain', opened_at: 'date', acknowledged_at: 'date', acknowledged_by: 'plain' }),
};

const toEscalation = ({ _id, ...d }: EscalationDoc): Escalation => ({
  id: _id, ticketId: d.ticketId, reason: d.reason, openedAt: d.openedAt, acknowledgedAt: d.acknowledgedAt ?? null,
  acknowledgedBy: d.acknowledgedBy ?? null,
});

/** Escalations over `escalations`: opened once per ticket and reason, acknowledged once. */
export function mongoEscalations(conn: Connection): EscalationRepository {
  const M = modelFor<EscalationDoc>(conn, escalationsSpec);
  return {
    async open(e) {
      const { id, ...rest } = e;
      try {
        await M.create({ _id: id, ...rest });
        return true;
      } catch (err) {
        // Only "this ticket already has one for this reason" is the expected no-op (SQLite: ON CONFLICT … DO NOTHING).
        if (isDuplicateKey(err, ['ticketId', 'reason'])) return false;
        throw err;
      }
    },
    async acknowledge(id, by, at) {
      const r = await M.updateOne({ _id: id, acknowledgedAt: null }, { $set: { acknowledgedAt: at, acknowledgedBy: by } });
      return r.matchedCount === 1;
    },
    async get(id) {
      const d = await M.findById(id).lean<EscalationDoc>();
      return d ? toEscalation(d) : null;
    },
    async forTicket(ticketId) {
      return (await M.find({ ticketId }).sort({ openedAt: 1, _id: 1 }).lean<EscalationDoc[]>()).map(toEscalation);
    },
    async listOpen(limit) {
      return (await M.find({ acknowledgedAt: null }).sort({ openedAt: 1, _id: 1 }).limit(limit).lean<EscalationDoc[]>()).map(toEscalation);
    },
  };
}

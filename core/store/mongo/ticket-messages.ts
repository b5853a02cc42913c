/** @module MongoDB repository of ticket transcripts (`ticket_messages`, in insertion order); mirrors sqlite/tickets.ts. */
import { Schema, type Connection } from 'mongoose';
import type { TicketMessageRepository } from '../../tickets/repository.ts';
import { type Ticket, type TicketMessage } from '../../tickets/model.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { jsonValue } from './connection.ts';
import { nextSequence } from './counters.ts';

// === Transcript

export type MessageDoc = Omit<TicketMessage, 'id'> & { _id: string; seq: number };

export const messageSchema = new Schema<MessageDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  ticketId: { type: String, required: true },
  direction: { type: String, required: true, enum: ['incoming', 'outgoing', 'activity'] },
  sender: { type: String, required: true, enum: ['subscriber', 'agent', 'bot', 'system'] },
  senderId: { type: String, default: null },
  private: { type: Boolean, required: true },
  text: { type: String },
  params: { type: Schema.Types.Mixed, default: null },
  createdAt: { type: Date, required: true },
  delivery: { type: String, required: true, enum: ['none', 'pending', 'sent', 'failed'] },
  externalId: { type: String, default: null },
  error: { type: String, default: null },
}, schemaOptions);
messageSchema.index({ ticketId: 1, seq: 1 });
messageSchema.index({ seq: 1 }, { unique: true });

export const messagesSpec: CollectionSpec = {
  model: 'TicketMessage', collection: 'ticket_messages', table: 'ticket_messages', schema: messageSchema,
  columns: columns({
    seq: 'plain', id: 'key', ticket_id: 'plain', direction: 'plain', sender: 'plain', sender_id: 'plain', private: 'bool',
    text: 'plain', params: 'json', created_at: 'date', delivery: 'plain', external_id: 'plain', error: 'plain',
  }),
  counters: { ticket_messages: 'seq' },
};

export const toMessage = ({ _id, seq: _s, ...d }: MessageDoc): TicketMessage => ({
  id: _id,
  ticketId: d.ticketId,
  direction: d.direction,
  sender: d.sender,
  senderId: d.senderId ?? null,
  private: d.private,
  text: d.text,
  params: d.params ?? null,
  createdAt: d.createdAt,
  delivery: d.delivery,
  externalId: d.externalId ?? null,
  error: d.error ?? null,
});

/** Ticket transcripts over `ticket_messages`, in insertion order. */
export function mongoTicketMessages(conn: Connection): TicketMessageRepository {
  const M = modelFor<MessageDoc>(conn, messagesSpec);
  const byId = async (id: string) => {
    const d = await M.findById(id).lean<MessageDoc>();
    return d ? toMessage(d) : null;
  };
  return {
    async append(m) {
      const { id, ...rest } = m;
      const seq = await nextSequence(conn, 'ticket_messages');
      await M.create({ _id: id, seq, ...rest, params: m.params ? jsonValue(m.params) : null });
    },
    get: byId,
    async list(ticketId, options = {}) {
      const after = options.after ? ((await M.findById(options.after, { seq: 1 }).lean<{ seq: number }>())?.seq ?? 0) : 0;
      const docs = await M.find({ ticketId, seq: { $gt: after } }).sort({ seq: 1 }).limit(options.limit ?? 1000).lean<MessageDoc[]>();
      return docs.map(toMessage);
    },
    async setDelivery(id, d) {
      await M.updateOne({ _id: id }, { $set: { delivery: d.delivery, externalId: d.externalId, error: d.error ? d.error.slice(0, 500) : null } });
      return byId(id);
    },
  };
}

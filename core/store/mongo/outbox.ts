/**
 * @module MongoDB repositories for the channel outbox (core/outbox) and the live feed (core/livefeed), mirroring
 * sqlite/outbox.ts. Places in the queue come from the store's counters, as SQLite's AUTOINCREMENT gives them.
 */
import { Schema, type Connection } from 'mongoose';
import type { EventFeedRepository } from '../../livefeed/repository.ts';
import type { FeedEvent } from '../../livefeed/model.ts';
import type { OutboxEntry } from '../../outbox/model.ts';
import type { OutboxRepository } from '../../outbox/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { jsonValue } from './connection.ts';
import { nextSequence } from './counters.ts';

export type OutboxDoc = Omit<OutboxEntry, 'seq' | 'id'> & { _id: number; id: string };

export const outboxSchema = new Schema<OutboxDoc>({
  _id: { type: Number, required: true },
  id: { type: String, required: true },
  channel: { type: String, required: true, enum: ['telegram', 'whatsapp', 'webchat'] },
  chatKey: { type: String, required: true },
  externalId: { type: String, required: true },
  deliveries: { type: Schema.Types.Mixed, required: true },
  tag: { type: String, default: null },
  createdAt: { type: Date, required: true },
  sentAt: { type: Date, default: null },
  failedAt: { type: Date, default: null },
  error: { type: String, default: null },
  externalIds: { type: [String], default: [] },
}, schemaOptions);
outboxSchema.index({ id: 1 }, { unique: true });
outboxSchema.index({ channel: 1, sentAt: 1, failedAt: 1, _id: 1 });

export const outboxSpec: CollectionSpec = {
  model: 'OutboxEntry', collection: 'channel_outbox', table: 'channel_outbox', schema: outboxSchema,
  columns: columns({
    seq: 'key', id: 'plain', channel: 'plain', chat_key: 'plain', external_id: 'plain', deliveries: 'json', tag: 'plain',
    created_at: 'date', sent_at: 'date', failed_at: 'date', error: 'plain', external_ids: 'json',
  }),
};

const toEntry = ({ _id, ...d }: OutboxDoc): OutboxEntry => ({
  id: d.id, seq: _id, channel: d.channel, chatKey: d.chatKey, externalId: d.externalId, deliveries: d.deliveries, tag: d.tag ?? null,
  createdAt: d.createdAt, sentAt: d.sentAt ?? null, failedAt: d.failedAt ?? null, error: d.error ?? null, externalIds: d.externalIds ?? [],
});

export function mongoOutbox(conn: Connection): OutboxRepository {
  const M = modelFor<OutboxDoc>(conn, outboxSpec);
  const open = { sentAt: null, failedAt: null };
  return {
    async enqueue(e) {
      const seq = await nextSequence(conn, 'channel_outbox');
      await M.create({ _id: seq, ...e, deliveries: jsonValue(e.deliveries), externalIds: [] });
      return toEntry((await M.findById(seq).lean<OutboxDoc>())!);
    },
    async pending(channel, limit) {
      return (await M.find({ channel, ...open }).sort({ _id: 1 }).limit(limit).lean<OutboxDoc[]>()).map(toEntry);
    },
    async markSent(id, at, externalIds) {
      return (await M.updateOne({ id, ...open }, { $set: { sentAt: at, externalIds } })).matchedCount === 1;
    },
    async markFailed(id, at, error) {
      return (await M.updateOne({ id, ...open }, { $set: { failedAt: at, error } })).matchedCount === 1;
    },
    async get(id) {
      const d = await M.findOne({ id }).lean<OutboxDoc>();
      return d ? toEntry(d) : null;
    },
    async purge(before, limit) {
      const filter = { $or: [{ sentAt: { $lt: before } }, { failedAt: { $lt: before } }] };
      const ids = (await M.find(filter, { _id: 1 }).limit(limit).lean<Array<{ _id: number }>>()).map((d) => d._id);
      if (ids.length === 0) return 0;
      return (await M.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
  };
}

export type FeedDoc = Omit<FeedEvent, 'seq'> & { _id: number };

export const feedSchema = new Schema<FeedDoc>({
  _id: { type: Number, required: true },
  origin: { type: String, required: true },
  name: { type: String, required: true },
  payload: { type: Schema.Types.Mixed, default: null },
  at: { type: Date, required: true },
}, schemaOptions);
feedSchema.index({ at: 1 });

export const feedSpec: CollectionSpec = {
  model: 'FeedEvent', collection: 'event_feed', table: 'event_feed', schema: feedSchema,
  columns: columns({ seq: 'key', origin: 'plain', name: 'plain', payload: 'json', at: 'date' }),
};

/**
 * The live feed. A reader reads after the last place it saw; counters hand out places before the insert lands, so an
 * instance could see place 11 before 10 — the relay reads back a little and skips what it already saw
 * (core/livefeed/relay.ts).
 */
export function mongoEventFeed(conn: Connection): EventFeedRepository {
  const M = modelFor<FeedDoc>(conn, feedSpec);
  return {
    async append(e) {
      const seq = await nextSequence(conn, 'event_feed');
      await M.create({ _id: seq, ...e, payload: jsonValue(e.payload ?? null) });
    },
    async after(seq, limit) {
      const docs = await M.find({ _id: { $gt: seq } }).sort({ _id: 1 }).limit(limit).lean<FeedDoc[]>();
      return docs.map(({ _id, ...d }) => ({ seq: _id, origin: d.origin, name: d.name, payload: d.payload ?? null, at: d.at }));
    },
    async lastSeq() {
      const d = await M.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean<{ _id: number }>();
      return d?._id ?? 0;
    },
    async purge(before, limit) {
      const ids = (await M.find({ at: { $lt: before } }, { _id: 1 }).limit(limit).lean<Array<{ _id: number }>>()).map((d) => d._id);
      if (ids.length === 0) return 0;
      return (await M.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
  };
}

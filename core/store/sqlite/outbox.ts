/** @module SQLite repositories for the channel outbox (core/outbox) and the live feed (core/livefeed). */
import type { EventFeedRepository } from '../../livefeed/repository.ts';
import type { FeedEvent } from '../../livefeed/model.ts';
import type { OutboxEntry } from '../../outbox/model.ts';
import type { OutboxRepository } from '../../outbox/repository.ts';
import { date, dateOrNull, json, ms, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id as string,
  seq: r.seq as number,
  channel: r.channel as OutboxEntry['channel'],
  chatKey: r.chat_key as string,
  externalId: r.external_id as string,
  deliveries: json<OutboxEntry['deliveries']>(r.deliveries as string),
  tag: (r.tag as string | null) ?? null,
  createdAt: date(r.created_at as number),
  sentAt: dateOrNull(r.sent_at as number | null),
  failedAt: dateOrNull(r.failed_at as number | null),
  error: (r.error as string | null) ?? null,
  externalIds: json<string[]>(r.external_ids as string),
});

export function sqliteOutbox(db: Db): OutboxRepository {
  const insert = db.prepare(`INSERT INTO channel_outbox (id, channel, chat_key, external_id, deliveries, tag, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM channel_outbox WHERE id = ?');
  const pending = db.prepare('SELECT * FROM channel_outbox WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL ORDER BY seq LIMIT ?');
  const sent = db.prepare('UPDATE channel_outbox SET sent_at = ?, external_ids = ? WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL');
  const failed = db.prepare('UPDATE channel_outbox SET failed_at = ?, error = ? WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL');
  const purge = db.prepare(`DELETE FROM channel_outbox WHERE seq IN (SELECT seq FROM channel_outbox
    WHERE coalesce(sent_at, failed_at) < ? LIMIT ?)`);
  return {
    async enqueue(e) {
      insert.run(e.id, e.channel, e.chatKey, e.externalId, JSON.stringify(e.deliveries), e.tag, ms(e.createdAt));
      return toEntry(byId.get(e.id) as Row);
    },
    async pending(channel, limit) {
      return (pending.all(channel, limit) as Row[]).map(toEntry);
    },
    async markSent(id, at, externalIds) {
      return sent.run(ms(at), JSON.stringify(externalIds), id).changes === 1;
    },
    async markFailed(id, at, error) {
      return failed.run(ms(at), error, id).changes === 1;
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toEntry(r) : null;
    },
    async purge(before, limit) {
      return purge.run(ms(before), limit).changes;
    },
  };
}

const toEvent = (r: Row): FeedEvent => ({
  seq: r.seq as number, origin: r.origin as string, name: r.name as FeedEvent['name'], payload: json(r.payload as string), at: date(r.at as number),
});

export function sqliteEventFeed(db: Db): EventFeedRepository {
  const insert = db.prepare('INSERT INTO event_feed (origin, name, payload, at) VALUES (?, ?, ?, ?)');
  const after = db.prepare('SELECT * FROM event_feed WHERE seq > ? ORDER BY seq LIMIT ?');
  const last = db.prepare('SELECT coalesce(max(seq), 0) FROM event_feed').pluck();
  const purge = db.prepare('DELETE FROM event_feed WHERE seq IN (SELECT seq FROM event_feed WHERE at < ? LIMIT ?)');
  return {
    async append(e) {
      insert.run(e.origin, e.name, JSON.stringify(e.payload ?? null), ms(e.at));
    },
    async after(seq, limit) {
      return (after.all(seq, limit) as Row[]).map(toEvent);
    },
    async lastSeq() {
      return last.get() as number;
    },
    async purge(before, limit) {
      return purge.run(ms(before), limit).changes;
    },
  };
}

/**
 * @module Migration 71: several instances on one store (issue 20 item 15) — the channel outbox (messages for a chat
 * whose channel another instance holds) and the live feed (domain events for other instances' console live views).
 */
import type { Migration } from './index.ts';

export const outboxAndFeed: Migration = {
  id: 71,
  name: 'outbox-and-feed',
  sql: `
CREATE TABLE channel_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  external_id TEXT NOT NULL,
  deliveries TEXT NOT NULL,
  tag TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  failed_at INTEGER,
  error TEXT,
  external_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX channel_outbox_pending ON channel_outbox(channel, seq) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE TABLE event_feed (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  origin TEXT NOT NULL,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX event_feed_at ON event_feed(at);
`,
};

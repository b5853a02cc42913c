import type { Migration } from './index.ts';

/** Outgoing SMS: the outbox the console shows and the delivery log (issue 4). */
export const smsOutbox: Migration = {
  id: 21,
  name: 'sms-outbox',
  sql: `
CREATE TABLE sms_messages (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  text TEXT NOT NULL,
  purpose TEXT NOT NULL,
  chat_key TEXT,
  provider TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  provider_message_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER,
  expires_at INTEGER,
  next_attempt_at INTEGER,
  leased_until INTEGER
);
CREATE INDEX sms_messages_created ON sms_messages(created_at DESC);
CREATE INDEX sms_messages_status ON sms_messages(status, created_at DESC);
`,
};

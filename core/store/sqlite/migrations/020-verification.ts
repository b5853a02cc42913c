import type { Migration } from './index.ts';

/** One-time-code challenges and number locks (issue 4). */
export const verification: Migration = {
  id: 20,
  name: 'verification',
  sql: `
CREATE TABLE otp_challenges (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  phone TEXT NOT NULL,
  subscriber_id TEXT,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  consumed_at INTEGER,
  closed_at INTEGER,
  sms_id TEXT,
  context TEXT
);
CREATE INDEX otp_challenges_chat ON otp_challenges(chat_key, purpose, created_at);
CREATE INDEX otp_challenges_phone ON otp_challenges(phone, created_at);
CREATE TABLE otp_locks (
  phone TEXT PRIMARY KEY,
  until INTEGER NOT NULL
);
`,
};

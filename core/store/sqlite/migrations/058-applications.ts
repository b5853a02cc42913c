import type { Migration } from './index.ts';

/** Written applications signed with a one-time code (contract cl. 3, 9(4), 9(5); issue 4). */
export const applications: Migration = {
  id: 58,
  name: 'applications',
  sql: `
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  channel TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  quote TEXT NOT NULL,
  payload TEXT NOT NULL,
  challenge_id TEXT NOT NULL UNIQUE,
  signed_at INTEGER NOT NULL
);
CREATE INDEX applications_subscriber ON applications(subscriber_id, signed_at DESC);
`,
};

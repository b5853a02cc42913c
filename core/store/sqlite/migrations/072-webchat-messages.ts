/**
 * @module Migration 72: each web chat's recent messages (issue 20 item 15), one row per chat with its revision, so a
 * reload on any instance shows the conversation and two instances writing one chat never lose a message.
 */
import type { Migration } from './index.ts';

export const webchatMessages: Migration = {
  id: 72,
  name: 'webchat-messages',
  sql: `
CREATE TABLE webchat_messages (
  external_id TEXT PRIMARY KEY,
  messages TEXT NOT NULL,
  rev INTEGER NOT NULL,
  oldest_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webchat_messages_oldest ON webchat_messages(oldest_at);
`,
};

import type { Migration } from './index.ts';

/**
 * The conversation log of every chat (core/conversations): one row per message in or out. `seq` keeps the order of
 * messages appended in the same millisecond; `at` serves the ticket page's window and the retention sweep.
 */
export const conversationLog: Migration = {
  id: 31,
  name: 'conversation-log',
  sql: `
CREATE TABLE conversation_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  chat_key TEXT NOT NULL,
  direction TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX conversation_messages_chat ON conversation_messages(chat_key, at, seq);
CREATE INDEX conversation_messages_at ON conversation_messages(at);
`,
};

/** @module Migration 70: web-chat sessions — server-issued tokens (hashed) and the chat each opens (issue 20). */
import type { Migration } from './index.ts';

export const webchatSessions: Migration = {
  id: 70,
  name: 'webchat-sessions',
  sql: `
CREATE TABLE webchat_sessions (
  token_hash TEXT PRIMARY KEY,
  external_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX webchat_sessions_chat ON webchat_sessions(external_id);
CREATE INDEX webchat_sessions_expiry ON webchat_sessions(expires_at);
`,
};

/** @module Migration 22: throttle hits — codes asked for, wrong codes, wrong passwords — in rolling windows (issue 20). */
import type { Migration } from './index.ts';

export const throttle: Migration = {
  id: 22,
  name: 'throttle',
  sql: `
CREATE TABLE throttle_hits (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX throttle_hits_key ON throttle_hits(scope, key, at);
CREATE INDEX throttle_hits_expiry ON throttle_hits(expires_at);
`,
};

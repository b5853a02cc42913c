/** @module Migration 12: instalment agreements — requested in the bot, concluded in the console (issue 18, seed 001 status 6). */
import type { Migration } from './index.ts';

export const instalments: Migration = {
  id: 12,
  name: 'instalments',
  sql: `
CREATE TABLE instalment_agreements (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  subscriber_id TEXT NOT NULL,
  application_id TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  debt_tiyn INTEGER NOT NULL,
  parts TEXT NOT NULL,
  concluded_at INTEGER,
  concluded_by TEXT,
  ended_at INTEGER
);
CREATE INDEX instalment_agreements_account ON instalment_agreements(account_id, requested_at);
`,
};

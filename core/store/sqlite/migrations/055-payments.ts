/** @module Migration 55: payment links and their settlement (issue 6). */
import type { Migration } from './index.ts';

export const payments: Migration = {
  id: 55,
  name: 'payments',
  sql: `
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  account_id TEXT NOT NULL,
  account_number TEXT NOT NULL,
  subscriber_id TEXT,
  chat_key TEXT,
  language TEXT NOT NULL,
  amount_tiyn INTEGER NOT NULL CHECK (amount_tiyn > 0),
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  gateway_payment_id TEXT,
  url TEXT,
  failure_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  paid_at INTEGER,
  registered_at INTEGER
);
CREATE UNIQUE INDEX payments_gateway_id ON payments(provider, gateway_payment_id) WHERE gateway_payment_id IS NOT NULL;
CREATE INDEX payments_account ON payments(account_id, created_at);
`,
};

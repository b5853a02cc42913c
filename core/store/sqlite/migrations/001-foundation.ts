import type { Migration } from './index.ts';

export const foundation: Migration = {
  id: 1,
  name: 'foundation',
  sql: `
CREATE TABLE subscribers (
  id TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  phone TEXT NOT NULL UNIQUE,
  iin TEXT,
  category TEXT NOT NULL,
  language TEXT,
  notifications_muted INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
  status TEXT NOT NULL,
  status_since INTEGER NOT NULL,
  billing_method TEXT NOT NULL,
  address TEXT NOT NULL,
  region TEXT NOT NULL,
  plan_id TEXT,
  services TEXT NOT NULL,
  term_contract_until INTEGER,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX accounts_subscriber ON accounts(subscriber_id);
CREATE INDEX accounts_status ON accounts(status, id);
CREATE TABLE chats (
  key TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  language TEXT,
  subscriber_id TEXT,
  linked_at INTEGER,
  link_expires_at INTEGER,
  linked_phone TEXT,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX chats_subscriber ON chats(subscriber_id) WHERE subscriber_id IS NOT NULL;
CREATE TABLE dialog_sessions (
  key TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  language TEXT NOT NULL,
  active INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE console_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions(user_id);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  details TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at DESC);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  claimed_by TEXT,
  claimed_until INTEGER,
  done_at INTEGER
);
CREATE UNIQUE INDEX jobs_pending_key ON jobs(key) WHERE done_at IS NULL;
CREATE INDEX jobs_pending_due ON jobs(due_at) WHERE done_at IS NULL;
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until INTEGER NOT NULL
);
CREATE TABLE dedupe (
  scope TEXT NOT NULL,
  id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (scope, id)
) WITHOUT ROWID;
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
};

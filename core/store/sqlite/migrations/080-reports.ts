/**
 * @module Migration 80: the contact centre's records for the monthly report (issue 19, seed 003 cl. 29, 32): chat
 * contacts, agents' status spans (one open span per user), stored monthly reports, and an index for the live view's
 * "callbacks due in the next hour".
 */
import type { Migration } from './index.ts';

export const reports: Migration = {
  id: 80,
  name: 'reports',
  sql: `
CREATE TABLE chat_contacts (
  id TEXT PRIMARY KEY,
  chat_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  language TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  type TEXT NOT NULL,
  ticket_id TEXT,
  handed_off_at INTEGER,
  answer_by INTEGER,
  answered_at INTEGER,
  agent_id TEXT,
  left_at INTEGER,
  ended_at INTEGER
);
CREATE INDEX chat_contacts_chat ON chat_contacts(chat_key, started_at);
CREATE INDEX chat_contacts_ticket ON chat_contacts(ticket_id, started_at) WHERE ticket_id IS NOT NULL;
CREATE INDEX chat_contacts_started ON chat_contacts(started_at, id);
CREATE INDEX chat_contacts_waiting ON chat_contacts(handed_off_at) WHERE handed_off_at IS NOT NULL AND answered_at IS NULL;

CREATE TABLE agent_status_spans (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  since INTEGER NOT NULL,
  until INTEGER,
  set_by TEXT
);
CREATE UNIQUE INDEX agent_status_spans_current ON agent_status_spans(user_id) WHERE until IS NULL;
CREATE INDEX agent_status_spans_since ON agent_status_spans(since);

CREATE TABLE monthly_reports (
  month TEXT PRIMARY KEY,
  generated_at INTEGER NOT NULL,
  report TEXT NOT NULL
);

CREATE INDEX tickets_callback_due ON tickets(callback_due_at) WHERE active = 1 AND callback_due_at IS NOT NULL;
CREATE INDEX tickets_created_number ON tickets(created_at, number);
`,
};

import type { Migration } from './index.ts';

/**
 * Tickets, their transcript, status history, SLA, breaches and ratings. The queue indexes all end in `number` so
 * every console queue is a keyset walk down one index (newest first) — fast with a million tickets.
 * `active` = status is not resolved/closed, kept as a column so partial indexes can use it.
 */
export const tickets: Migration = {
  id: 30,
  name: 'tickets',
  sql: `
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  active INTEGER NOT NULL,
  line INTEGER NOT NULL,
  handed_off INTEGER NOT NULL DEFAULT 0,
  breached INTEGER NOT NULL DEFAULT 0,
  subscriber_id TEXT,
  account_id TEXT,
  chat_key TEXT,
  phone TEXT,
  language TEXT NOT NULL,
  region TEXT,
  service TEXT,
  symptom TEXT,
  topic TEXT,
  result TEXT,
  comment TEXT,
  assignee_id TEXT,
  callback_due_at INTEGER,
  callback_outcome TEXT,
  first_action_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  escalated_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  version INTEGER NOT NULL
);
CREATE INDEX tickets_active_number ON tickets(number) WHERE active = 1;
CREATE INDEX tickets_assignee_number ON tickets(assignee_id, active, number) WHERE assignee_id IS NOT NULL;
CREATE INDEX tickets_unassigned_number ON tickets(number) WHERE assignee_id IS NULL AND active = 1;
CREATE INDEX tickets_line_number ON tickets(line, active, number);
CREATE INDEX tickets_breached_number ON tickets(active, number) WHERE breached = 1;
CREATE INDEX tickets_status_number ON tickets(status, number);
CREATE INDEX tickets_type_number ON tickets(type, number);
CREATE INDEX tickets_channel_number ON tickets(channel, number);
CREATE INDEX tickets_region_number ON tickets(region, number);
CREATE INDEX tickets_service_number ON tickets(service, number);
CREATE INDEX tickets_phone_number ON tickets(phone, number) WHERE phone IS NOT NULL;
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_subscriber_number ON tickets(subscriber_id, number) WHERE subscriber_id IS NOT NULL;
CREATE INDEX tickets_chat_active ON tickets(chat_key, number) WHERE chat_key IS NOT NULL AND active = 1;

CREATE TABLE ticket_status_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  note TEXT
);
CREATE INDEX ticket_status_history_ticket ON ticket_status_history(ticket_id, seq);

CREATE TABLE ticket_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL,
  direction TEXT NOT NULL,
  sender TEXT NOT NULL,
  sender_id TEXT,
  private INTEGER NOT NULL,
  text TEXT NOT NULL,
  params TEXT,
  created_at INTEGER NOT NULL,
  delivery TEXT NOT NULL,
  external_id TEXT,
  error TEXT
);
CREATE INDEX ticket_messages_ticket ON ticket_messages(ticket_id, seq);

CREATE TABLE ticket_sla (
  ticket_id TEXT PRIMARY KEY,
  callback_minutes INTEGER NOT NULL,
  clock TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  callback_at INTEGER,
  breached_at INTEGER
);

CREATE TABLE sla_breaches (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  breached_at INTEGER NOT NULL,
  UNIQUE (ticket_id, kind)
);

CREATE TABLE ticket_ratings (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL,
  supervisor_id TEXT NOT NULL,
  agent_id TEXT,
  scores TEXT NOT NULL,
  comment TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX ticket_ratings_ticket ON ticket_ratings(ticket_id, seq);
`,
};

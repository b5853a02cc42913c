import type { Migration } from './index.ts';

/** Tickets moved to the supervisors after an SLA miss (STYLE 12): one per ticket and reason. */
export const escalations: Migration = {
  id: 32,
  name: 'escalations',
  sql: `
CREATE TABLE escalations (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  UNIQUE (ticket_id, reason)
);
CREATE INDEX escalations_open ON escalations(opened_at) WHERE acknowledged_at IS NULL;
`,
};

/** @module Migration 33: ticket messages by age, for the transcript retention sweep (issue 18 item 8, seed 003 cl. 26). */
import type { Migration } from './index.ts';

export const retention: Migration = {
  id: 33,
  name: 'retention',
  sql: `
CREATE INDEX ticket_messages_created ON ticket_messages(created_at);
`,
};

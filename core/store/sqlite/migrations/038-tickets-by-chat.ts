import type { Migration } from './index.ts';

/** A chat's tickets in any status, newest first (the ticket page keeps other tickets' conversations out). */
export const ticketsByChat: Migration = {
  id: 38,
  name: 'tickets-by-chat',
  sql: `
CREATE INDEX tickets_chat_number ON tickets(chat_key, number) WHERE chat_key IS NOT NULL;
`,
};

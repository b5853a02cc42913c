import type { Migration } from './index.ts';

/**
 * A chat's latest contact (read on every message the subscriber sends, issue 21) straight from the index: its order
 * `started_at, id` is the index's whole key, so no sort of the chat's contacts is needed.
 */
export const contactsByChat: Migration = {
  id: 81,
  name: 'contacts-by-chat',
  sql: `
DROP INDEX chat_contacts_chat;
CREATE INDEX chat_contacts_chat ON chat_contacts(chat_key, started_at, id);
`,
};

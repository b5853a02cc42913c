import type { Migration } from './index.ts';

/** The console's SMS page filters by recipient: newest first for one number. */
export const smsRecipient: Migration = {
  id: 26,
  name: 'sms-recipient',
  sql: `
CREATE INDEX sms_messages_recipient ON sms_messages(recipient, created_at DESC);
`,
};

import type { Migration } from './index.ts';

/**
 * Messenger surveys (core/campaigns, part 2): one delivery record per recipient, written before and after each send,
 * and the subscribers who said "stop" to surveys. The due index is partial on pending records, so a dispatch walks
 * only what is left to send.
 */
export const surveyDeliveries: Migration = {
  id: 62,
  name: 'survey-deliveries',
  sql: `
CREATE TABLE survey_deliveries (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  subscriber_id TEXT NOT NULL,
  chat_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  state TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  question_id TEXT,
  message_id TEXT,
  error TEXT,
  sent_at INTEGER,
  answered_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX survey_deliveries_due ON survey_deliveries(campaign_id, due_at) WHERE state = 'pending';
CREATE INDEX survey_deliveries_state ON survey_deliveries(campaign_id, state);
CREATE INDEX survey_deliveries_chat ON survey_deliveries(chat_key) WHERE state = 'sent';
CREATE TABLE survey_opt_outs (
  subscriber_id TEXT PRIMARY KEY,
  campaign_id TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX survey_responses_contact ON survey_responses(campaign_id, contact_id);
CREATE INDEX call_attempts_campaign_id ON call_attempts(campaign_id, id);
`,
};

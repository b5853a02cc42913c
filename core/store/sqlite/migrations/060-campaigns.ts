import type { Migration } from './index.ts';

/**
 * Survey campaigns (core/campaigns): questionnaires, campaigns, their contacts with claims and leases, call attempts,
 * answers, the quota counter per contract period and its alerts, and the do-not-call list. The claim indexes are
 * partial on `state = 'ready'`, so "next contact" walks only contacts waiting to be called, oldest due first.
 */
export const campaigns: Migration = {
  id: 60,
  name: 'campaigns',
  sql: `
CREATE TABLE questionnaires (
  id TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  greeting TEXT NOT NULL,
  closing TEXT NOT NULL,
  questions TEXT NOT NULL,
  frozen_at INTEGER,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  UNIQUE (family_id, version)
);
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  questionnaire_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  state TEXT NOT NULL,
  start_at INTEGER,
  end_at INTEGER,
  calling_hours TEXT NOT NULL,
  retry TEXT NOT NULL,
  agent_ids TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  launched_by TEXT,
  launched_at INTEGER,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL
);
CREATE INDEX campaigns_questionnaire ON campaigns(questionnaire_id);
CREATE TABLE campaign_contacts (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  name TEXT,
  account_number TEXT,
  region TEXT,
  language TEXT,
  tags TEXT NOT NULL,
  subscriber_id TEXT,
  utc_offset_minutes INTEGER NOT NULL,
  state TEXT NOT NULL,
  priority INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  reserved_for TEXT,
  attempts INTEGER NOT NULL,
  last_outcome TEXT,
  last_attempt_at INTEGER,
  claim_id TEXT,
  claimed_by TEXT,
  lease_until INTEGER,
  quota_period TEXT,
  excluded_reason TEXT,
  import_id TEXT,
  line INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER,
  UNIQUE (campaign_id, phone)
);
CREATE INDEX campaign_contacts_due ON campaign_contacts(campaign_id, priority, due_at) WHERE state = 'ready';
CREATE INDEX campaign_contacts_reserved ON campaign_contacts(campaign_id, reserved_for, due_at) WHERE state = 'ready' AND reserved_for IS NOT NULL;
CREATE INDEX campaign_contacts_claimed ON campaign_contacts(campaign_id, claimed_by) WHERE state = 'claimed';
CREATE INDEX campaign_contacts_lease ON campaign_contacts(lease_until) WHERE state = 'claimed';
-- Lists and counts walk rowid order (insertion order): new contacts append at the end of these indexes, which keeps a
-- 100,000-row import cheap (a (created_at, id) key with random ids would insert all over the tree).
CREATE INDEX campaign_contacts_list ON campaign_contacts(campaign_id);
CREATE INDEX campaign_contacts_state ON campaign_contacts(campaign_id, state);
CREATE TABLE call_attempts (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  callback_at INTEGER,
  callback_agent_id TEXT,
  note TEXT,
  effective INTEGER NOT NULL,
  quota_period TEXT
);
CREATE INDEX call_attempts_contact ON call_attempts(contact_id, ended_at);
CREATE INDEX call_attempts_campaign ON call_attempts(campaign_id, ended_at);
CREATE TABLE survey_responses (
  contact_id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  questionnaire_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  agent_id TEXT,
  language TEXT NOT NULL,
  answers TEXT NOT NULL,
  complete INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX survey_responses_campaign ON survey_responses(campaign_id, updated_at);
CREATE TABLE campaign_quota (
  period TEXT PRIMARY KEY,
  used INTEGER NOT NULL,
  taken INTEGER NOT NULL
);
CREATE TABLE campaign_quota_alerts (
  id TEXT PRIMARY KEY,
  period TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX campaign_quota_alerts_period ON campaign_quota_alerts(period, threshold);
CREATE TABLE do_not_call (
  phone TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  note TEXT,
  added_by TEXT,
  campaign_id TEXT,
  added_at INTEGER NOT NULL
);
CREATE INDEX do_not_call_added ON do_not_call(added_at, phone);
`,
};

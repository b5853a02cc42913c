/**
 * @module Migration 59: carrying out a signed application exactly once (issue 20 item 10). `done_at` marks an
 * application whose order was placed (or refused by billing) and told; a sweep finishes those a crash interrupted.
 * Billing keeps one plan-change and one refusal order per application (`application_id`, unique), so a retry after a
 * crash gets the order already placed instead of a second one. Applications signed before this were carried out then.
 */
import type { Migration } from './index.ts';

export const applicationOrders: Migration = {
  id: 59,
  name: 'application-orders',
  sql: `
ALTER TABLE applications ADD COLUMN done_at INTEGER;
UPDATE applications SET done_at = signed_at;
CREATE INDEX applications_undone ON applications(signed_at) WHERE done_at IS NULL;
ALTER TABLE plan_changes ADD COLUMN application_id TEXT;
UPDATE plan_changes SET application_id = json_extract(data, '$.applicationId')
  WHERE rowid IN (SELECT min(rowid) FROM plan_changes GROUP BY json_extract(data, '$.applicationId'));
CREATE UNIQUE INDEX plan_changes_application ON plan_changes(application_id) WHERE application_id IS NOT NULL;
ALTER TABLE refusals ADD COLUMN application_id TEXT;
UPDATE refusals SET application_id = json_extract(data, '$.applicationId')
  WHERE rowid IN (SELECT min(rowid) FROM refusals GROUP BY json_extract(data, '$.applicationId'));
CREATE UNIQUE INDEX refusals_application ON refusals(application_id) WHERE application_id IS NOT NULL;
`,
};

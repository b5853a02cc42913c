import type { Migration } from './index.ts';

/**
 * The console finds subscribers by name in any letter case. SQLite's lower() folds ASCII only, so the store keeps a
 * folded copy of each name (written by the repository; rows from before are folded when the store opens).
 */
export const subscriberNames: Migration = {
  id: 7,
  name: 'subscriber-names',
  sql: `
ALTER TABLE subscribers ADD COLUMN name_key TEXT;
CREATE INDEX subscribers_unfolded ON subscribers(id) WHERE name_key IS NULL;
`,
};

import type { Migration } from './index.ts';

/** The outage registry: planned works and known accidents by region and address. */
export const outages: Migration = {
  id: 11,
  name: 'outages',
  sql: `
CREATE TABLE outages (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  region TEXT NOT NULL,
  address_prefix TEXT,
  services TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  notified_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX outages_region ON outages(region, starts_at);
CREATE INDEX outages_created ON outages(created_at);
`,
};

import type { Migration } from './index.ts';

/**
 * Call-list imports: the import with its checkpoint and counts, the uploaded file in 1 MiB base64 chunks (kept in the
 * store so any instance can resume it after a restart, deleted when the import ends) and the per-row report.
 */
export const callListImports: Migration = {
  id: 61,
  name: 'call-list-imports',
  sql: `
CREATE TABLE call_list_imports (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  source TEXT NOT NULL,
  file_name TEXT,
  format TEXT,
  encoding TEXT,
  bytes INTEGER NOT NULL,
  segment TEXT,
  status TEXT NOT NULL,
  error TEXT,
  total_rows INTEGER NOT NULL,
  checked_rows INTEGER NOT NULL,
  processed_rows INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  merged INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX call_list_imports_campaign ON call_list_imports(campaign_id, created_at);
CREATE INDEX call_list_imports_unfinished ON call_list_imports(created_at) WHERE status IN ('queued', 'checking', 'importing');
CREATE TABLE call_list_import_chunks (
  id TEXT PRIMARY KEY,
  import_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX call_list_import_chunks_import ON call_list_import_chunks(import_id, seq);
CREATE TABLE call_list_import_issues (
  id TEXT PRIMARY KEY,
  import_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  column_name TEXT,
  reason TEXT NOT NULL,
  outcome TEXT NOT NULL,
  value TEXT,
  merged_into_line INTEGER
);
CREATE INDEX call_list_import_issues_line ON call_list_import_issues(import_id, line);
`,
};

import type { Migration } from './index.ts';

/** The billing ledger: plans, invoices, payments, equipment, traffic, restorations, plan changes, refusals. */
export const billing: Migration = {
  id: 10,
  name: 'billing',
  sql: `
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  sort INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  due_date TEXT NOT NULL,
  amount_tiyn INTEGER NOT NULL,
  lines TEXT NOT NULL
);
CREATE INDEX invoices_account ON invoices(account_id, issued_at);
CREATE TABLE ledger_payments (
  id TEXT PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  amount_tiyn INTEGER NOT NULL,
  paid_at INTEGER NOT NULL,
  registered_at INTEGER NOT NULL
);
CREATE INDEX ledger_payments_account ON ledger_payments(account_id, paid_at);
CREATE TABLE equipment (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  type TEXT NOT NULL,
  model TEXT NOT NULL,
  serial TEXT NOT NULL,
  cost_tiyn INTEGER NOT NULL,
  returned_at INTEGER
);
CREATE INDEX equipment_account ON equipment(account_id);
CREATE TABLE traffic (
  account_id TEXT NOT NULL,
  month TEXT NOT NULL,
  incoming_mb INTEGER NOT NULL,
  PRIMARY KEY (account_id, month)
);
CREATE TABLE restorations (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  payment_external_id TEXT NOT NULL,
  paid_in_full_at INTEGER NOT NULL,
  restore_by INTEGER NOT NULL,
  latest_by INTEGER NOT NULL,
  restored_at INTEGER,
  flagged_at INTEGER,
  breached_at INTEGER
);
CREATE INDEX restorations_open ON restorations(paid_in_full_at) WHERE restored_at IS NULL;
CREATE TABLE plan_changes (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  ordered_at INTEGER NOT NULL,
  applied_at INTEGER,
  data TEXT NOT NULL
);
CREATE INDEX plan_changes_account ON plan_changes(account_id, ordered_at);
CREATE INDEX plan_changes_due ON plan_changes(effective_date) WHERE applied_at IS NULL;
CREATE TABLE refusals (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  termination_date TEXT NOT NULL,
  ordered_at INTEGER NOT NULL,
  applied_at INTEGER,
  data TEXT NOT NULL
);
CREATE INDEX refusals_account ON refusals(account_id, ordered_at);
CREATE INDEX refusals_due ON refusals(termination_date) WHERE applied_at IS NULL;
`,
};

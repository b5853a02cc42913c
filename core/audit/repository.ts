/** @module The audit-log port. Both stores (SQLite, MongoDB) implement it. */
import type { AuditEntry, AuditFilter } from './model.ts';

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}

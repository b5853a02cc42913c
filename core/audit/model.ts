/** @module One line of the audit log, and how the console filters the log. */
export interface AuditEntry {
  id: string;
  at: Date;
  actorType: 'user' | 'subscriber' | 'system';
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  before?: Date;
}

/**
 * @module The campaign module's rows, typed once: for each stored noun, every field of the model → its SQLite column
 * and how the value is kept. Both adapters derive from these maps (SQLite: inserts, updates and row reading; MongoDB:
 * documents and the export/import column map), and a `Columns<T>` must name every field of `T`, so a field added to
 * the model but not here is a compile error instead of a value one store silently drops.
 */
import type {
  CallAttempt, CallListImport, Campaign, Contact, DoNotCallEntry, ImportIssue, QuotaCounter, Questionnaire, SurveyDelivery,
  SurveyOptOut, SurveyResponse,
} from '../campaigns/model.ts';
import type { Column, ColumnKind } from './mongo/collection.ts';

/** Every field of `T` → [SQLite column, kind]. `plain` = text or number as is, `bool` 0/1, `date` epoch ms, `json` text. */
export type Columns<T> = { readonly [K in keyof T]-?: readonly [column: string, kind: ColumnKind] };

export const QUESTIONNAIRE_COLUMNS: Columns<Questionnaire> = {
  id: ['id', 'plain'], familyId: ['family_id', 'plain'], version: ['version', 'plain'], name: ['name', 'plain'],
  greeting: ['greeting', 'json'], closing: ['closing', 'json'], questions: ['questions', 'json'], frozenAt: ['frozen_at', 'date'],
  createdBy: ['created_by', 'plain'], createdAt: ['created_at', 'date'], updatedAt: ['updated_at', 'date'], revision: ['revision', 'plain'],
};

export const CAMPAIGN_COLUMNS: Columns<Campaign> = {
  id: ['id', 'plain'], name: ['name', 'plain'], questionnaireId: ['questionnaire_id', 'plain'], mode: ['mode', 'plain'],
  state: ['state', 'plain'], startAt: ['start_at', 'date'], endAt: ['end_at', 'date'], callingHours: ['calling_hours', 'json'],
  retry: ['retry', 'json'], agentIds: ['agent_ids', 'json'], createdBy: ['created_by', 'plain'], createdAt: ['created_at', 'date'],
  launchedBy: ['launched_by', 'plain'], launchedAt: ['launched_at', 'date'], updatedAt: ['updated_at', 'date'], revision: ['revision', 'plain'],
};

export const CONTACT_COLUMNS: Columns<Contact> = {
  id: ['id', 'plain'], campaignId: ['campaign_id', 'plain'], phone: ['phone', 'plain'], name: ['name', 'plain'],
  accountNumber: ['account_number', 'plain'], region: ['region', 'plain'], language: ['language', 'plain'], tags: ['tags', 'json'],
  subscriberId: ['subscriber_id', 'plain'], utcOffsetMinutes: ['utc_offset_minutes', 'plain'], state: ['state', 'plain'],
  priority: ['priority', 'plain'], dueAt: ['due_at', 'date'], reservedFor: ['reserved_for', 'plain'], attempts: ['attempts', 'plain'],
  lastOutcome: ['last_outcome', 'plain'], lastAttemptAt: ['last_attempt_at', 'date'], claimId: ['claim_id', 'plain'],
  claimedBy: ['claimed_by', 'plain'], leaseUntil: ['lease_until', 'date'], quotaPeriod: ['quota_period', 'plain'],
  excludedReason: ['excluded_reason', 'plain'], importId: ['import_id', 'plain'], line: ['line', 'plain'],
  createdAt: ['created_at', 'date'], updatedAt: ['updated_at', 'date'], closedAt: ['closed_at', 'date'],
};

export const ATTEMPT_COLUMNS: Columns<CallAttempt> = {
  id: ['id', 'plain'], campaignId: ['campaign_id', 'plain'], contactId: ['contact_id', 'plain'], agentId: ['agent_id', 'plain'],
  claimedAt: ['claimed_at', 'date'], endedAt: ['ended_at', 'date'], outcome: ['outcome', 'plain'], callbackAt: ['callback_at', 'date'],
  callbackAgentId: ['callback_agent_id', 'plain'], note: ['note', 'plain'], effective: ['effective', 'bool'],
  quotaPeriod: ['quota_period', 'plain'],
};

export const RESPONSE_COLUMNS: Columns<SurveyResponse> = {
  contactId: ['contact_id', 'plain'], campaignId: ['campaign_id', 'plain'], questionnaireId: ['questionnaire_id', 'plain'],
  channel: ['channel', 'plain'], agentId: ['agent_id', 'plain'], language: ['language', 'plain'], answers: ['answers', 'json'],
  complete: ['complete', 'bool'], updatedAt: ['updated_at', 'date'], completedAt: ['completed_at', 'date'],
};

export const IMPORT_COLUMNS: Columns<CallListImport> = {
  id: ['id', 'plain'], campaignId: ['campaign_id', 'plain'], source: ['source', 'plain'], fileName: ['file_name', 'plain'],
  format: ['format', 'plain'], encoding: ['encoding', 'plain'], bytes: ['bytes', 'plain'], segment: ['segment', 'json'],
  status: ['status', 'plain'], error: ['error', 'json'], totalRows: ['total_rows', 'plain'], checkedRows: ['checked_rows', 'plain'],
  processedRows: ['processed_rows', 'plain'], imported: ['imported', 'plain'], merged: ['merged', 'plain'], rejected: ['rejected', 'plain'],
  warnings: ['warnings', 'plain'], createdBy: ['created_by', 'plain'], createdAt: ['created_at', 'date'], updatedAt: ['updated_at', 'date'],
  finishedAt: ['finished_at', 'date'],
};

/** An issue's key is its line and column, so the same report line is never stored twice. */
export type StoredIssue = ImportIssue & { id: string };

export const ISSUE_COLUMNS: Columns<StoredIssue> = {
  id: ['id', 'plain'], importId: ['import_id', 'plain'], line: ['line', 'plain'], column: ['column_name', 'plain'],
  reason: ['reason', 'plain'], outcome: ['outcome', 'plain'], value: ['value', 'plain'], mergedIntoLine: ['merged_into_line', 'plain'],
};

/** `importId:0000042:phone` — sorts by line within an import. */
export const issueId = (i: ImportIssue): string => `${i.importId}:${String(i.line).padStart(9, '0')}:${i.column ?? ''}`;

export const DNC_COLUMNS: Columns<DoNotCallEntry> = {
  phone: ['phone', 'plain'], source: ['source', 'plain'], note: ['note', 'plain'], addedBy: ['added_by', 'plain'],
  campaignId: ['campaign_id', 'plain'], addedAt: ['added_at', 'date'],
};

/** The export/import column map of a MongoDB collection built from a `Columns<T>`: the key field becomes `_id`. */
export function specColumns<T>(map: Columns<T>, key: keyof T & string): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const [field, [column, kind]] of Object.entries(map) as Array<[string, readonly [string, ColumnKind]]>) {
    out[column] = { field: field === key ? '_id' : field, kind };
  }
  return out;
}

export const QUOTA_COLUMNS: Columns<QuotaCounter> = { period: ['period', 'plain'], used: ['used', 'plain'], taken: ['taken', 'plain'] };

/** One threshold crossed in one period (`period:threshold`). */
export interface QuotaAlertRow {
  id: string;
  period: string;
  threshold: number;
  at: Date;
}

export const QUOTA_ALERT_COLUMNS: Columns<QuotaAlertRow> = {
  id: ['id', 'plain'], period: ['period', 'plain'], threshold: ['threshold', 'plain'], at: ['at', 'date'],
};

/** A slice (≤ 1 MiB) of an uploaded call-list file, base64, kept until the import ends. */
export interface ImportChunkRow {
  id: string;
  importId: string;
  seq: number;
  data: string;
}

export const CHUNK_COLUMNS: Columns<ImportChunkRow> = {
  id: ['id', 'plain'], importId: ['import_id', 'plain'], seq: ['seq', 'plain'], data: ['data', 'plain'],
};

export const DELIVERY_COLUMNS: Columns<SurveyDelivery> = {
  id: ['id', 'plain'], campaignId: ['campaign_id', 'plain'], contactId: ['contact_id', 'plain'], subscriberId: ['subscriber_id', 'plain'],
  chatKey: ['chat_key', 'plain'], channel: ['channel', 'plain'], state: ['state', 'plain'], dueAt: ['due_at', 'date'],
  attempts: ['attempts', 'plain'], questionId: ['question_id', 'plain'], messageId: ['message_id', 'plain'], error: ['error', 'plain'],
  sentAt: ['sent_at', 'date'], answeredAt: ['answered_at', 'date'], createdAt: ['created_at', 'date'], updatedAt: ['updated_at', 'date'],
};

export const OPT_OUT_COLUMNS: Columns<SurveyOptOut> = {
  subscriberId: ['subscriber_id', 'plain'], campaignId: ['campaign_id', 'plain'], at: ['at', 'date'],
};

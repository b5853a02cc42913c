/**
 * @module The reports module's rows, typed once (as core/store/campaign-columns.ts does for campaigns): every field of
 * a contact, a status span and a stored report → its SQLite column and kind. Both adapters derive from these maps.
 */
import type { AgentStatusSpan, ChatContact } from '../reports/model.ts';
import type { Columns } from './campaign-columns.ts';

export const CHAT_CONTACT_COLUMNS: Columns<ChatContact> = {
  id: ['id', 'plain'], chatKey: ['chat_key', 'plain'], channel: ['channel', 'plain'], language: ['language', 'plain'],
  startedAt: ['started_at', 'date'], lastActivityAt: ['last_activity_at', 'date'], type: ['type', 'plain'],
  ticketId: ['ticket_id', 'plain'], handedOffAt: ['handed_off_at', 'date'], answerBy: ['answer_by', 'date'],
  answeredAt: ['answered_at', 'date'], agentId: ['agent_id', 'plain'], leftAt: ['left_at', 'date'], endedAt: ['ended_at', 'date'],
};

export const STATUS_SPAN_COLUMNS: Columns<AgentStatusSpan> = {
  id: ['id', 'plain'], userId: ['user_id', 'plain'], status: ['status', 'plain'], reason: ['reason', 'plain'],
  since: ['since', 'date'], until: ['until', 'date'], setBy: ['set_by', 'plain'],
};

/** A stored report as a row: the report itself is kept as JSON. */
export interface StoredReportRow {
  month: string;
  generatedAt: Date;
  report: unknown;
}

export const REPORT_COLUMNS: Columns<StoredReportRow> = {
  month: ['month', 'plain'], generatedAt: ['generated_at', 'date'], report: ['report', 'json'],
};

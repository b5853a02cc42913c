/**
 * @module The nouns of call-list imports: an import's status and counters, the segment filter it may take
 * subscribers by, a file-level refusal, and the lines of the validation report.
 */
import type { AccountStatus } from '../accounts/status.ts';
import type { ChannelName } from '../chats/model.ts';
import type { Language } from '../i18n/model.ts';
import type { CustomerCategory } from '../subscribers/model.ts';

export const IMPORT_STATUSES = ['queued', 'checking', 'importing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Who to take from the subscribers in the store; an empty list means "any". */
export interface SegmentFilter {
  regions: string[];
  planIds: string[];
  statuses: AccountStatus[];
  categories: CustomerCategory[];
  /** Subscribers with a linked chat on one of these channels. */
  channels: ChannelName[];
  languages: Language[];
}

/** A file-level refusal (nothing was imported): an i18n key in `campaigns:` and its parameters. */
export interface ImportError {
  reason: string;
  params: Record<string, string | number>;
}

export interface CallListImport {
  id: string;
  campaignId: string;
  source: 'file' | 'segment';
  fileName: string | null;
  format: 'csv' | 'xlsx' | null;
  /** The encoding asked for ('auto', 'utf-8', 'windows-1251') and, once read, the one used. */
  encoding: string | null;
  bytes: number;
  segment: SegmentFilter | null;
  status: ImportStatus;
  error: ImportError | null;
  /** Data rows in the file (known after the check pass). */
  totalRows: number;
  /** Rows read by the check pass so far. */
  checkedRows: number;
  /** Rows applied: the checkpoint a resumed import continues from. */
  processedRows: number;
  imported: number;
  merged: number;
  rejected: number;
  warnings: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export const ISSUE_REASONS = [
  'missing_phone', 'bad_phone', 'formula', 'too_long', 'do_not_call', 'opted_out', 'over_limit', 'duplicate',
  'unknown_language', 'bad_account', 'too_many_tags',
] as const;
export type IssueReason = (typeof ISSUE_REASONS)[number];

/** rejected: the row was not imported · merged: into an earlier row or contact · warning: imported, the value dropped. */
export type IssueOutcome = 'rejected' | 'merged' | 'warning';

/** One line of the validation report. */
export interface ImportIssue {
  importId: string;
  line: number;
  /** The field at fault (phone, name, account, region, language, tags), or null for the whole row. */
  column: string | null;
  reason: IssueReason;
  outcome: IssueOutcome;
  /** The value as read (shortened), for the report. */
  value: string | null;
  /** For a duplicate: the line it was merged into (null when it matched a contact of an earlier import). */
  mergedIntoLine: number | null;
}

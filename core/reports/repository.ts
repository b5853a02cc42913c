/**
 * @module The store ports the reports module needs: contacts (chat conversations), agents' work statuses, the
 * stored monthly reports, and a read of the tickets in a period. Each store implements them (the SQLite and
 * MongoDB adapters' reports.ts); the report's arithmetic stays in core, the stores only read and write.
 */
import type { AgentStatus, AgentStatusSpan, ChatContact, ReportTicket, StoredReport } from './model.ts';

export type ContactPatch = Partial<Omit<ChatContact, 'id' | 'chatKey' | 'channel' | 'startedAt'>>;

export interface ChatContactRepository {
  create(contact: ChatContact): Promise<void>;
  get(id: string): Promise<ChatContact | null>;
  /** The chat's newest contact (the one a message continues, if it is still going). */
  latestForChat(chatKey: string): Promise<ChatContact | null>;
  /** The newest contact handed off into this ticket. */
  latestForTicket(ticketId: string): Promise<ChatContact | null>;
  /** Applies the fields; `onlyIfUnset` fields are written only where still null (a first answer stays the first). */
  update(id: string, patch: ContactPatch, onlyIfUnset?: Array<keyof ChatContact>): Promise<void>;
  /** Contacts started in `[from, to)`, by start then id, after the keyset `after`, at most `limit`. */
  scan(from: Date, to: Date, after: { startedAt: Date; id: string } | null, limit: number): Promise<ChatContact[]>;
  /** Contacts handed off at or after `since` and not answered (the live view's queue), oldest hand-off first. */
  waiting(since: Date, limit: number): Promise<ChatContact[]>;
}

export interface AgentStatusRepository {
  /**
   * Makes `span` the user's current status: the open span (if any) ends at `span.since`, atomically, so one user
   * never has two current statuses. Returns the span that ended, or null.
   */
  set(span: AgentStatusSpan): Promise<AgentStatusSpan | null>;
  /** The user's current (open) span. */
  current(userId: string): Promise<AgentStatusSpan | null>;
  /** Every user's current span. */
  listCurrent(): Promise<AgentStatusSpan[]>;
  /** Spans overlapping `[from, to)`, oldest first. */
  overlapping(from: Date, to: Date): Promise<AgentStatusSpan[]>;
}

export interface MonthlyReportRepository {
  /** Stores (or replaces) the month's report. */
  save(report: StoredReport): Promise<void>;
  get(month: string): Promise<StoredReport | null>;
  /** Months with a stored report, newest first, with when each was generated. */
  list(limit: number): Promise<Array<{ month: string; generatedAt: Date }>>;
}

/** The tickets of a period as the report reads them (tickets and their callback SLA). */
export interface ReportTicketSource {
  /** Tickets registered in `[from, to)`, by registration then number, after the keyset `after`, at most `limit`. */
  scan(from: Date, to: Date, after: { createdAt: Date; number: number } | null, limit: number): Promise<ReportTicket[]>;
  /** Active tickets whose callback is due in `[from, to)` and not yet recorded, soonest first, at most `limit`. */
  dueCallbacks(from: Date, to: Date, limit: number): Promise<ReportTicket[]>;
}

export type { AgentStatus };

/** The reports module's repositories, as the Store aggregate carries them. */
export interface ReportRepositories {
  chatContacts: ChatContactRepository;
  agentStatuses: AgentStatusRepository;
  monthlyReports: MonthlyReportRepository;
  reportTickets: ReportTicketSource;
}

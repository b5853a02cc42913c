/** @module The store port of the retention jobs (core/retention): ticket transcripts and personal data past their time. */

export interface RetentionRepository {
  /**
   * Deletes up to `limit` ticket messages written before `before`, of tickets no longer active (resolved or closed:
   * an agent still working a ticket keeps its whole transcript); returns how many went.
   */
  deleteTicketMessagesBefore(before: Date, limit: number): Promise<number>;
  /**
   * Subscribers (ids, at most `limit`, after `afterId`) whose contract ended before `endedBefore`: every account
   * closed with nothing owed either way or archived (seed 001 statuses 3–4; not 7–10, where a debt or a credit is
   * still being settled), each closed before that date; erased ones are left out.
   */
  listEndedBefore(endedBefore: Date, limit: number, afterId?: string): Promise<string[]>;
  /**
   * Erases a subscriber's personal data, all at once: name, phone (a placeholder `erased:<id>` keeps the number
   * unique) and IIN; account addresses; their chats unlinked; their tickets' phone, comment and messages; their signed
   * applications' phone, text and payload. The ids stay, so accounts, the audit log and reports still add up.
   */
  erasePersonalData(subscriberId: string): Promise<void>;
}

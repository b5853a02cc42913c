/**
 * @module The conversation log (Chatwoot's Message of a Conversation, before it is a ticket): every message a chat
 * received from the subscriber and every message the bot or an agent sent to it, so agents see what was said before
 * a hand-off. Kept 3 months (PRODUCT.md "Transcript retention"; seed 003 cl. 26).
 */

/** `in`: from the subscriber; `out`: to the subscriber (the bot, a notification, an agent's reply). */
export type ConversationDirection = 'in' | 'out';

export interface ConversationMessage {
  id: string;
  /** The chat, `channel:externalId`. */
  chatKey: string;
  direction: ConversationDirection;
  /** Plain text as the subscriber typed or saw it (a pressed button's label; a one-time code masked). Untrusted. */
  text: string;
  at: Date;
}

/** How long chat transcripts are kept (PRODUCT.md defaults table: 3 months). */
export const TRANSCRIPT_RETENTION_MONTHS = 3;

/**
 * The moment before which chat messages are deleted: `now` minus the retention months (calendar months, UTC).
 * @example retentionCutoff(new Date('2026-06-15T00:00:00Z')) // 2026-03-15T00:00:00Z
 */
export function retentionCutoff(now: Date, months = TRANSCRIPT_RETENTION_MONTHS): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

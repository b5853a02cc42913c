/**
 * @module The conversation log (Chatwoot's Message of a Conversation, before it is a ticket): every message a chat
 * received from the subscriber and every message the bot or an agent sent to it, so agents see what was said before
 * a hand-off. Kept for the transcript retention period (core/retention: TRANSCRIPT_RETENTION_MONTHS, 3 by default; seed 003 cl. 26).
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

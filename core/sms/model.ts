/** @module An outgoing SMS: the outbox page and the delivery log in one. */
export type SmsStatus = 'queued' | 'sent' | 'failed';

/** An outgoing SMS: the outbox page and the delivery log in one. */
export interface SmsMessage {
  id: string;
  /** E.164 recipient. */
  to: string;
  /** The text. For real providers the code digits are masked once the message is sent or has failed. */
  text: string;
  /** What the SMS is for, e.g. 'verify' or 'sign'. */
  purpose: string;
  /** The chat that asked for it, so a permanent failure can be explained there. */
  chatKey: string | null;
  provider: string;
  status: SmsStatus;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** After this time delivery is pointless (the code inside has expired); no retries past it. */
  expiresAt: Date | null;
  /** When the next delivery attempt is due while queued after a transient failure. */
  nextAttemptAt: Date | null;
}

export interface SmsListFilter {
  status?: SmsStatus;
  /** Only messages to this number (E.164). */
  to?: string;
  /** Newest first, strictly before this time (paging). */
  before?: Date;
  limit?: number;
}

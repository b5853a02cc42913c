/** @module The SMS outbox port. Both stores (SQLite, MongoDB) implement it. */
import type { SmsListFilter, SmsMessage } from './model.ts';

export interface SmsOutboxRepository {
  add(message: SmsMessage): Promise<void>;
  get(id: string): Promise<SmsMessage | null>;
  /** Newest first; the console's SMS page. */
  list(filter?: SmsListFilter): Promise<SmsMessage[]>;
  /**
   * Takes a queued message for one delivery attempt: only if it is queued, due (`nextAttemptAt` passed or unset) and
   * not held by another attempt. Counts the attempt and holds it for `leaseMs`. Null when not claimable.
   */
  claim(id: string, now: Date, leaseMs: number): Promise<SmsMessage | null>;
  /** Delivered (or stored in the outbox). `text` replaces the stored text (codes masked for real providers). */
  markSent(id: string, at: Date, providerMessageId: string | null, text: string): Promise<void>;
  /** Failed for good; visible in the console with the error. */
  markFailed(id: string, at: Date, error: string, text: string): Promise<void>;
  /** Gives a claimed message back after a transient failure; the next attempt is due at `retryAt`. */
  release(id: string, at: Date, error: string, retryAt: Date): Promise<void>;
}

/** @module The store port of the channel outbox (core/outbox): queue, read in order, mark what went. */
import type { ChannelName } from '../chats/model.ts';
import type { NewOutboxEntry, OutboxEntry } from './model.ts';

export interface OutboxRepository {
  /** Queues messages for a chat; returns the entry with its place in the queue. */
  enqueue(entry: NewOutboxEntry): Promise<OutboxEntry>;
  /** Entries of this channel neither sent nor failed, in queue order, at most `limit`. */
  pending(channel: ChannelName, limit: number): Promise<OutboxEntry[]>;
  /** Marks an entry sent with the channel's ids; false when it was already sent or failed. */
  markSent(id: string, at: Date, externalIds: string[]): Promise<boolean>;
  /** Marks an entry failed for good (the channel refused it), with why; false when already marked. */
  markFailed(id: string, at: Date, error: string): Promise<boolean>;
  get(id: string): Promise<OutboxEntry | null>;
  /** Deletes entries sent or failed before `before`, at most `limit`; returns how many went. */
  purge(before: Date, limit: number): Promise<number>;
}

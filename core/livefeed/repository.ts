/** @module The store port of the live feed (core/livefeed): append events, read them after a place, forget old ones. */
import type { FeedEvent } from './model.ts';

export interface EventFeedRepository {
  /** Appends an event; the store gives it the next place (`seq`). */
  append(event: Omit<FeedEvent, 'seq'>): Promise<void>;
  /** Events with `seq` greater than `after`, in order, at most `limit`. */
  after(after: number, limit: number): Promise<FeedEvent[]>;
  /** The greatest `seq` so far (0 when empty): where a starting instance begins to read. */
  lastSeq(): Promise<number>;
  /** Deletes events older than `before`, at most `limit`; returns how many went. */
  purge(before: Date, limit: number): Promise<number>;
}

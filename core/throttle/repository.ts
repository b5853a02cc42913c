/** @module The store port throttling needs: append hits, read a key's recent ones, forget a key, purge old ones. */
import type { ThrottleHit } from './model.ts';

export interface ThrottleRepository {
  /** Records one hit. */
  hit(hit: ThrottleHit): Promise<void>;
  /** When the key's hits at or after `since` happened, oldest first (all of them: windows hold few hits). */
  times(scope: string, key: string, since: Date): Promise<Date[]>;
  /** The distinct values of the key's hits at or after `since`, sorted. */
  distinctValues(scope: string, key: string, since: Date): Promise<string[]>;
  /** Forgets every hit of the key (a successful sign-in clears that client's failures). */
  clear(scope: string, key: string): Promise<void>;
  /** Deletes hits that expired before `now`, at most `limit`; returns how many went. */
  purge(now: Date, limit: number): Promise<number>;
}

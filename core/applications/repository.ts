/** @module The signed-applications port. Both stores (SQLite, MongoDB) implement it. */
import type { Application, ApplicationKind } from './model.ts';

export interface ApplicationRepository {
  /** Stores a signed application; a second one for the same challenge is refused (throws). */
  add(application: Application): Promise<void>;
  get(id: string): Promise<Application | null>;
  /** Newest first. */
  listBySubscriber(subscriberId: string): Promise<Application[]>;
  /** Marks the application carried out (ordered, or refused by billing, and told); true only for the first call. */
  markDone(id: string, at: Date): Promise<boolean>;
  /** Applications of these kinds signed at or before `signedBefore` and not marked done, oldest first. */
  listUndone(kinds: readonly ApplicationKind[], signedBefore: Date, limit: number): Promise<Application[]>;
}

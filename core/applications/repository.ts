/** @module The signed-applications port. Both stores (SQLite, MongoDB) implement it. */
import type { Application } from './model.ts';

export interface ApplicationRepository {
  /** Stores a signed application; a second one for the same challenge is refused (throws). */
  add(application: Application): Promise<void>;
  get(id: string): Promise<Application | null>;
  /** Newest first. */
  listBySubscriber(subscriberId: string): Promise<Application[]>;
}

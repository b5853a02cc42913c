/** @module The store port of web-chat sessions. */
import type { WebChatSession } from './model.ts';

export interface WebChatSessionRepository {
  create(session: WebChatSession): Promise<void>;
  /** The session with this token hash, unless it expired at `now`. */
  find(tokenHash: string, now: Date): Promise<WebChatSession | null>;
  /** Removes every session of the chat except the one with `keepTokenHash`; returns how many went. */
  revokeOthers(externalId: string, keepTokenHash: string): Promise<number>;
  /** Deletes sessions that expired before `now`, at most `limit`; returns how many went. */
  purge(now: Date, limit: number): Promise<number>;
}

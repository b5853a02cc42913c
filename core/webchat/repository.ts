/** @module The store ports of the web chat: its sessions, and each chat's recent messages. */
import type { WebChatHistory, WebChatMessage, WebChatSession } from './model.ts';

export interface WebChatSessionRepository {
  create(session: WebChatSession): Promise<void>;
  /** The session with this token hash, unless it expired at `now`. */
  find(tokenHash: string, now: Date): Promise<WebChatSession | null>;
  /** Removes every session of the chat except the one with `keepTokenHash`; returns how many went. */
  revokeOthers(externalId: string, keepTokenHash: string): Promise<number>;
  /** Deletes sessions that expired before `now`, at most `limit`; returns how many went. */
  purge(now: Date, limit: number): Promise<number>;
}

export interface WebChatMessageRepository {
  /** The chat's kept messages and their revision, or null when it has none yet. */
  read(externalId: string): Promise<WebChatHistory | null>;
  /**
   * Replaces the chat's messages, only if they are still at `expectedRev` (0: the chat has none yet); the revision
   * becomes `expectedRev + 1`. False when another write came first: read again and redo.
   */
  write(externalId: string, messages: WebChatMessage[], expectedRev: number, at: Date): Promise<boolean>;
  /**
   * Retention (TRANSCRIPT_RETENTION_MONTHS): drops every message shown before `before` from at most `limit` chats
   * (a chat left with none goes), raising their revision; returns how many chats changed.
   */
  deleteBefore(before: Date, limit: number): Promise<number>;
}

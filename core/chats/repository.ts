/**
 * @module The chats port: chat addresses and their dialog sessions. Both stores (SQLite,
 * MongoDB) implement it.
 */
import type { Chat, DialogSession } from './model.ts';
import type { Language } from '../i18n/model.ts';

export interface ChatRepository {
  /** Returns the chat, creating it on first contact; its `lastSeenAt` is then `at`, or within `LAST_SEEN_RESOLUTION_MS` of it. */
  touch(channel: Chat['channel'], externalId: string, at: Date): Promise<Chat>;
  get(key: string): Promise<Chat | null>;
  setLanguage(key: string, language: Language): Promise<void>;
  link(key: string, link: { subscriberId: string; phone: string; linkedAt: Date; expiresAt: Date }): Promise<void>;
  unlink(key: string): Promise<void>;
  listBySubscriber(subscriberId: string): Promise<Chat[]>;
}

export interface DialogSessionRepository {
  read(key: string): Promise<DialogSession | null>;
  /**
   * Writes the state if the stored version is still `expectedVersion` (0 for a new session).
   * Returns false on a lost race; the caller re-reads and retries.
   */
  write(key: string, state: unknown, expectedVersion: number, at: Date): Promise<boolean>;
  delete(key: string): Promise<void>;
  count(): Promise<number>;
}

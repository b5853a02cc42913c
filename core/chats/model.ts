/** @module A chat address on a channel, and the conversation engine's saved state for it. */
import type { Language } from '../i18n/model.ts';

export type ChannelName = 'telegram' | 'whatsapp' | 'webchat';

/** A chat address (Chatwoot's ContactInbox): one per channel + external chat id. */
export interface Chat {
  /** `${channel}:${externalId}` */
  key: string;
  channel: ChannelName;
  externalId: string;
  language: Language | null;
  subscriberId: string | null;
  linkedAt: Date | null;
  linkExpiresAt: Date | null;
  /** Phone number the chat was verified with (E.164). */
  linkedPhone: string | null;
  createdAt: Date;
  /** The chat's latest contact, to within `LAST_SEEN_RESOLUTION_MS` (it only orders a subscriber's chats). */
  lastSeenAt: Date;
}

/**
 * How far behind a chat's `lastSeenAt` may be. A store may skip refreshing it while it is newer than this: the
 * embedded store then answers a chat's every step in a conversation with one read instead of a write and a read, and
 * the chat's page is not rewritten at each commit (issue 21).
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Persisted conversation-engine state for one chat. `version` guards against lost updates. */
export interface DialogSession {
  key: string;
  state: unknown;
  version: number;
  updatedAt: Date;
}

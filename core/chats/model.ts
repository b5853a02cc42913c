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
  lastSeenAt: Date;
}

/** Persisted conversation-engine state for one chat. `version` guards against lost updates. */
export interface DialogSession {
  key: string;
  state: unknown;
  version: number;
  updatedAt: Date;
}

/** @module The nouns of the channel outbox: messages for a chat whose channel another instance holds (issue 20 item 15). */
import type { ChannelName } from '../chats/model.ts';

/**
 * Messages for one chat, queued by the instance that produced them (an agent's reply typed on instance 2, a receipt
 * of a callback instance 2 took) for the instance that holds the chat's channel (the WhatsApp session, Telegram's
 * polling) to send. `deliveries` is the engine's outbound as it would have gone out there (menu tokens included).
 */
export interface OutboxEntry {
  id: string;
  /** Enqueue order, increasing: entries go out in this order. */
  seq: number;
  channel: ChannelName;
  chatKey: string;
  externalId: string;
  deliveries: Array<Record<string, unknown>>;
  /** What the sender reports back once it went (e.g. `ticket-message:<id>`, so the reply's delivery is recorded). */
  tag: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  error: string | null;
  /** The channel's ids of what was sent. */
  externalIds: string[];
}

export type NewOutboxEntry = Pick<OutboxEntry, 'id' | 'channel' | 'chatKey' | 'externalId' | 'deliveries' | 'tag' | 'createdAt'>;

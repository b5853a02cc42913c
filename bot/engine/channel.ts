/**
 * @module The one small interface every channel adapter implements (bot/telegram, bot/webchat, bot/whatsapp).
 * An adapter translates its transport's updates into `Inbound` envelopes for the runner, and `Delivery` lists
 * back into its transport's messages. Long-lived sessions (polling, browsers, SSE streams) stay inside it.
 */
import type { ChannelName } from '../../core/chats/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { ChannelCapabilities, Delivery, InboundEvent } from './types.ts';

/** One event as a channel hands it to the runner. */
export interface Inbound {
  /** The chat's id in the channel (Telegram chat id, web-chat session id, WhatsApp id). */
  externalId: string;
  event: InboundEvent;
  /** The transport's unique id for this update, when it has one; repeats are ignored (store.dedupe). */
  updateId?: string;
  /** The user's language as the channel reports it, if kk or ru. */
  localeHint?: Language | null;
  /**
   * Where the event came from, when the channel can tell (the web chat: the client's address, behind a trusted
   * proxy the forwarded one). One-time-code budgets are kept per address as well as per chat.
   */
  origin?: { address: string } | null;
}

/** How a send should be paced. */
export interface SendOptions {
  /**
   * A broadcast (a survey), not a reply: it takes the channel's pace only when no reply is waiting, so live
   * subscribers never wait behind it.
   */
  bulk?: boolean;
  /**
   * The language the messages are written in (a reply: the chat's as the step left it). A channel that shows it
   * (the web chat's page switches its own labels with it) takes it from here instead of reading the chat.
   */
  language?: Language;
}

export interface Channel {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  /** Translates one raw transport update; null when it is not for the bot (service messages, groups...). */
  toInbound(raw: unknown): Inbound | null;
  /**
   * Delivers messages to one chat, in order, and returns their external ids (one per message, in order).
   * Throws `ChannelSendError` when the transport refuses.
   */
  send(externalId: string, messages: Delivery[], options?: SendOptions): Promise<string[]>;
}

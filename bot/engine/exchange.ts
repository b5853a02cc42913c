/**
 * @module What the conversation runner tells and takes besides events: an `Exchange` (one inbound step or
 * notification, for the conversation log and the agents' live view), and the builders of notifications and
 * broadcasts written once and read in kk or ru; and what the runner is built from (`RunnerOptions`, `RunnerRepositories`).
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { Delivery, InboundEvent, OutboundMessage } from './types.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Chat } from '../../core/chats/model.ts';
import type { ChatRepository, DialogSessionRepository } from '../../core/chats/repository.ts';
import type { DedupeRepository } from '../../core/scheduler/repository.ts';
import type { SubscriberRepository } from '../../core/subscribers/repository.ts';
import type { DialogRegistry } from './registry.ts';
import type { Services } from './services.ts';

/** What happened in one exchange; listeners keep transcripts or forward to agents. Never log `text` fields. */
export interface Exchange {
  chatKey: string;
  subscriberId: string | null;
  inbound: InboundEvent | null;
  /** The inbound as a line of the conversation log (a button's label, a one-time code masked); null for notifications. */
  inboundText: string | null;
  outbound: Delivery[];
  /** When the inbound arrived (before the step ran), or when the notification was sent. */
  at: Date;
  /** The chat's language after the step. */
  language: Language;
  /** The dialogs the step went through (empty for notifications). */
  journeys: string[];
}

/**
 * Called with each exchange. A listener held before the reply (the conversation log) may give back how to take the
 * exchange back: the runner does when the step's state write lost a race and the step is run again.
 */
export type ExchangeListener = (exchange: Exchange) => void | Retract | Promise<void | Retract>;

/** Takes back what a listener kept of an exchange. */
export type Retract = () => Promise<void>;

/** Builds messages in the chat's language (notifications are written once and read in kk or ru). */
export type MessageBuilder = (t: Translate, language: Language) => OutboundMessage[];

/** A broadcast's messages, and the data of the dialog that takes the chat's answers (`owner`). */
export type BroadcastBuilder = (t: Translate, language: Language) => { messages: OutboundMessage[]; data: unknown };

export type BroadcastResult =
  | { kind: 'sent'; ids: string[]; language: Language }
  /** The chat is in the middle of a journey or handed off to a person: nothing sent. */
  | { kind: 'busy' }
  /** No such chat, or its channel is not attached here. */
  | { kind: 'unreachable' };

/** What the runner stores: repeated updates, the chats and their dialog state, and the subscribers' language. */
export interface RunnerRepositories {
  dedupe: DedupeRepository;
  chats: ChatRepository;
  dialogs: DialogSessionRepository;
  subscribers: SubscriberRepository;
}

export interface RunnerOptions {
  store: RunnerRepositories;
  clock: Clock;
  logger: Logger;
  registry: DialogRegistry;
  services: Services;
  /** Menu tokens; random by default. */
  newToken?: () => string;
  /** Where messages go for a chat whose channel another instance holds (bot/engine/outbox.ts); none: not sent. */
  outbox?: RunnerOutbox;
}

/** Queues messages for another instance's channel; [] when no instance holds that channel now. */
export interface RunnerOutbox {
  queue(chat: Chat, deliveries: Delivery[], tag: string | null): Promise<string[]>;
}

/** A journey left untouched this long no longer keeps a broadcast waiting (the subscriber walked away from it). */
export const JOURNEY_IDLE_MS = 30 * 60_000;

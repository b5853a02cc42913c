/**
 * @module The ticket aggregate (Chatwoot's Conversation as a work item): what agents work on, with its transcript,
 * status history, assignment and supervisor ratings. Seed 003 cl. 5, 16, 18 and the "Terms" table.
 */
import type { Language } from '../i18n/model.ts';

/** Request types of the contact-centre Service Desk (seed 003, "Terms": reference, complaint, technical, connection). */
export const TICKET_TYPES = ['reference', 'complaint', 'technical', 'connection'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Where the request came from (seed 003 cl. 19–20); `phone` for calls registered by an agent. */
export const TICKET_CHANNELS = ['telegram', 'whatsapp', 'webchat', 'phone'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_STATUSES = ['open', 'in_progress', 'escalated', 'callback_done', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which the ticket still needs work; the agents' queues show only these. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'escalated', 'callback_done'];

export const isActiveStatus = (status: TicketStatus): boolean => ACTIVE_STATUSES.includes(status);

/** First line (agents) or second line (technical support), seed 003 cl. 5. */
export type SupportLine = 1 | 2;

/** What the second-line agent's call achieved (seed 003 cl. 5). */
export const CALLBACK_OUTCOMES = ['reached', 'not_reached', 'solved', 'needs_visit'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface Ticket {
  id: string;
  /** Human-friendly number from an atomic counter; shown as T-000123 (see `formatTicketNumber`). */
  number: number;
  type: TicketType;
  channel: TicketChannel;
  status: TicketStatus;
  line: SupportLine;
  /** True while the subscriber's chat is handed to a person: their messages go to the transcript, not the bot. */
  handedOff: boolean;
  /** Set when the callback SLA was missed (seed 003 cl. 5); stays set for the record. */
  breached: boolean;
  subscriberId: string | null;
  accountId: string | null;
  /** The chat the request came from (`channel:externalId`); replies and notifications go there. */
  chatKey: string | null;
  /** Number to call back, E.164. */
  phone: string | null;
  language: Language;
  /** Region / branch (seed 003 cl. 29(1), cl. 34 "by the customer's branches"). */
  region: string | null;
  /** Service the request is about, e.g. `megaline`, `phone`. */
  service: string | null;
  /** Symptom chosen in the fault journey, e.g. `no_internet`. */
  symptom: string | null;
  /** Topic and result entered by the agent (seed 003 cl. 32). */
  topic: string | null;
  result: string | null;
  comment: string | null;
  assigneeId: string | null;
  /** When the callback is due (denormalised from TicketSla for the queue's countdown); null without an SLA. */
  callbackDueAt: Date | null;
  callbackOutcome: CallbackOutcome | null;
  /** The first time an agent took, replied to, escalated or resolved the ticket. */
  firstActionAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** Optimistic-concurrency version; every change increments it. */
  version: number;
}

/** Who did something to a ticket. */
export interface Actor {
  type: 'user' | 'subscriber' | 'system';
  id: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** One entry of the status history (also records hand-off and line changes). */
export interface StatusChange {
  ticketId: string;
  at: Date;
  from: TicketStatus | null;
  to: TicketStatus;
  actor: Actor;
  /** Short machine note, e.g. `escalate.auto`, `callback.not_reached`, `handoff.start`. */
  note: string | null;
}

// === Transcript

/** Chatwoot's message types: from the subscriber, to the subscriber, or an activity line about the ticket. */
export type MessageDirection = 'incoming' | 'outgoing' | 'activity';
export type MessageSender = 'subscriber' | 'agent' | 'bot' | 'system';
/** `none`: nothing to deliver (incoming, activity, private note, or no chat to deliver to). */
export type DeliveryStatus = 'none' | 'pending' | 'sent' | 'failed';

export interface TicketMessage {
  id: string;
  ticketId: string;
  direction: MessageDirection;
  sender: MessageSender;
  /** The agent's user id for agent messages, otherwise null. */
  senderId: string | null;
  /** Private notes are seen by agents only and never sent. */
  private: boolean;
  /** Plain text; untrusted when incoming (escape on output). For activity lines, an i18n key with `params`. */
  text: string;
  params: Record<string, unknown> | null;
  createdAt: Date;
  delivery: DeliveryStatus;
  /** The channel's id of the message (Chatwoot's source_id); guards against echo loops and double sends. */
  externalId: string | null;
  /** Why delivery failed, recorded instead of raised. */
  error: string | null;
}

// === Supervisor ratings (seed 003 cl. 34)

/** Criteria a supervisor rates an agent on, each 1–5 (seed 003 cl. 34: quality, correct registration, timeliness). */
export const RATING_CRITERIA = ['politeness', 'accuracy', 'registration', 'timeliness', 'resolution'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export interface TicketRating {
  id: string;
  ticketId: string;
  supervisorId: string;
  /** The agent being rated (usually the assignee). */
  agentId: string | null;
  scores: Record<RatingCriterion, number>;
  comment: string | null;
  createdAt: Date;
}

// === Queue queries for the console

export const QUEUES = ['mine', 'unassigned', 'second_line', 'breached', 'all'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface TicketQuery {
  queue: QueueName;
  /** The signed-in agent, for `mine`. */
  userId?: string;
  type?: TicketType;
  channel?: TicketChannel;
  region?: string;
  service?: string;
  /** Overrides the queue's default "active statuses only" (the `all` queue has no default). */
  status?: TicketStatus;
  /** Registered at or after. */
  from?: Date;
  /** Registered before. */
  to?: Date;
  /** A ticket number (`T-000123`, `123`) or a phone number in E.164. */
  number?: number;
  phone?: string;
  /** Only tickets of these subscribers (the console's search by a name or a personal-account number). */
  subscriberIds?: readonly string[];
  /** Opaque cursor from the previous page. */
  cursor?: string | null;
  limit: number;
}

/** Newest first (by number); `nextCursor` is null on the last page. */
export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

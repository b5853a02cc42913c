/**
 * @module The tickets port: tickets with their history, SLA and ratings, and their transcripts. Both stores (SQLite,
 * MongoDB) implement it.
 */
import type { SlaBreach, TicketSla } from '../sla/model.ts';
import type { StatusChange, Ticket, TicketMessage, TicketPage, TicketQuery, TicketRating } from './model.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { SettingsRepository } from '../settings/repository.ts';
import type { EscalationRepository } from '../sla/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';

/** Ticket fields a change may set (identity, number, channel and registration time never change). */
export type TicketPatch = Partial<Omit<Ticket, 'id' | 'number' | 'channel' | 'createdAt' | 'version'>>;

/** One atomic change of a ticket: its fields, plus optionally a history entry, its SLA and a breach record. */
export interface TicketChange {
  patch: TicketPatch;
  history?: StatusChange;
  sla?: Partial<Omit<TicketSla, 'ticketId'>>;
  breach?: SlaBreach;
}

export interface TicketRepository {
  /**
   * Stores a new ticket with the next number from an atomic counter (1, 2, 3 …), its first history entry
   * and its SLA, all at once. Returns the ticket as stored (number and version 1 set).
   */
  create(ticket: Omit<Ticket, 'number' | 'version'>, first: { history: StatusChange; sla: TicketSla | null }): Promise<Ticket>;
  get(id: string): Promise<Ticket | null>;
  getByNumber(number: number): Promise<Ticket | null>;
  /**
   * Applies the change if the stored version is still `expectedVersion`; returns the new ticket, or null when
   * someone changed it first (the caller re-reads and decides again). Everything in the change lands together.
   */
  change(id: string, expectedVersion: number, change: TicketChange): Promise<Ticket | null>;
  /** Oldest first. */
  history(id: string): Promise<StatusChange[]>;
  sla(id: string): Promise<TicketSla | null>;
  breaches(id: string): Promise<SlaBreach[]>;
  /** A console queue page, newest first, keyset-paged; cost grows with the page, not with the table. */
  queue(query: TicketQuery): Promise<TicketPage>;
  /** How many tickets the queue query matches (its cursor and limit ignored), counting at most `cap`. */
  countQueue(query: TicketQuery, cap: number): Promise<number>;
  /** The regions (branches) tickets were registered with, sorted, for the console's filter list. */
  regions(): Promise<string[]>;
  /** The subscriber's tickets, newest first (active ones only when `activeOnly`). */
  listBySubscriber(subscriberId: string, options: { activeOnly: boolean; limit: number }): Promise<Ticket[]>;
  /** The chat's newest tickets in any status, newest first (what else the chat talked about). */
  listByChat(chatKey: string, limit: number): Promise<Ticket[]>;
  /** The newest active ticket of this chat, if any (hand-off joins it). */
  findActiveByChat(chatKey: string): Promise<Ticket | null>;
  addRating(rating: TicketRating): Promise<void>;
  /** Oldest first. */
  ratings(id: string): Promise<TicketRating[]>;
  countActive(): Promise<number>;
}

export interface TicketMessageRepository {
  append(message: TicketMessage): Promise<void>;
  get(id: string): Promise<TicketMessage | null>;
  /** The transcript, oldest first; `after` continues from a message id. */
  list(ticketId: string, options?: { after?: string; limit?: number }): Promise<TicketMessage[]>;
  /** Records the outcome of sending an outgoing message (Chatwoot keeps failures on the message). */
  setDelivery(id: string, delivery: Pick<TicketMessage, 'delivery' | 'externalId' | 'error'>): Promise<TicketMessage | null>;
}

/** The repositories the ticket use cases work on. */
export interface TicketRepositories {
  subscribers: SubscriberRepository;
  accounts: AccountRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  tickets: TicketRepository;
  ticketMessages: TicketMessageRepository;
  escalations: EscalationRepository;
}

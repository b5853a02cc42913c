/**
 * @module The store port: one repository per aggregate. The SQLite store (default) and the MongoDB store
 * implement it; one contract test suite (test/store/) runs against both. Operations that must be atomic are
 * single repository methods, so neither implementation needs cross-repository transactions.
 */
import type {
  AuditEntry, AuditFilter, Chat, ConsoleSession, ConsoleUser, DialogSession, Job, Language,
  PersonalAccount, Subscriber,
} from './types.ts';
import type { AccountStatus } from '../accounts/status.ts';
import type { SlaBreach, TicketSla } from '../sla/model.ts';
import type {
  StatusChange, Ticket, TicketMessage, TicketPage, TicketQuery, TicketRating,
} from '../tickets/model.ts';

export interface SubscriberRepository {
  create(subscriber: Subscriber): Promise<void>;
  get(id: string): Promise<Subscriber | null>;
  findByPhone(phone: string): Promise<Subscriber | null>;
  setLanguage(id: string, language: Language): Promise<void>;
  setNotificationsMuted(id: string, muted: boolean): Promise<void>;
  count(): Promise<number>;
}

export interface AccountRepository {
  create(account: PersonalAccount): Promise<void>;
  get(id: string): Promise<PersonalAccount | null>;
  findByNumber(number: string): Promise<PersonalAccount | null>;
  listBySubscriber(subscriberId: string): Promise<PersonalAccount[]>;
  /** Changes the status only if it is still `from`; returns false when someone else moved it first. */
  transition(id: string, from: AccountStatus, to: AccountStatus, at: Date): Promise<boolean>;
  setPlan(id: string, planId: string): Promise<void>;
  setServices(id: string, services: string[]): Promise<void>;
  listByStatus(status: AccountStatus, limit: number, afterId?: string): Promise<PersonalAccount[]>;
}

export interface ChatRepository {
  /** Returns the chat, creating it on first contact. */
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

export interface UserRepository {
  create(user: ConsoleUser): Promise<void>;
  get(id: string): Promise<ConsoleUser | null>;
  findByEmail(email: string): Promise<ConsoleUser | null>;
  list(): Promise<ConsoleUser[]>;
  update(id: string, patch: Partial<Omit<ConsoleUser, 'id' | 'createdAt'>>): Promise<void>;
  count(): Promise<number>;
}

export interface ConsoleSessionRepository {
  create(session: ConsoleSession): Promise<void>;
  get(id: string, now: Date): Promise<ConsoleSession | null>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}

export interface JobRepository {
  /** Schedules (or re-schedules) the pending job with this key. */
  schedule(job: Omit<Job, 'attempts' | 'lastError'>): Promise<void>;
  /** Cancels the pending job with this key, if any. */
  cancel(key: string): Promise<void>;
  /**
   * Claims up to `limit` jobs due at `now` for `owner` for `leaseMs`. A claimed job is not handed out again
   * until its lease runs out, so two racing ticks never fire one job twice. Cost grows with the due jobs only.
   */
  claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<Job[]>;
  /** Marks a claimed job done; it is never handed out again. */
  complete(id: string, owner: string): Promise<void>;
  /** Gives a claimed job back with an error; it is retried at `retryAt`. */
  fail(id: string, owner: string, error: string, retryAt: Date): Promise<void>;
  getPending(key: string): Promise<Job | null>;
  countPending(): Promise<number>;
}

export interface LeaseRepository {
  /** Takes or renews the named lease for `owner`; false while another owner holds an unexpired one. */
  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  holder(name: string, now: Date): Promise<string | null>;
}

export interface DedupeRepository {
  /** True the first time (scope, id) is seen; false for every repeat. Used for update ids and callbacks. */
  firstTime(scope: string, id: string, at: Date): Promise<boolean>;
}

export interface SettingsRepository {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
}

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
  /** The subscriber's tickets, newest first (active ones only when `activeOnly`). */
  listBySubscriber(subscriberId: string, options: { activeOnly: boolean; limit: number }): Promise<Ticket[]>;
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

/**
 * Everything the product stores. Feature repositories (billing, verification, tickets, payments, SMS outbox)
 * are added here by their modules.
 */
export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  subscribers: SubscriberRepository;
  accounts: AccountRepository;
  chats: ChatRepository;
  dialogs: DialogSessionRepository;
  users: UserRepository;
  consoleSessions: ConsoleSessionRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  leases: LeaseRepository;
  dedupe: DedupeRepository;
  settings: SettingsRepository;
  tickets: TicketRepository;
  ticketMessages: TicketMessageRepository;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * @module The store port: one repository per aggregate. The SQLite store (default) and the MongoDB store
 * implement it; one contract test suite (test/store/) runs against both. Operations that must be atomic are
 * single repository methods, so neither implementation needs cross-repository transactions.
 */
import type {
  AuditEntry, AuditFilter, Chat, ConsoleSession, ConsoleUser, DialogSession, Job, Language,
  PersonalAccount, Subscriber,
} from './types.ts';
import type { Application, OtpChallenge, OtpPurpose, SmsListFilter, SmsMessage } from './types.ts';
import type { AccountStatus } from '../accounts/status.ts';
import type {
  Equipment, Invoice, LedgerPayment, Outage, Plan, PlanChangeOrder, RefusalOrder, Restoration,
} from '../billing/model.ts';
import type { Payment, PaymentProviderName, SettleOutcome, SettleResult } from '../payments/model.ts';
import type { Escalation, SlaBreach, TicketSla } from '../sla/model.ts';
import type { ConversationMessage } from '../conversations/model.ts';
import type { ThrottleRepository } from '../throttle/repository.ts';
import type { WebChatSessionRepository } from '../webchat/repository.ts';
import type { CampaignRepositories } from '../campaigns/repository.ts';
import type { ReportRepositories } from '../reports/repository.ts';
import type { InstalmentRepository } from '../instalments/repository.ts';
import type { RetentionRepository } from '../retention/repository.ts';
import type {
  StatusChange, Ticket, TicketMessage, TicketPage, TicketQuery, TicketRating,
} from '../tickets/model.ts';

export interface SubscriberRepository {
  create(subscriber: Subscriber): Promise<void>;
  get(id: string): Promise<Subscriber | null>;
  findByPhone(phone: string): Promise<Subscriber | null>;
  /**
   * Subscribers whose full name contains every word of `text`, in any letter case (Cyrillic included), by name;
   * at most `limit`. Reads every subscriber's name: for a search an agent runs, not for a hot path.
   */
  searchByName(text: string, limit: number): Promise<Subscriber[]>;
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

/** The conversation log of every chat (core/conversations): what the subscriber sent and what was sent back. */
export interface ConversationMessageRepository {
  append(message: ConversationMessage): Promise<void>;
  /**
   * The chat's messages with `from <= at <= to` (either bound optional), the newest `limit` of them, returned oldest
   * first in the order they were appended (messages of one moment keep their order).
   */
  listByChat(chatKey: string, options: { from?: Date; to?: Date; limit: number }): Promise<ConversationMessage[]>;
  /** Deletes messages older than `before` (retention), at most `limit` per call; returns how many went. */
  deleteBefore(before: Date, limit: number): Promise<number>;
}

/** Tickets moved to the supervisors after an SLA miss (STYLE 12). */
export interface EscalationRepository {
  /** Stores the escalation unless the ticket already has one for this reason; true when this call opened it. */
  open(escalation: Escalation): Promise<boolean>;
  /** Acknowledges an open escalation; false when it was already acknowledged or does not exist. */
  acknowledge(id: string, by: string, at: Date): Promise<boolean>;
  get(id: string): Promise<Escalation | null>;
  /** The ticket's escalations, oldest first. */
  forTicket(ticketId: string): Promise<Escalation[]>;
  /** Escalations nobody acknowledged yet, oldest first. */
  listOpen(limit: number): Promise<Escalation[]>;
}

export interface PaymentRepository {
  create(payment: Payment): Promise<void>;
  get(id: string): Promise<Payment | null>;
  findByGatewayId(provider: PaymentProviderName, gatewayPaymentId: string): Promise<Payment | null>;
  /** Records the gateway's transaction id and page URL of a payment still `created`. */
  attachGateway(id: string, gatewayPaymentId: string, url: string, at: Date): Promise<void>;
  /** `created` → `failed` (the gateway refused to create it); false if it was no longer `created`. */
  markFailed(id: string, reason: string, at: Date): Promise<boolean>;
  /**
   * Settles by the gateway's word, atomically: `created` → paid/declined, and `declined` → paid (a late success).
   * Never changes a paid payment, nor one bound to another gateway id; `changed` says whether this call did it.
   * Null when there is no such payment.
   */
  settle(id: string, outcome: SettleOutcome): Promise<SettleResult | null>;
  /** Marks a paid payment as registered in billing; true only for the first call. */
  markRegistered(id: string, at: Date): Promise<boolean>;
  /** Paid payments not yet marked registered in billing, oldest payment first (recovery after a crash). */
  listUnregistered(limit: number): Promise<Payment[]>;
  /** Newest first. */
  listByAccount(accountId: string, limit: number): Promise<Payment[]>;
}

/** The built-in billing ledger (core/billing): plans, invoices, payments and the orders that change an account. */
export interface BillingRepository {
  upsertPlan(plan: Plan): Promise<void>;
  /** In catalogue order. */
  listPlans(): Promise<Plan[]>;
  /** Inserts the invoice unless one with its id exists; true when inserted (issuing twice is harmless). */
  addInvoice(invoice: Invoice): Promise<boolean>;
  /** Oldest first (by issue time). */
  listInvoices(accountId: string): Promise<Invoice[]>;
  /**
   * Registers the entry once per `externalId`. The first call stores it (`created: true`); every repeat returns the
   * stored entry unchanged (`created: false`), whatever it carries.
   */
  addPayment(payment: LedgerPayment): Promise<{ created: boolean; payment: LedgerPayment }>;
  /** Oldest first (by paidAt). */
  listPayments(accountId: string): Promise<LedgerPayment[]>;
  addEquipment(item: Equipment): Promise<void>;
  listEquipment(accountId: string): Promise<Equipment[]>;
  /** Sets the incoming traffic (MB) used in a month (`YYYY-MM`). */
  setTraffic(accountId: string, month: string, incomingMb: number): Promise<void>;
  getTraffic(accountId: string, month: string): Promise<number>;
  /** Inserts unless one with this id exists; true when inserted. */
  addRestoration(restoration: Restoration): Promise<boolean>;
  getRestoration(id: string): Promise<Restoration | null>;
  /** Restorations not yet done, oldest first (all accounts when accountId is omitted). */
  listOpenRestorations(accountId?: string): Promise<Restoration[]>;
  /** Sets one of the time stamps if it is still empty; true when this call set it. */
  markRestoration(id: string, field: 'restoredAt' | 'flaggedAt' | 'breachedAt', at: Date): Promise<boolean>;
  addPlanChange(order: PlanChangeOrder): Promise<void>;
  /** Newest first. */
  listPlanChanges(accountId: string): Promise<PlanChangeOrder[]>;
  /** Not yet applied and effective on or before `date` (`YYYY-MM-DD`), oldest first. */
  listDuePlanChanges(date: string, limit: number): Promise<PlanChangeOrder[]>;
  /** Marks applied if not yet; true when this call did (so two workers never apply one order twice). */
  markPlanChangeApplied(id: string, at: Date): Promise<boolean>;
  addRefusal(order: RefusalOrder): Promise<void>;
  /** Newest first. */
  listRefusals(accountId: string): Promise<RefusalOrder[]>;
  listDueRefusals(date: string, limit: number): Promise<RefusalOrder[]>;
  markRefusalApplied(id: string, at: Date): Promise<boolean>;
}

/** Planned works and known accidents, for the fault journey's checks before a ticket. */
export interface OutageRepository {
  add(outage: Outage): Promise<void>;
  /** Outages in the region that have started and not ended at `at` (an unknown end counts as ongoing). */
  listActive(region: string, at: Date): Promise<Outage[]>;
  /** Newest first. */
  list(limit: number): Promise<Outage[]>;
  /** Sets the expected or actual end. */
  setEnd(id: string, endsAt: Date): Promise<void>;
}

// === Verification, SMS and signed applications (issue 4)

export interface OtpChallengeRepository {
  /** Stores a new challenge and, in the same step, closes the chat's other open challenges of the same purpose. */
  create(challenge: OtpChallenge): Promise<void>;
  get(id: string): Promise<OtpChallenge | null>;
  /** The newest challenge of this chat and purpose that has not been closed (it may be used up or expired). */
  latestOpen(chatKey: string, purpose: OtpPurpose): Promise<OtpChallenge | null>;
  /** How many challenges were issued for `phone` at or after `since` (all chats, all purposes). */
  countForPhoneSince(phone: string, since: Date): Promise<number>;
  /** When the newest challenge of `purpose` for `phone` was issued (any chat), or null. */
  lastForPhone(phone: string, purpose: OtpPurpose): Promise<Date | null>;
  /** The distinct numbers this chat asked codes for at or after `since`. */
  phonesForChatSince(chatKey: string, since: Date): Promise<string[]>;
  /**
   * Counts one try, atomically, if the challenge still takes tries (not closed, not consumed, not expired at `now`,
   * fewer than `maxAttempts` tries); consumes it when `matched`. Returns null when it takes no more tries, so of two
   * racing correct answers exactly one consumes the code.
   */
  registerAttempt(id: string, matched: boolean, now: Date, maxAttempts: number): Promise<{ attempts: number; consumed: boolean } | null>;
  /** Closes every open challenge of the chat (logout). */
  closeForChat(chatKey: string, at: Date): Promise<void>;
  /** Locks the number for new codes until `until` (a later lock wins). */
  lockPhone(phone: string, until: Date): Promise<void>;
  /** The end of the number's latest lock, past or future, or null if it was never locked. */
  phoneLock(phone: string): Promise<Date | null>;
}

export interface SmsOutboxRepository {
  add(message: SmsMessage): Promise<void>;
  get(id: string): Promise<SmsMessage | null>;
  /** Newest first; the console's SMS page. */
  list(filter?: SmsListFilter): Promise<SmsMessage[]>;
  /**
   * Takes a queued message for one delivery attempt: only if it is queued, due (`nextAttemptAt` passed or unset) and
   * not held by another attempt. Counts the attempt and holds it for `leaseMs`. Null when not claimable.
   */
  claim(id: string, now: Date, leaseMs: number): Promise<SmsMessage | null>;
  /** Delivered (or stored in the outbox). `text` replaces the stored text (codes masked for real providers). */
  markSent(id: string, at: Date, providerMessageId: string | null, text: string): Promise<void>;
  /** Failed for good; visible in the console with the error. */
  markFailed(id: string, at: Date, error: string, text: string): Promise<void>;
  /** Gives a claimed message back after a transient failure; the next attempt is due at `retryAt`. */
  release(id: string, at: Date, error: string, retryAt: Date): Promise<void>;
}

export interface ApplicationRepository {
  /** Stores a signed application; a second one for the same challenge is refused (throws). */
  add(application: Application): Promise<void>;
  get(id: string): Promise<Application | null>;
  /** Newest first. */
  listBySubscriber(subscriberId: string): Promise<Application[]>;
}

/**
 * Everything the product stores. Feature repositories (billing, verification, tickets, payments, SMS outbox)
 * are added here by their modules.
 */
export interface Store extends CampaignRepositories, ReportRepositories {
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
  payments: PaymentRepository;
  otp: OtpChallengeRepository;
  smsOutbox: SmsOutboxRepository;
  applications: ApplicationRepository;
  tickets: TicketRepository;
  ticketMessages: TicketMessageRepository;
  conversationMessages: ConversationMessageRepository;
  escalations: EscalationRepository;
  billing: BillingRepository;
  outages: OutageRepository;
  /** Rolling-window counters for one-time codes and sign-in (core/throttle). */
  throttle: ThrottleRepository;
  /** Server-issued web-chat sessions (core/webchat). */
  webchatSessions: WebChatSessionRepository;
  /** Instalment agreements for overdue debt (core/instalments). */
  instalments: InstalmentRepository;
  /** Transcripts and personal data past their retention (core/retention). */
  retention: RetentionRepository;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

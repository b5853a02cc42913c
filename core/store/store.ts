/**
 * @module The store aggregate: every module's repository port in one object, as the composition root opens it. The
 * SQLite store (default) and the MongoDB store implement it; one contract test suite (test/store/) runs against both.
 * Each port and the nouns it speaks live in their module (core/<module>/repository.ts, model.ts); operations that must
 * be atomic are single repository methods, so neither implementation needs cross-repository transactions.
 */
import type { AccountRepository } from '../accounts/repository.ts';
import type { ApplicationRepository } from '../applications/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { BillingRepository, OutageRepository } from '../billing/repository.ts';
import type { CampaignRepositories } from '../campaigns/repository.ts';
import type { ChatRepository, DialogSessionRepository } from '../chats/repository.ts';
import type { ConversationMessageRepository } from '../conversations/repository.ts';
import type { InstalmentRepository } from '../instalments/repository.ts';
import type { RetentionRepository } from '../retention/repository.ts';
import type { PaymentRepository } from '../payments/repository.ts';
import type { ReportRepositories } from '../reports/repository.ts';
import type { DedupeRepository, JobRepository, LeaseRepository } from '../scheduler/repository.ts';
import type { SettingsRepository } from '../settings/repository.ts';
import type { EscalationRepository } from '../sla/repository.ts';
import type { SmsOutboxRepository } from '../sms/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';
import type { ThrottleRepository } from '../throttle/repository.ts';
import type { TicketMessageRepository, TicketRepository } from '../tickets/repository.ts';
import type { ConsoleSessionRepository, UserRepository } from '../users/repository.ts';
import type { OtpChallengeRepository } from '../verification/repository.ts';
import type { WebChatMessageRepository, WebChatSessionRepository } from '../webchat/repository.ts';
import type { OutboxRepository } from '../outbox/repository.ts';
import type { EventFeedRepository } from '../livefeed/repository.ts';

/** Everything the product stores. A new module adds its port here and implements it in both adapters. */
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
  /** Each web chat's recent messages, for reloads on any instance (core/webchat). */
  webchatMessages: WebChatMessageRepository;
  /** Instalment agreements for overdue debt (core/instalments). */
  instalments: InstalmentRepository;
  /** Messages for chats whose channel another instance holds (core/outbox). */
  outbox: OutboxRepository;
  /** Domain events shared between instances for the console's live views (core/livefeed). */
  eventFeed: EventFeedRepository;
  /** Transcripts and personal data past their retention (core/retention). */
  retention: RetentionRepository;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

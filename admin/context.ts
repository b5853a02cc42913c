/** @module What every console handler can reach: the dependencies it is built with and the per-request variables. */
import type { BillingPort } from '../core/billing/port.ts';
import type { Config } from '../core/config/config.ts';
import type { EventBus } from '../core/events.ts';
import type { Translate } from '../core/i18n/i18n.ts';
import type { Logger } from '../core/logging/logger.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { Language } from '../core/i18n/model.ts';
import type { AccountRepository } from '../core/accounts/repository.ts';
import type { AuditRepository } from '../core/audit/repository.ts';
import type { BillingRepository } from '../core/billing/repository.ts';
import type { CampaignRepositories } from '../core/campaigns/repository.ts';
import type { ConversationMessageRepository } from '../core/conversations/repository.ts';
import type { InstalmentRepository } from '../core/instalments/repository.ts';
import type { SettingsRepository } from '../core/settings/repository.ts';
import type { EscalationRepository } from '../core/sla/repository.ts';
import type { SmsOutboxRepository } from '../core/sms/repository.ts';
import type { SubscriberRepository } from '../core/subscribers/repository.ts';
import type { JobRepository } from '../core/scheduler/repository.ts';
import type { ThrottleRepository } from '../core/throttle/repository.ts';
import type { TicketRepository } from '../core/tickets/repository.ts';
import type { ConsoleSessionRepository, UserRepository } from '../core/users/repository.ts';
import type { ConsoleSession, ConsoleUser } from '../core/users/model.ts';
import type { Tickets } from '../core/tickets/index.ts';
import type { Campaigns } from '../core/campaigns/index.ts';
import type { AgentStatus, Reports } from '../core/reports/index.ts';
import type { WhatsAppControl } from '../bot/whatsapp/status.ts';
import type { Permission } from './permissions.ts';

/** The console is served under this path. */
export const BASE = '/admin';

/** Builds a console URL: `href('/users')` → `/admin/users`. */
export function href(path: string): string {
  return path === '/' ? BASE : `${BASE}${path}`;
}

/** Reports whether the Telegram bot is connected; provided by the composition root. */
export type TelegramProbe = () => Promise<{ configured: boolean; connected: boolean; username?: string; mode?: 'polling' | 'webhook'; error?: string }>;

/**
 * The repositories console pages use directly, and nothing else: tickets, campaigns and reports are reached through
 * their use cases. The composition root passes the store, which has all of these.
 */
export interface ConsoleRepositories extends Pick<CampaignRepositories, 'campaignContacts' | 'callListImports' | 'doNotCall'> {
  users: UserRepository;
  consoleSessions: ConsoleSessionRepository;
  throttle: ThrottleRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  subscribers: SubscriberRepository;
  accounts: AccountRepository;
  billing: BillingRepository;
  instalments: InstalmentRepository;
  tickets: TicketRepository;
  conversationMessages: ConversationMessageRepository;
  escalations: EscalationRepository;
  smsOutbox: SmsOutboxRepository;
  /** Instalment decisions schedule their reminders through the scheduler's job queue. */
  jobs: JobRepository;
}

export interface ConsoleDeps {
  store: ConsoleRepositories;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** The ticket use cases (take, reply, escalate …) and queues. */
  tickets: Tickets;
  /** Survey campaigns: questionnaires, call lists, the calling screen, the quota. */
  campaigns: Campaigns;
  /** Agents' statuses, the monthly report and the supervisor's live view. */
  reports: Reports;
  /**
   * The live views listen here: this instance's domain events and, in a product of several instances, the others'
   * (core/livefeed). Emit nothing on it: what the console does is told through `domainEvents`.
   */
  events: EventBus;
  /** Where the console's own actions are told to the rest of the product (the chats, SLA); `events` when absent. */
  domainEvents?: Pick<EventBus, 'emit'>;
  /** Balances for the subscriber card; without it the card shows account statuses only. */
  billing?: BillingPort;
  /** Optional override of the Telegram status check (tests, or the running adapter's own state). */
  telegramProbe?: TelegramProbe;
  /** The WhatsApp connection (state, QR code, logout, re-link); absent when WHATSAPP_ENABLED is off. */
  whatsapp?: WhatsAppControl;
}

export interface ConsoleVariables {
  user: ConsoleUser | null;
  session: ConsoleSession | null;
  /** The user's permissions (empty when signed out). */
  permissions: Set<Permission>;
  lang: Language;
  t: Translate;
  /** The signed-in agent's work status for the top bar (null for users without one). */
  agentStatus: { status: AgentStatus; reason: string | null; reasons: string[] } | null;
  /** A month's report generated in the last days, announced in the top bar to readers of reports. */
  reportNotice: { month: string; generatedAt: Date } | null;
  /** The CSRF token forms on this page carry (the session's, or the sign-in page's pre-session token). */
  csrfToken: string;
}

export interface ConsoleEnv {
  Variables: ConsoleVariables;
}

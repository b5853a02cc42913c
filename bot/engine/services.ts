/**
 * @module The core use cases dialogs may call, gathered in one object that main.ts builds and the engine passes
 * to every dialog as `ctx.services`. To give dialogs a new capability, add ONE field here (typed with the core
 * module's own service type) and fill it in main.ts where the engine is created.
 */
import type { AccountRepository } from '../../core/accounts/repository.ts';
import type { ChatRepository } from '../../core/chats/repository.ts';
import type { faultChecks } from '../../core/faults/checks.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { SubscriberRepository } from '../../core/subscribers/repository.ts';
import type { Verification } from '../../core/verification/types.ts';
import type { SelfService } from '../../core/selfservice/index.ts';
import type { Tickets } from '../../core/tickets/index.ts';
import type { Campaigns } from '../../core/campaigns/index.ts';

/** Settings dialogs show to people. */
export interface BotSettings {
  /** The public contract, per language (the start message links the page in the chat's language). */
  contractUrl: Record<Language, string>;
  /** Where the product is reachable from outside, if known. */
  publicUrl: string | null;
  /** Contact-centre phone number shown when the bot cannot do something itself. */
  contactCentrePhone: string;
}

/** What dialogs may read directly: read-only views of three repositories. Data changes only through the use cases. */
export interface DialogReads {
  accounts: Pick<AccountRepository, 'get' | 'listBySubscriber'>;
  chats: Pick<ChatRepository, 'get'>;
  subscribers: Pick<SubscriberRepository, 'get'>;
}

export interface Services extends DialogReads {
  clock: Clock;
  settings: BotSettings;
  /** Verification and signing by one-time SMS code (core/verification). */
  verification: Verification;
  /** Tickets: fault reports, hand-off to a person, the subscriber's open tickets (core/tickets). */
  tickets: Tickets;
  /** The fault journey's checks before a ticket: debt, planned works and accidents, a throttled Hit (core/faults). */
  faults: ReturnType<typeof faultChecks>;
  /**
   * Balance, payment, plan change, refusal of services and notification settings (core/selfservice).
   * Absent only in engine tests that run without billing; the self-service dialogs need it.
   */
  selfService?: SelfService;
  /** Messenger surveys: the survey in progress, answers, "stop" and surveys back on (core/campaigns). */
  surveys?: Campaigns['surveys'];
}

/**
 * The read-only views dialogs get, taken from the repositories main.ts opened (the bot's test harness does the same).
 * @example services: { ...dialogReads(store), clock, … }
 */
export function dialogReads(repositories: DialogReads): DialogReads {
  return { accounts: repositories.accounts, chats: repositories.chats, subscribers: repositories.subscribers };
}

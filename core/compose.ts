/**
 * @module The core's composition: each module built and its jobs registered from one base (configuration, store,
 * clock, logger, events, scheduler), exactly as main.ts starts the product. main.ts calls these; so do the test
 * fixtures, so a fixture runs a module the way production does instead of keeping its own copy of the wiring.
 */
import { createCampaigns, registerCampaignJobs, type Campaigns } from './campaigns/index.ts';
import type { Config } from './config/config.ts';
import { EventBus } from './events.ts';
import type { Logger } from './logging/logger.ts';
import type { Clock } from './ports/clock.ts';
import { createReports, registerReportJobs, type Reports } from './reports/index.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { bodyLimits } from './server/body-limit.ts';
import { loadSlaPolicy } from './sla/policy.ts';
import { createSmsSender, registerSmsJobs, type SmsSender, type SmsSenderOptions } from './sms/index.ts';
import { campaignPorts } from './store/campaign-ports.ts';
import { reportPorts } from './store/report-ports.ts';
import type { Store } from './store/store.ts';
import { createTickets, registerTicketJobs, type Tickets } from './tickets/index.ts';
import { createVerification, type Verification } from './verification/index.ts';

/** What every module is built from. */
export interface CoreBase {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Domain events (ticket.created, ticket.breached, …) that the console and the channels listen to. */
  events: EventBus;
  scheduler: Scheduler;
}

/** The base over an open store: the scheduler (its lease from SCHEDULER_LEASE_SECONDS) and the event bus. */
export function coreBase(config: Config, store: Store, clock: Clock, logger: Logger): CoreBase {
  const scheduler = new Scheduler({ store, clock, logger: logger.child({ module: 'scheduler' }), leaseMs: config.SCHEDULER_LEASE_SECONDS * 1000 });
  return { config, store, clock, logger, events: new EventBus(logger.child({ module: 'events' })), scheduler };
}

/** The business calendar in force (Settings → SLA, else the default), read each time it is asked for. */
const calendarOf = (base: CoreBase) => async () => (await loadSlaPolicy(base.store, base.config)).calendar;

/** Tickets, with their SLA and escalation timers registered. */
export function wireTickets(base: CoreBase): Tickets {
  const { store, clock, config, logger, events, scheduler } = base;
  const tickets = createTickets({ store, clock, config, logger: logger.child({ module: 'tickets' }), events, scheduler });
  registerTicketJobs(scheduler, tickets.deps);
  return tickets;
}

/** Survey campaigns, with their start/finish, import and dispatch jobs registered. */
export async function wireCampaigns(base: CoreBase): Promise<Campaigns> {
  const { store, clock, config, logger, scheduler } = base;
  const campaigns = createCampaigns({
    ...campaignPorts(store), clock, logger: logger.child({ module: 'campaigns' }), scheduler,
    calendar: calendarOf(base), claimLeaseMs: 180_000, dispatchLeaseMs: config.SURVEY_DISPATCH_LEASE_MS,
    maxFileBytes: bodyLimits(config).upload,
  });
  await registerCampaignJobs(scheduler, campaigns.deps, campaigns.runner, campaigns.dispatcher);
  return campaigns;
}

/** Contacts, agents' statuses and the monthly report, with the report's monthly job registered. */
export async function wireReports(base: CoreBase): Promise<Reports> {
  const { store, clock, logger, events, scheduler } = base;
  const reports = createReports({ ...reportPorts(store), clock, logger: logger.child({ module: 'reports' }), events, calendar: calendarOf(base) });
  await registerReportJobs(scheduler, reports.deps);
  return reports;
}

/** The SMS sender for SMS_PROVIDER, its delivery jobs registered. `options` only for tests (timeouts, a fake provider). */
export function wireSms(base: CoreBase, options: Omit<SmsSenderOptions, 'clock' | 'scheduler'> = {}): SmsSender {
  const { config, store, clock, logger, scheduler } = base;
  const sms = createSmsSender(config, store, logger, { ...options, clock, scheduler });
  registerSmsJobs(scheduler, sms);
  return sms;
}

/** Verification and signing by one-time SMS codes (their link-expiry job registered inside). */
export function wireVerification(base: CoreBase, sms: SmsSender): Verification {
  const { store, clock, config, logger, scheduler } = base;
  return createVerification({ store, clock, config, logger, sms, scheduler });
}

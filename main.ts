/**
 * The composition root: reads configuration, opens the store, builds the core services, mounts the web chat,
 * the console and the webhooks on one HTTP server, and starts the channels. `startProduct` is also what the
 * end-to-end tests and benchmarks start, so they run the product exactly as `npm start` does.
 */
import { config as loadDotenv } from 'dotenv';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from './core/config/config.ts';
import { createLogger, type Logger } from './core/logging/logger.ts';
import { systemClock, type Clock } from './core/ports/clock.ts';
import type { Scheduler } from './core/scheduler/scheduler.ts';
import { scheduleEvery } from './core/scheduler/every.ts';
import { healthRoutes } from './core/server/health.ts';
import { bodyLimits, limitBodies } from './core/server/body-limit.ts';
import { trustedProxies } from './core/config/security.ts';
import { pageAssetRoutes } from './core/server/pages/layout.tsx';
import { notFoundAnswer } from './core/server/pages/plain.tsx';
import { HTTPException } from 'hono/http-exception';
import { closeServer, listen, onShutdown, type Closer } from './core/server/lifecycle.ts';
import { openStore } from './core/store/open.ts';
import type { Store } from './core/store/store.ts';
import { ensureAdmin } from './core/users/ensure-admin.ts';
import { createConsole } from './admin/index.ts';
import { openBilling } from './core/billing/open.ts';
import type { BillingPort } from './core/billing/port.ts';
import { createPayments, registerPaymentRecovery, type PaymentService } from './core/payments/index.ts';
import { createSelfService, registerApplicationSweep, type SelfService } from './core/selfservice/index.ts';
import { wireSelfServiceNotifications } from './bot/dialogs/notifications.ts';
import { registerAccountJobs } from './core/accounts/jobs.ts';
import { loadDemoData } from './core/demo/demo-data.ts';
import { EventBus } from './core/events.ts';
import type { Tickets } from './core/tickets/index.ts';
import type { SmsSender } from './core/sms/index.ts';
import type { Verification } from './core/verification/index.ts';
import { registerThrottlePurge } from './core/throttle/index.ts';
import { buildRegistry } from './bot/dialogs/index.ts';
import { ConversationRunner } from './bot/engine/runner.ts';
import { dialogReads } from './bot/engine/services.ts';
import { faultChecks } from './core/faults/checks.ts';
import { logConversations } from './bot/engine/conversation-log.ts';
import { registerRetentionJobs } from './core/retention/jobs.ts';
import { listenToTicketEvents } from './bot/dialogs/ticket-updates.ts';
import { listenToInstalmentEvents } from './bot/dialogs/instalment-updates.ts';
import { surveySender } from './bot/dialogs/survey-push.ts';
import type { TelegramBot, TelegramOptions } from './bot/telegram/index.ts';
import { WebChatChannel, webChatRoutes } from './bot/webchat/index.ts';
import type { WhatsAppBot, WhatsAppOptions } from './bot/whatsapp/index.ts';
import type { Campaigns } from './core/campaigns/index.ts';
import type { Reports } from './core/reports/index.ts';
import { coreBase, wireCampaigns, wireReports, wireSms, wireTickets, wireVerification } from './core/compose.ts';
import { randomUUID } from 'node:crypto';
import { StoreOutbox } from './bot/engine/outbox.ts';
import { LiveFeedRelay } from './core/livefeed/relay.ts';
import { registerInstancePurge } from './core/livefeed/purge.ts';

export interface Product {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  scheduler: Scheduler;
  /** The billing port: the built-in ledger, or the operator's billing over HTTP. */
  billing: BillingPort;
  /** Domain events (ticket.created, ticket.breached, …) that the console and the channels listen to. */
  events: EventBus;
  tickets: Tickets;
  /** Survey campaigns: questionnaires, call lists, the calling screen, the quota of effective calls. */
  campaigns: Campaigns;
  /** Contacts, agents' statuses, the monthly report (seed 003 cl. 29) and the supervisor's live view. */
  reports: Reports;
  /** Payment links and the gateway's signed callbacks (PAYMENT_PROVIDER). */
  payments: PaymentService;
  /** Balance, payment, plan change, refusal of services: the use cases behind the self-service dialogs. */
  selfService: SelfService;
  sms: SmsSender;
  verification: Verification;
  /** The conversation engine's runner: channels feed it; `notify`/`notifySubscriber` reach subscribers' chats. */
  conversations: ConversationRunner;
  webchat: WebChatChannel;
  /** Present when TELEGRAM_BOT_TOKEN is set. */
  telegram: TelegramBot | null;
  /** Present when WHATSAPP_ENABLED is on. */
  whatsapp: WhatsAppBot | null;
  app: Hono;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops everything in order and closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
  /** Listen on this host (tests use 127.0.0.1). */
  hostname?: string;
  /** WhatsApp overrides: tests drive an object with whatsapp-web.js's events and methods instead of a browser. */
  whatsapp?: Pick<WhatsAppOptions, 'createClient' | 'pace' | 'timing'>;
  /** Telegram overrides: tests against the local Bot API server lift the outgoing pace. */
  telegram?: Pick<TelegramOptions, 'pace'>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export async function startProduct(options: StartOptions): Promise<Product> {
  const parsed = loadConfig(options.env);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  const config = parsed.config;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const store = await openStore(config);
  const closers: Closer[] = [];
  const base = coreBase(config, store, clock, logger);
  const { scheduler, events } = base;
  if (config.DEMO_DATA) await loadDemoData(store, clock);
  const billing = openBilling(config, store, clock, logger.child({ module: 'billing' }), scheduler);
  // With BILLING_PROVIDER=http the operator's billing owns statuses and invoices; the ledger's jobs run only for the ledger.
  if (config.BILLING_PROVIDER === 'ledger') {
    await registerAccountJobs(scheduler, { store, clock, logger: logger.child({ module: 'accounts' }), config });
  }
  const tickets = wireTickets(base);
  const campaigns = await wireCampaigns(base);
  const reports = await wireReports(base);
  await registerRetentionJobs(scheduler, {
    retention: store.retention, conversationMessages: store.conversationMessages, webchatMessages: store.webchatMessages, audit: store.audit, jobs: store.jobs, clock,
    logger: logger.child({ module: 'retention' }),
    policy: { transcriptMonths: config.TRANSCRIPT_RETENTION_MONTHS, personalDataYears: config.PERSONAL_DATA_RETENTION_YEARS },
  });
  const sms = wireSms(base);
  const verification = wireVerification(base, sms);
  await registerThrottlePurge(scheduler, { store, clock });
  // Payment pages need our public address; until PUBLIC_URL is set, the address the server listens on.
  let listeningUrl = '';
  const payments = createPayments({
    config, store, billing, clock, logger, baseUrl: () => config.PUBLIC_URL ?? listeningUrl, internalUrl: () => listeningUrl,
  });
  await registerPaymentRecovery(scheduler, {
    store, clock, logger: logger.child({ module: 'payments' }), service: payments.service, noticeAfterMs: config.SCHEDULER_LEASE_SECONDS * 1000,
  });
  const selfService = createSelfService({
    store, billing, payments: payments.service, scheduler, clock, openTicket: tickets.register, logger: logger.child({ module: 'selfservice' }),
  });
  await registerApplicationSweep(scheduler, selfService.finisher, clock, config.SCHEDULER_LEASE_SECONDS * 1000);

  // === Several instances on one store: messages for channels another instance holds, the console's live feed
  const instanceId = `instance-${randomUUID()}`;
  const outbox = new StoreOutbox({
    store, clock, logger: logger.child({ module: 'outbox' }), instanceId, pollMs: config.INSTANCE_POLL_MS, sessionLeases: { whatsapp: 'whatsapp.session' },
  });
  const liveEvents = new EventBus(logger.child({ module: 'live-events' }));
  const liveFeed = new LiveFeedRelay({
    feed: store.eventFeed, local: events, live: liveEvents, origin: instanceId, clock, logger: logger.child({ module: 'live-feed' }),
    pollMs: config.INSTANCE_POLL_MS,
  });
  await liveFeed.start();
  await registerInstancePurge(scheduler, store, clock);

  // === Conversation engine (bot/): dialogs, the per-chat runner, and the channels that feed it
  const conversations = new ConversationRunner({
    store, clock, logger: logger.child({ module: 'conversations' }), registry: buildRegistry(), outbox,
    services: {
      ...dialogReads(store), faults: faultChecks(store), clock, verification, tickets, selfService, surveys: campaigns.surveys,
      settings: { contractUrl: { ru: config.CONTRACT_URL, kk: config.CONTRACT_URL_KK }, publicUrl: config.PUBLIC_URL ?? null, contactCentrePhone: '160' },
    },
  });
  listenToTicketEvents({ events, runner: conversations, tickets, clock, logger: logger.child({ module: 'ticket-updates' }), outbox });
  listenToInstalmentEvents({ events, runner: conversations, logger: logger.child({ module: 'instalment-updates' }) });
  // Messenger surveys go out through the runner: in the chat's language, only while the chat is idle, behind replies.
  campaigns.surveys.attach(surveySender(conversations));
  // Every chat's messages, in and out, for the ticket page (kept TRANSCRIPT_RETENTION_MONTHS: registerRetentionJobs),
  // and each message's contact for the monthly report: held before each reply is sent, in the step's one commit, so
  // a crash never loses a message the subscriber saw answered (nor its contact), and the chat's next message does
  // not wait for a second commit.
  conversations.observe(logConversations(store), { beforeReply: true });
  conversations.observe(reports.recordExchange, { beforeReply: true });
  wireSelfServiceNotifications({
    runner: conversations, payments: payments.service, selfService, scheduler, clock, logger: logger.child({ module: 'selfservice' }),
  });
  // Its messages in the store, its writes announced through the live feed: any instance serves any page (bot/webchat).
  const webchat = new WebChatChannel(store, clock, { events, live: liveEvents });
  await scheduleEvery(scheduler, { kind: 'webchat.sessions-purge', everyMs: 3_600_000, clock }, () => webchat.sessions.purge());
  conversations.attach(webchat);
  // Channels are imported only when configured: without TELEGRAM_BOT_TOKEN telegraf (and its HTTP client) is never
  // loaded, with WHATSAPP_ENABLED off nothing of WhatsApp (nor a browser) is.
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? (await import('./bot/telegram/index.ts')).createTelegram({ config, runner: conversations, registry: conversations.registry, logger, ...options.telegram })
    : null;
  const whatsapp = config.WHATSAPP_ENABLED
    ? (await import('./bot/whatsapp/index.ts')).createWhatsApp({ config, runner: conversations, store, clock, events, logger, ownerId: instanceId, ...options.whatsapp })
    : null;

  // === Demo data and the first administrator
  const admin = await ensureAdmin(store, clock, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (admin.generatedPassword) {
    // Printed once, on purpose, outside the structured log: whoever started the product needs it to sign in.
    process.stdout.write(
      `\n  Console administrator created: ${config.ADMIN_EMAIL}\n  Password (shown once, change it after signing in): ${admin.generatedPassword}\n\n`,
    );
  }

  // === HTTP: health, web chat, console, webhooks
  const app = new Hono();
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: false, overwrite: false }));
  // Before any route reads a body: each route's declared limit, else BODY_LIMIT_KB (core/server/body-limit.ts).
  app.use('*', limitBodies({ defaultBytes: bodyLimits(config).default }));
  app.route('/', healthRoutes(store));
  app.route('/', pageAssetRoutes());
  app.route('/', createConsole({
    store, clock, config, logger: logger.child({ module: 'console' }), tickets, campaigns, reports, events: liveEvents, domainEvents: events, billing,
    ...(whatsapp ? { whatsapp: whatsapp.control } : {}),
  }));
  app.route('/', payments.routes);
  if (telegram) app.route('/', telegram.routes);
  app.route('/', webChatRoutes({
    channel: webchat, runner: conversations, store, logger, publicUrl: config.PUBLIC_URL ?? null, bodyLimitBytes: bodyLimits(config).chat,
    trustedProxies: trustedProxies(config.TRUSTED_PROXIES),
    streamsPerSession: config.WEBCHAT_STREAMS_PER_SESSION, streamsPerAddress: config.WEBCHAT_STREAMS_PER_ADDRESS,
  }));
  app.notFound(notFoundAnswer);
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) return err.getResponse();
    logger.error({ err, path: c.req.path }, 'unhandled error in HTTP handler');
    return c.text('Internal error', 500);
  });

  // === Channels (started after the server listens, so a webhook can be reached at once)
  closers.push({ name: 'telegram', close: () => telegram?.stop() });
  closers.push({ name: 'whatsapp', close: () => whatsapp?.stop() });
  closers.push({ name: 'outbox', close: () => outbox.stop() });
  closers.push({ name: 'live feed', close: () => liveFeed.stop() });
  closers.push({ name: 'conversations', close: async () => { await conversations.idle(); await webchat.close(); } });

  // === Start
  const server = await listen(app, config.PORT, options.hostname);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.hostname ?? 'localhost'}:${port}`;
  listeningUrl = url;
  scheduler.start(config.SCHEDULER_INTERVAL_MS);
  closers.unshift({ name: 'http', close: () => closeServer(server, 1500) });
  closers.push({ name: 'scheduler', close: () => scheduler.stop() });
  closers.push({ name: 'campaign imports', close: () => campaigns.stop() });
  closers.push({ name: 'sms', close: () => sms.flush() });
  closers.push({ name: 'store', close: () => store.close() });
  if (telegram) await telegram.start();
  whatsapp?.start();
  outbox.start(conversations);
  logger.info({ url, store: store.kind, telegram: telegram?.mode ?? 'off', whatsapp: whatsapp ? 'on' : 'off' }, 'product started');

  let stopped = false;
  return {
    config, logger, clock, store, scheduler, billing, events, tickets, campaigns, reports, payments: payments.service, selfService, sms, verification, conversations, webchat, telegram, whatsapp, app, url,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const closer of closers) await closer.close();
    },
  };
}

/** `npm start`: configuration from the environment (and `.env`), the product started, stopped cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let product: Product;
  try {
    product = await startProduct({ env: process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nNothing was started. See the configuration table in README.md.\n`);
      process.exit(2);
    }
    throw err;
  }
  process.stdout.write(`\n  Web chat:  ${product.url}/\n  Console:   ${product.url}/admin\n\n`);
  onShutdown(product.logger, [{ name: 'product', close: () => product.stop() }]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

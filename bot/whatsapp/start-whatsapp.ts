/**
 * @module Builds the WhatsApp channel and its connection and attaches it to the conversation runner. Received
 * messages go to the runner in the order the library emits them (the runner keeps each chat's order). A chat's
 * very first message opens /start, because WhatsApp has no start button: the subscriber gets the language question
 * and the cross-border notice (contract cl. 33(20)) first, whatever they wrote.
 */
import { chatKey } from '../../core/chats/key.ts';
import type { ChatRepository } from '../../core/chats/repository.ts';
import type { Config } from '../../core/config/config.ts';
import type { EventBus } from '../../core/events.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Inbound } from '../engine/channel.ts';
import { KeyedQueue } from '../engine/keyed-queue.ts';
import type { ConversationRunner } from '../engine/runner.ts';
import { WhatsAppConnection } from './connection.ts';
import type { ConnectionRepositories, ConnectionTiming } from './connection-options.ts';
import { clearSession, launchClient } from './launch-client.ts';
import { OutgoingPace, type PaceOptions } from './pace.ts';
import type { WhatsAppControl } from './status.ts';
import { WhatsAppChannel } from './whatsapp-channel.ts';
import type { WaClient } from './wire.ts';

/** What the WhatsApp bot stores: the chats (is this one new?), and the connection's lease and audit entries. */
export interface WhatsAppRepositories extends ConnectionRepositories {
  chats: ChatRepository;
}

export interface WhatsAppOptions {
  config: Config;
  runner: ConversationRunner;
  store: WhatsAppRepositories;
  clock: Clock;
  logger: Logger;
  events?: EventBus;
  /** Another client factory (tests drive the adapter with an object shaped like whatsapp-web.js's Client). */
  createClient?: () => Promise<WaClient>;
  pace?: PaceOptions;
  timing?: Partial<ConnectionTiming>;
  ownerId?: string;
}

export interface WhatsAppBot {
  channel: WhatsAppChannel;
  /** State, QR code, logout and re-link for the console. */
  control: WhatsAppControl;
  connection: WhatsAppConnection;
  /** Takes the session lease and connects in the background. Never throws. */
  start(): void;
  /** Closes the browser and releases the lease. */
  stop(): Promise<void>;
  /** Resolves when every message received so far has been handed to the runner (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Builds the WhatsApp bot (no browser starts until `start`).
 * @example const whatsapp = createWhatsApp({ config, runner, store, clock, logger, events }); whatsapp.start();
 */
export function createWhatsApp(options: WhatsAppOptions): WhatsAppBot {
  const { config, runner, store, clock, events } = options;
  const logger = options.logger.child({ module: 'whatsapp' });
  const arrivals = new KeyedQueue();
  let connection: WhatsAppConnection | null = null;
  const channel = new WhatsAppChannel(() => connection?.readyClient() ?? null, new OutgoingPace(options.pace));

  /** Hands one inbound to the runner; a chat never seen before starts with /start instead. */
  const deliver = (inbound: Inbound) =>
    arrivals.run(inbound.externalId, async () => {
      const known = await store.chats.get(chatKey('whatsapp', inbound.externalId));
      const first = !known && inbound.event.kind !== 'command';
      await runner.handle('whatsapp', first ? { ...inbound, event: { kind: 'command', name: 'start', args: '' } } : inbound);
    });

  connection = new WhatsAppConnection({
    createClient: options.createClient ?? (() => launchClient({ dataDir: config.DATA_DIR, chromiumPath: config.CHROMIUM_PATH })),
    clearSession: () => clearSession(config.DATA_DIR),
    onMessage(message) {
      const inbound = channel.toInbound(message);
      if (inbound) void deliver(inbound).catch((err: unknown) => logger.error({ err }, 'WhatsApp message not handled'));
    },
    store, clock, logger,
    ...(events ? { events } : {}),
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.ownerId ? { ownerId: options.ownerId } : {}),
  });
  runner.attach(channel);
  const owned = connection;

  return {
    channel,
    control: owned,
    connection: owned,
    start: () => owned.start(),
    idle: () => arrivals.idle(),
    async stop() {
      runner.detach('whatsapp');
      await arrivals.idle();
      await owned.stop();
    },
  };
}

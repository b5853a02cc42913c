/**
 * @module Several instances on one store (issue 20 item 15): outgoing messages for a chat whose channel another
 * instance holds go through the store's outbox (core/outbox), and the instance that holds the channel sends them.
 * An instance holds a channel while it has it attached (Telegram's polling or webhook) and keeps the lease
 * `channel:<name>` — for WhatsApp, while it holds the session's own lease `whatsapp.session`; the holder drains that
 * channel's queue in order, through each chat's queue here,
 * so a reply typed by an agent on instance 2 reaches a WhatsApp chat whose session instance 1 holds — once, in order.
 * Nothing is queued for a channel no instance holds: the caller hears "not reachable", as before.
 * A message repeats only when the holder dies between the channel's answer and the mark (the unavoidable window).
 */
import { randomUUID } from 'node:crypto';
import { ChannelSendError } from '../../core/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { OutboxEntry } from '../../core/outbox/model.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { OutboxRepository } from '../../core/outbox/repository.ts';
import type { LeaseRepository } from '../../core/scheduler/repository.ts';
import type { ChannelName, Chat } from '../../core/chats/model.ts';
import type { ConversationRunner, RunnerOutbox } from './runner.ts';
import type { Delivery } from './types.ts';

/** What the holder reports once a queued entry went (or was refused for good): `tag` names what it was for. */
export type QueuedSent = (event: { tag: string; externalIds: string[]; error: string | null }) => void | Promise<void>;

export interface StoreOutboxOptions {
  store: { outbox: OutboxRepository; leases: LeaseRepository };
  clock: Clock;
  logger: Logger;
  /** This instance's name in the leases. */
  instanceId: string;
  /** How often the holder looks for queued messages (`INSTANCE_POLL_MS`). */
  pollMs: number;
  /**
   * Channels whose adapter holds a lease of its own for its session (WhatsApp: `whatsapp.session`, taken under this
   * instance's id): the holder of that lease is the one that sends, never another instance that merely has it attached.
   */
  sessionLeases?: Partial<Record<ChannelName, string>>;
}

const BATCH = 50;

export class StoreOutbox implements RunnerOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private runner: ConversationRunner | null = null;
  private readonly listeners: QueuedSent[] = [];

  constructor(private readonly options: StoreOutboxOptions) {}

  private get leaseMs(): number {
    return Math.max(5_000, this.options.pollMs * 10);
  }

  private leaseOf(channel: ChannelName): { name: string; own: boolean } {
    const session = this.options.sessionLeases?.[channel];
    return session ? { name: session, own: false } : { name: `channel:${channel}`, own: true };
  }

  /** Whether this instance sends `channel`'s queue now (taking or renewing the outbox's lease where it has one). */
  private async holds(channel: ChannelName): Promise<boolean> {
    const { store, clock, instanceId } = this.options;
    const lease = this.leaseOf(channel);
    if (!lease.own) return (await store.leases.holder(lease.name, clock.now())) === instanceId;
    return store.leases.acquire(lease.name, instanceId, clock.now(), this.leaseMs);
  }

  async queue(chat: Chat, deliveries: Delivery[], tag: string | null): Promise<string[]> {
    const { store, clock } = this.options;
    if (!(await store.leases.holder(this.leaseOf(chat.channel).name, clock.now()))) return [];
    const entry = await store.outbox.enqueue({
      id: randomUUID(), channel: chat.channel, chatKey: chat.key, externalId: chat.externalId,
      deliveries: deliveries as unknown as Array<Record<string, unknown>>, tag, createdAt: clock.now(),
    });
    return [`outbox:${entry.id}`];
  }

  /** Calls `listener` for every tagged entry this instance sent (or that the channel refused). */
  onSent(listener: QueuedSent): void {
    this.listeners.push(listener);
  }

  /** Starts holding the runner's attached channels and sending their queues. */
  start(runner: ConversationRunner): void {
    this.runner = runner;
    const run = () => {
      if (this.running) return;
      this.running = this.drain().catch((err: unknown) => this.options.logger.error({ err }, 'outbox drain failed')).finally(() => {
        this.running = null;
      });
    };
    run();
    this.timer = setInterval(run, this.options.pollMs);
    this.timer.unref();
  }

  /** Stops, waits for the drain in progress and lets go of the channels (another instance takes them over). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    for (const name of this.runner?.attachedChannels() ?? []) {
      const lease = this.leaseOf(name);
      if (lease.own) await this.options.store.leases.release(lease.name, this.options.instanceId);
    }
  }

  /** One round: for each channel attached here whose lease this instance holds, its queue in order. */
  async drain(): Promise<void> {
    const { store } = this.options;
    const runner = this.runner;
    if (!runner) return;
    for (const name of runner.attachedChannels()) {
      if (!(await this.holds(name))) continue;
      for (const entry of await store.outbox.pending(name, BATCH)) await this.send(runner, entry);
    }
  }

  private async send(runner: ConversationRunner, entry: OutboxEntry): Promise<void> {
    const { store, clock, logger } = this.options;
    let externalIds: string[] = [];
    let error: string | null = null;
    try {
      externalIds = await runner.deliverQueued(entry.chatKey, entry.channel, entry.externalId, entry.deliveries as unknown as Delivery[]);
      await store.outbox.markSent(entry.id, clock.now(), externalIds);
    } catch (err) {
      // Refused by the channel (blocked, chat gone): recorded, not retried. Anything else: the next round retries.
      if (!(err instanceof ChannelSendError)) throw err;
      error = err.message;
      await store.outbox.markFailed(entry.id, clock.now(), error);
      logger.warn({ chat: entry.chatKey, channel: entry.channel }, 'queued message refused by the channel');
    }
    if (!entry.tag) return;
    for (const listener of this.listeners) {
      try {
        await listener({ tag: entry.tag, externalIds, error });
      } catch (err) {
        logger.error({ err, tag: entry.tag }, 'outbox listener failed');
      }
    }
  }
}

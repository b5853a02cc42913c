/**
 * @module The conversation runner: the one place that turns channel events into persisted dialog steps.
 * Per chat it de-duplicates update ids, loads the dialog state, runs `continueFlow`, saves the state with an
 * optimistic version check (so two instances never lose each other's step), runs the effects, and sends the
 * replies through the chat's channel. Events of one chat run in order; chats run concurrently. One error
 * boundary logs unexpected failures and answers `common:error.unexpected`, never silence.
 * It is also how the rest of the product reaches subscribers: `notify` and `notifySubscriber`.
 */
import { translator } from '../../core/i18n/i18n.ts';
import { chatKey } from '../../core/chats/key.ts';
import type { ChannelName, Chat } from '../../core/chats/model.ts';
import type { Channel, Inbound } from './channel.ts';
import { continueFlow, describeInbound, isLinked, languageFor } from './continue-flow.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { ExchangeListeners } from './listeners.ts';
import { randomToken } from './menu-token.ts';
import type { DialogRegistry } from './registry.ts';
import type { BroadcastBuilder, BroadcastResult, Exchange, ExchangeListener, MessageBuilder } from './exchange.ts';
import { asState, initialState, stampMenus, type ChannelCapabilities, type Delivery, type Effect, type EngineState, type OutboundMessage } from './types.ts';
import type { Language } from '../../core/i18n/model.ts';

export type { BroadcastBuilder, BroadcastResult, Exchange, ExchangeListener, MessageBuilder, RunnerOptions, RunnerOutbox } from './exchange.ts';
export { JOURNEY_IDLE_MS } from './exchange.ts';
import { JOURNEY_IDLE_MS } from './exchange.ts';
import type { RunnerOptions } from './exchange.ts';

/** How many times a step is recomputed when another instance saved the same chat's state first. */
const WRITE_ATTEMPTS = 3;

export class ConversationRunner {
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly queue = new KeyedQueue();
  private readonly listeners: ExchangeListeners;
  private readonly newToken: () => string;

  constructor(private readonly options: RunnerOptions) {
    this.newToken = options.newToken ?? randomToken;
    this.listeners = new ExchangeListeners(options.logger);
  }

  /** The dialogs, commands and menu items this runner serves (channels list the commands). */
  get registry(): DialogRegistry {
    return this.options.registry;
  }

  /** Makes a channel reachable for replies and notifications. */
  attach(channel: Channel): void {
    this.channels.set(channel.name, channel);
  }

  /** What the channel can render (the attached channel's, or plain text when it is not attached here). */
  capabilitiesOf(name: ChannelName): Channel['capabilities'] {
    return this.channels.get(name)?.capabilities ?? {
      maxChoices: 10, choiceStyle: 'numbered', maxLabelLength: 40, contactRequest: false, editMessages: false, linkButtons: false, thirdParty: true,
    };
  }

  detach(name: ChannelName): void {
    this.channels.delete(name);
  }

  /**
   * Calls `listener` after every exchange (inbound step or notification). With `beforeReply`, an inbound step's
   * exchange reaches it — and is waited for — before the reply is sent: what the subscriber saw answered is already
   * held (the conversation log, so a crash right after a reply never loses it). Notifications reach it after sending.
   */
  observe(listener: ExchangeListener, options: { beforeReply?: boolean } = {}): void {
    this.listeners.add(listener, options.beforeReply ?? false);
  }

  /**
   * Handles one inbound event from `channel`; resolves once the replies are sent (or the failure is answered). What
   * follows the reply (listeners told after it, a signed application told) goes on in the chat's queue: the chat's next
   * event waits for it, the caller does not. Never rejects: errors end in the error boundary.
   */
  handle(channel: ChannelName, inbound: Inbound): Promise<void> {
    const key = chatKey(channel, inbound.externalId);
    return new Promise<void>((replied) => {
      void this.queue.run(key, () => this.step(channel, key, inbound, replied)).finally(replied);
    });
  }

  /**
   * Sends messages to one chat (by key `channel:externalId`) in its language, in order with its conversation.
   * Menus in notifications work like any other (owned by `owner`, the main menu by default).
   * Returns the external ids, or [] when the chat or its channel is not available.
   */
  notify(chatKey: string, build: MessageBuilder | OutboundMessage[], owner = 'menu', tag: string | null = null): Promise<string[]> {
    return this.queue.run(chatKey, () => this.push(chatKey, build, owner, tag));
  }

  /** The channels attached here (this instance sends their queued messages: bot/engine/outbox.ts). */
  attachedChannels(): ChannelName[] {
    return [...this.channels.keys()];
  }

  /** Sends messages another instance queued for this chat, in order with the chat's own conversation here. */
  deliverQueued(chatKey: string, channelName: ChannelName, externalId: string, deliveries: Delivery[]): Promise<string[]> {
    const channel = this.channels.get(channelName);
    if (!channel) return Promise.reject(new Error(`channel ${channelName} is not attached here`));
    return this.queue.run(chatKey, () => channel.send(externalId, deliveries));
  }

  /**
   * Sends a broadcast (a survey) to one chat only while it is idle: at the main menu (or a journey left untouched for
   * `JOURNEY_IDLE_MS`) and not handed off to a person. The dialog `owner` takes the answers from then on. Paced
   * behind replies. A refused send (`ChannelSendError`) is thrown to the caller, and the chat's state is put back.
   */
  broadcast(chatKey: string, build: BroadcastBuilder, owner: string): Promise<BroadcastResult> {
    return this.queue.run(chatKey, () => this.pushBroadcast(chatKey, build, owner));
  }

  /**
   * Sends messages to every chat linked to the subscriber. Non-essential messages (`essential: false`: reminders,
   * surveys) are skipped when the subscriber muted notifications. Returns how many chats were reached.
   */
  async notifySubscriber(subscriberId: string, build: MessageBuilder, options: { essential: boolean }): Promise<number> {
    const { store, clock } = this.options;
    const subscriber = await store.subscribers.get(subscriberId);
    if (!subscriber || (!options.essential && subscriber.notificationsMuted)) return 0;
    const chats = (await store.chats.listBySubscriber(subscriberId)).filter((c) => isLinked(c, clock.now()));
    let reached = 0;
    for (const chat of chats) {
      const ids = await this.notify(chat.key, build);
      if (ids.length > 0) reached += 1;
    }
    return reached;
  }

  /** Resolves when every queued event has been handled (used at shutdown and in tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  // === Inbound

  private async step(channelName: ChannelName, key: string, inbound: Inbound, replied: () => void): Promise<void> {
    const { store, clock, logger } = this.options;
    const channel = this.channels.get(channelName);
    if (!channel) {
      logger.warn({ channel: channelName }, 'event for a channel that is not attached; dropped');
      return;
    }
    let chat: Chat | null = null;
    const receivedAt = clock.now();
    try {
      // Issued together, so the embedded store commits both at once (a repeated update only refreshes the chat's last contact).
      const firstTime = inbound.updateId ? store.dedupe.firstTime(`${channelName}:update`, inbound.updateId, clock.now()) : null;
      const touched = store.chats.touch(channelName, inbound.externalId, clock.now());
      if (firstTime && !(await firstTime)) {
        await touched;
        logger.debug({ chat: key }, 'duplicate update ignored');
        return;
      }
      chat = await touched;
      const subscriberLanguage = await this.subscriberLanguage(chat);
      const { result, exchange } = await this.advance(key, chat, channel.capabilities, inbound, subscriberLanguage, receivedAt);
      await this.runEffects(chat, result.effects);
      await channel.send(inbound.externalId, result.outbound, { language: exchange.language });
      replied();
      await this.listeners.afterReply(exchange);
      // Told what became of their signed applications: done now (a crash before this leaves them to the sweep).
      for (const e of result.effects) if (e.kind === 'answered') await this.options.services.selfService?.answered(e.applicationId);
    } catch (err) {
      await this.apologise(channel, key, inbound.externalId, chat, err);
    }
  }

  /**
   * Runs the dialog on the stored state and writes the new one, again on a fresh read if another write came first.
   * The conversation log is handed the exchange in the same turn as the state write (the embedded store commits both
   * at once), and both are written before the reply leaves: a crash after it never loses what was answered. A step
   * whose write lost the race has its lines taken back before it is run again.
   */
  private async advance(key: string, chat: Chat, capabilities: ChannelCapabilities, inbound: Inbound, subscriberLanguage: Language | null, at: Date) {
    const { store, clock } = this.options;
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const session = await store.dialogs.read(key);
      const before = asState(session?.state);
      const result = await continueFlow(before, inbound.event, {
        chat,
        subscriberLanguage,
        localeHint: inbound.localeHint ?? null,
        now: clock.now(),
        capabilities,
        services: this.options.services,
        registry: this.options.registry,
        address: inbound.origin?.address ?? null,
        newToken: this.newToken,
      });
      const chosen = result.effects.findLast((e) => e.kind === 'setLanguage')?.language;
      const exchange: Exchange = {
        chatKey: key, subscriberId: chat.subscriberId, inbound: inbound.event, inboundText: describeInbound(before, inbound.event, this.options.registry),
        outbound: result.outbound, at, language: chosen ?? languageFor(chat, subscriberLanguage, inbound.localeHint ?? null), journeys: result.journeys,
      };
      const writing = store.dialogs.write(key, result.state, session?.version ?? 0, clock.now());
      const held = this.listeners.hold(exchange);
      const [won, retracts] = await Promise.allSettled([writing, held]);
      if (won.status === 'fulfilled' && won.value) return { result, exchange };
      await Promise.all((retracts.status === 'fulfilled' ? retracts.value : []).map((retract) => retract()));
      if (won.status === 'rejected') throw won.reason;
    }
    throw new Error('dialog state kept changing under us');
  }

  private async runEffects(chat: Chat, effects: Effect[]): Promise<void> {
    const { store } = this.options;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'setLanguage':
          await store.chats.setLanguage(chat.key, effect.language);
          if (chat.subscriberId) await store.subscribers.setLanguage(chat.subscriberId, effect.language);
          break;
      }
    }
  }

  private async apologise(channel: Channel, key: string, externalId: string, chat: Chat | null, err: unknown): Promise<void> {
    const { logger } = this.options;
    logger.error({ err, chat: key }, 'conversation step failed');
    try {
      const t = translator(chat?.language ?? 'ru');
      await channel.send(externalId, [{ text: t('common:error.unexpected') }]);
    } catch (sendErr) {
      logger.error({ err: sendErr, chat: key }, 'could not deliver the apology either');
    }
  }

  /**
   * The language kept on the chat's subscriber, read only when the chat has none of its own: the chat's comes first
   * (`languageFor`), so once a chat has chosen, the subscriber's is never asked for (one read less per step).
   */
  private async subscriberLanguage(chat: Chat): Promise<Language | null> {
    if (chat.language || !chat.subscriberId) return null;
    return (await this.options.store.subscribers.get(chat.subscriberId))?.language ?? null;
  }

  // === Outbound (notifications)

  private async push(chatKey: string, build: MessageBuilder | OutboundMessage[], owner: string, tag: string | null): Promise<string[]> {
    const { store, clock, logger, outbox } = this.options;
    const chat = await store.chats.get(chatKey);
    const channel = chat ? this.channels.get(chat.channel) : undefined;
    if (!chat || (!channel && !outbox)) return [];
    const subscriberLanguage = await this.subscriberLanguage(chat);
    const language = languageFor(chat, subscriberLanguage, null);
    const messages = typeof build === 'function' ? build(translator(language), language) : build;
    const session = await store.dialogs.read(chatKey);
    const state = asState(session?.state) ?? { v: 1, dialog: 'menu', data: null, menu: null, misses: 0 };
    const deliveries = stampMenus(messages, state, owner, this.newToken);
    if (deliveries.some((d) => d.menuToken)) {
      if (!(await store.dialogs.write(chatKey, state, session?.version ?? 0, clock.now()))) {
        logger.warn({ chat: chatKey }, 'menu of a notification not remembered (state changed meanwhile)');
      }
    }
    // The channel held elsewhere: queued for the instance that holds it (ids `outbox:<id>`).
    const ids = channel ? await channel.send(chat.externalId, deliveries) : await outbox!.queue(chat, deliveries, tag);
    if (!channel && ids.length === 0) return [];
    await this.listeners.tell({ chatKey, subscriberId: chat.subscriberId, inbound: null, inboundText: null, outbound: deliveries, at: clock.now(), language, journeys: [] });
    return ids;
  }

  private async pushBroadcast(chatKey: string, build: BroadcastBuilder, owner: string): Promise<BroadcastResult> {
    const { store, clock } = this.options;
    const chat = await store.chats.get(chatKey);
    const channel = chat ? this.channels.get(chat.channel) : undefined;
    if (!chat || !channel) return { kind: 'unreachable' };
    const session = await store.dialogs.read(chatKey);
    const before = asState(session?.state);
    const inJourney = before !== null && before.dialog !== 'menu' && session !== null
      && clock.now().getTime() - session.updatedAt.getTime() < JOURNEY_IDLE_MS;
    if (inJourney || (await this.options.services.tickets.handedOffTicket(chatKey))) return { kind: 'busy' };
    const subscriberLanguage = await this.subscriberLanguage(chat);
    const language = languageFor(chat, subscriberLanguage, null);
    const { messages, data } = build(translator(language), language);
    const state: EngineState = { ...(before ?? initialState()), dialog: owner, data, menu: null, misses: 0 };
    const deliveries = stampMenus(messages, state, owner, this.newToken);
    const version = session?.version ?? 0;
    if (!(await store.dialogs.write(chatKey, state, version, clock.now()))) return { kind: 'busy' };
    let ids: string[];
    try {
      ids = await channel.send(chat.externalId, deliveries, { bulk: true });
    } catch (err) {
      // Not shown (or unknown): the chat goes on as it was.
      await store.dialogs.write(chatKey, before ?? initialState(), version + 1, clock.now());
      throw err;
    }
    await this.listeners.tell({ chatKey, subscriberId: chat.subscriberId, inbound: null, inboundText: null, outbound: deliveries, at: clock.now(), language, journeys: [] });
    return { kind: 'sent', ids, language };
  }
}

/**
 * @module The web-chat channel: each browser session opens a chat; the bot's messages go to the page over
 * server-sent events, and the last ones are kept in the store (chat-history.ts) so a reload (or a second tab), served
 * by any instance, shows the conversation, and a page whose stream another instance holds hears of them too.
 * An answered menu loses its buttons or reads as used, like in Telegram, so a reload shows which menus are done.
 * The chat's external id is random and independent of the session's token (sessions.ts), so store keys and logs
 * cannot be turned back into a cookie, and the token can rotate.
 */
import { randomBytes } from 'node:crypto';
import { chatKey } from '../../core/chats/key.ts';
import { systemClock, type Clock } from '../../core/ports/clock.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { ChatRepository } from '../../core/chats/repository.ts';
import type { WebChatMessageRepository, WebChatSessionRepository } from '../../core/webchat/repository.ts';
import type { Channel, Inbound, SendOptions } from '../engine/channel.ts';
import type { EventBus } from '../../core/events.ts';
import type { WebChatMessage } from '../../core/webchat/model.ts';
import type { ChannelCapabilities, Delivery, InboundEvent } from '../engine/types.ts';
import { ChatHistories, type Change, type Listener } from './chat-history.ts';
import { WebChatSessions } from './sessions.ts';

export const WEBCHAT_CAPABILITIES: ChannelCapabilities = {
  maxChoices: 12,
  choiceStyle: 'buttons',
  maxLabelLength: 60,
  contactRequest: false,
  editMessages: true,
  linkButtons: true,
  thirdParty: false,
};

export type { WebChatMessage };

/** What the page posts, as the engine's event; null when malformed. */
export function eventFromPost(body: unknown): InboundEvent | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (b.kind === 'text' && typeof b.text === 'string' && b.text.trim() && b.text.length <= 2000) return { kind: 'text', text: b.text };
  if (b.kind === 'choice' && typeof b.id === 'string' && b.id.length <= 64) {
    const messageId = typeof b.message === 'string' && b.message.length <= 64 ? b.message : undefined;
    return { kind: 'choice', id: b.id, menuToken: typeof b.token === 'string' ? b.token.slice(0, 64) : null, ...(messageId ? { messageId } : {}) };
  }
  if (b.kind === 'command' && typeof b.name === 'string' && /^[a-z]{1,32}$/.test(b.name)) return { kind: 'command', name: b.name, args: '' };
  return null;
}

/**
 * Several instances on one store: each write of a chat's messages is announced on the domain bus
 * (`webchat.changed`), which the live feed (core/livefeed) passes to the other instances; each hears the others'
 * announcements on its live bus.
 */
export interface WebChatInstances {
  events: EventBus;
  live: EventBus;
}

/** Marks the matching menus used (with `dropButtons`, without their buttons). */
function retire(messages: WebChatMessage[], which: (m: WebChatMessage) => boolean, dropButtons: boolean): WebChatMessage[] {
  return messages.map((h) => (h.from !== 'bot' || h.choices.length === 0 || (h.used && !dropButtons) || !which(h)
    ? h
    : { ...h, used: true, ...(dropButtons ? { choices: [] } : {}) }));
}

/** The repositories the web chat reads and writes: its chats, their sessions and their recent messages. */
export interface WebChatRepositories {
  chats: ChatRepository;
  webchatSessions: WebChatSessionRepository;
  webchatMessages: WebChatMessageRepository;
}

export class WebChatChannel implements Channel {
  readonly name = 'webchat' as const;
  readonly capabilities = WEBCHAT_CAPABILITIES;
  private readonly histories: ChatHistories;
  /** The ids of the bot's messages last sent to each chat from here (what stays on the screen after a logout). */
  private readonly lastSent = new Map<string, string[]>();
  private sequence = 0;
  private readonly prefix = randomBytes(3).toString('base64url');
  private readonly sweeper: NodeJS.Timeout;
  private readonly offHeard: () => void;
  /**
   * Called on close, so open event streams end at once instead of holding the process on shutdown. A set of
   * callbacks, not one AbortSignal every stream listens on: that grew by a listener per open tab and set off
   * Node's MaxListenersExceededWarning.
   */
  private readonly closeCallbacks = new Set<() => void>();
  private closedAlready = false;
  /** The browser sessions that open these chats. */
  readonly sessions: WebChatSessions;

  constructor(private readonly store: WebChatRepositories, private readonly clock: Clock = systemClock, instances?: WebChatInstances) {
    this.sessions = new WebChatSessions(store, clock);
    this.histories = new ChatHistories({
      repository: store.webchatMessages,
      clock,
      ...(instances ? { announce: (externalId: string, rev: number) => void instances.events.emit('webchat.changed', { externalId, rev }) } : {}),
    });
    this.offHeard = instances?.live.on('webchat.changed', ({ externalId, rev }) => this.histories.heard(externalId, rev)) ?? (() => {});
    this.sweeper = setInterval(() => {
      this.histories.forgetIdle();
      for (const id of this.lastSent.keys()) if (!this.histories.latest(id)) this.lastSent.delete(id);
    }, 5 * 60_000);
    this.sweeper.unref();
  }

  /** `raw` is `{ externalId, body, clientId, lang, address }` from the POST route. */
  toInbound(raw: unknown): Inbound | null {
    const { externalId, body, clientId, lang, address } = raw as {
      externalId: string; body: unknown; clientId?: string; lang?: Language | null; address?: string | null;
    };
    const event = eventFromPost(body);
    if (!event) return null;
    return {
      externalId,
      event,
      localeHint: lang ?? null,
      ...(address ? { origin: { address } } : {}),
      ...(clientId ? { updateId: `${externalId}:${clientId.slice(0, 64)}` } : {}),
    };
  }

  async send(externalId: string, messages: Delivery[], options: SendOptions = {}): Promise<string[]> {
    const lang = options.language ?? (await this.store.chats.get(chatKey('webchat', externalId)))?.language ?? 'ru';
    const at = this.clock.now().getTime();
    const sent: WebChatMessage[] = messages.map((m) => ({
      id: this.newId('m'),
      from: 'bot',
      text: m.text,
      choices: (m.choices ?? []).slice(0, this.capabilities.maxChoices).map((c) => ({ id: c.id, label: c.label })),
      menuToken: m.menuToken ?? null,
      link: m.link ?? null,
      lang,
      used: false,
      at,
    }));
    const change: Change = (history) => {
      let out = history;
      for (const [i, m] of messages.entries()) {
        if (m.retireMenuId) out = retire(out, (h) => h.id === m.retireMenuId, true);
        // Only the newest menu is the one on screen: older ones read as used, in every tab and after a reload.
        if (m.menuToken) out = retire(out, (h) => h.menuToken !== null, false);
        out = [...out, sent[i]!];
      }
      return out;
    };
    const ids = sent.map((m) => m.id);
    this.lastSent.set(externalId, ids);
    await this.histories.change(externalId, change);
    return ids;
  }

  /**
   * The subscriber answered the menu with this token (a button): it reads as used from now on. `withReply`: written
   * with the reply to it (or at `writeWaiting`), not on its own.
   */
  markAnswered(externalId: string, menuToken: string, options: { withReply?: boolean } = {}): Promise<void> {
    return this.histories.change(externalId, (history) => retire(history, (h) => h.menuToken === menuToken, false), { withNext: options.withReply });
  }

  /**
   * Shows the subscriber's own message in every open tab of the session at once, and keeps it for reloads;
   * `withReply`: written with the reply to it (or at `writeWaiting`), not on its own.
   */
  recordOwn(externalId: string, text: string, options: { withReply?: boolean } = {}): Promise<void> {
    const id = this.newId('u');
    const at = this.clock.now().getTime();
    return this.histories.change(externalId, (history) => [
      ...history,
      { id, from: 'me', text: text.slice(0, 2000), choices: [], menuToken: null, link: null, lang: history.at(-1)?.lang ?? 'ru', used: false, at },
    ], { withNext: options.withReply });
  }

  /** Writes what `recordOwn` and `markAnswered` left waiting for a reply (call once the step is done). */
  writeWaiting(externalId: string): Promise<void> {
    return this.histories.writeWaiting(externalId);
  }

  /** Forgets every message of the chat but the bot's last answer from here (after a logout: only its answer stays). */
  keepLastAnswer(externalId: string): Promise<void> {
    const keep = new Set(this.lastSent.get(externalId) ?? []);
    return this.histories.change(externalId, (history) => history.filter((m) => keep.has(m.id)));
  }

  /** The messages kept for this chat, oldest first, as the store has them. */
  history(externalId: string): Promise<WebChatMessage[]> {
    return this.histories.read(externalId);
  }

  /** Calls `listener` for every new or edited message of the chat until the returned function is called. */
  listen(externalId: string, listener: Listener): () => void {
    return this.histories.listen(externalId, listener);
  }

  /** Stops the idle sweeper, ends every open event stream, and resolves once every message is written. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.offHeard();
    this.closedAlready = true;
    for (const callback of [...this.closeCallbacks]) callback();
    this.closeCallbacks.clear();
    await this.histories.settled();
  }

  /** Calls `callback` when the channel closes (at once if it has); returns the function that cancels it. */
  onClose(callback: () => void): () => void {
    if (this.closedAlready) {
      callback();
      return () => {};
    }
    this.closeCallbacks.add(callback);
    return () => this.closeCallbacks.delete(callback);
  }

  /** A message id unique across instances (each has its own prefix) and in time order on each. */
  private newId(kind: 'm' | 'u'): string {
    return `${kind}${Date.now().toString(36)}${this.prefix}${(this.sequence += 1).toString(36)}`;
  }
}

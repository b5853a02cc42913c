/**
 * @module The web-chat channel: each browser session opens a chat; the bot's messages go to the page over
 * server-sent events, and the last ones are kept in memory so a reload (or a second tab) shows the conversation.
 * An answered menu loses its buttons or reads as used, like in Telegram, so a reload shows which menus are done. The chat's external id is random and independent of the session's
 * token (sessions.ts), so store keys and logs cannot be turned back into a cookie, and the token can rotate.
 */
import { chatKey } from '../../core/chats/key.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { Store } from '../../core/store/store.ts';
import type { Channel, Inbound } from '../engine/channel.ts';
import type { ChannelCapabilities, Choice, Delivery, InboundEvent } from '../engine/types.ts';
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

/** One message as the page receives it: the bot's, or the subscriber's own (kept for reloads). */
export interface WebChatMessage {
  id: string;
  from: 'bot' | 'me';
  text: string;
  choices: Pick<Choice, 'id' | 'label'>[];
  menuToken: string | null;
  link: { url: string; label: string } | null;
  /** The chat's language when sent (the page switches its own labels with it). */
  lang: Language;
  /** A menu already answered or followed by a newer one: the page shows its buttons as used (also after a reload). */
  used: boolean;
}

type Listener = (message: WebChatMessage) => void;

/** What this instance keeps of one chat: its recent messages and the open pages listening. */
interface ChatMemory {
  history: WebChatMessage[];
  listeners: Set<Listener>;
  lastSeen: number;
}

/** Messages kept per session for reloads. */
const HISTORY = 60;
/** Sessions without a page open are forgotten after this long (the chat itself stays in the store). */
const IDLE_MS = 60 * 60_000;

/** What the page posts, as the engine's event; null when malformed. */
export function eventFromPost(body: unknown): InboundEvent | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (b.kind === 'text' && typeof b.text === 'string' && b.text.trim() && b.text.length <= 2000) return { kind: 'text', text: b.text };
  if (b.kind === 'choice' && typeof b.id === 'string' && b.id.length <= 64) {
    return { kind: 'choice', id: b.id, menuToken: typeof b.token === 'string' ? b.token.slice(0, 64) : null };
  }
  if (b.kind === 'command' && typeof b.name === 'string' && /^[a-z]{1,32}$/.test(b.name)) return { kind: 'command', name: b.name, args: '' };
  return null;
}

export class WebChatChannel implements Channel {
  readonly name = 'webchat' as const;
  readonly capabilities = WEBCHAT_CAPABILITIES;
  private readonly chats = new Map<string, ChatMemory>();
  private sequence = 0;
  private readonly sweeper: NodeJS.Timeout;
  /**
   * Called on close, so open event streams end at once instead of holding the process on shutdown. A set of
   * callbacks, not one AbortSignal every stream listens on: that grew by a listener per open tab and set off
   * Node's MaxListenersExceededWarning.
   */
  private readonly closeCallbacks = new Set<() => void>();
  private closedAlready = false;
  /** The browser sessions that open these chats. */
  readonly sessions: WebChatSessions;

  constructor(private readonly store: Store, clock?: Clock) {
    this.sessions = new WebChatSessions(store, clock);
    this.sweeper = setInterval(() => this.forgetIdle(), 5 * 60_000);
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

  async send(externalId: string, messages: Delivery[]): Promise<string[]> {
    const chat = await this.store.chats.get(chatKey('webchat', externalId));
    const lang = chat?.language ?? 'ru';
    const session = this.memory(externalId);
    const ids: string[] = [];
    for (const m of messages) {
      if (m.retireMenuId) this.retire(session, (h) => h.id === m.retireMenuId, true);
      // Only the newest menu is the one on screen: older ones read as used, in every tab and after a reload.
      if (m.menuToken) this.retire(session, (h) => h.menuToken !== null, false);
      const id = `m${Date.now().toString(36)}${(this.sequence += 1).toString(36)}`;
      const message: WebChatMessage = {
        id,
        from: 'bot',
        text: m.text,
        choices: (m.choices ?? []).slice(0, this.capabilities.maxChoices).map((c) => ({ id: c.id, label: c.label })),
        menuToken: m.menuToken ?? null,
        link: m.link ?? null,
        lang,
        used: false,
      };
      this.publish(session, message);
      ids.push(id);
    }
    return ids;
  }

  /** The subscriber answered the menu with this token (a button): it reads as used from now on. */
  markAnswered(externalId: string, menuToken: string): void {
    this.retire(this.memory(externalId), (h) => h.menuToken === menuToken, false);
  }

  /** Marks matching menus used (and, with `dropButtons`, takes their buttons away), telling the open tabs. */
  private retire(session: ChatMemory, which: (m: WebChatMessage) => boolean, dropButtons: boolean): void {
    for (const h of [...session.history]) {
      if (h.from !== 'bot' || h.choices.length === 0 || (h.used && !dropButtons) || !which(h)) continue;
      this.publish(session, { ...h, used: true, ...(dropButtons ? { choices: [] } : {}) });
    }
  }

  /** Shows the subscriber's own message in every open tab of the session (and after a reload). */
  recordOwn(externalId: string, text: string): void {
    const session = this.memory(externalId);
    const lang = session.history.at(-1)?.lang ?? 'ru';
    const id = `u${Date.now().toString(36)}${(this.sequence += 1).toString(36)}`;
    this.publish(session, { id, from: 'me', text: text.slice(0, 2000), choices: [], menuToken: null, link: null, lang, used: false });
  }

  private publish(session: ChatMemory, message: WebChatMessage): void {
    const at = session.history.findIndex((h) => h.id === message.id);
    if (at >= 0) session.history[at] = message;
    else session.history.push(message);
    if (session.history.length > HISTORY) session.history.splice(0, session.history.length - HISTORY);
    for (const listener of session.listeners) listener(message);
  }

  /** The messages kept for this session, oldest first. */
  history(externalId: string): WebChatMessage[] {
    return [...this.memory(externalId).history];
  }

  /** Calls `listener` for every new or edited message of the session until the returned function is called. */
  listen(externalId: string, listener: Listener): () => void {
    const session = this.memory(externalId);
    session.listeners.add(listener);
    return () => {
      session.listeners.delete(listener);
      session.lastSeen = Date.now();
    };
  }

  /** Stops the idle sweeper and ends every open event stream. */
  close(): void {
    clearInterval(this.sweeper);
    this.closedAlready = true;
    for (const callback of [...this.closeCallbacks]) callback();
    this.closeCallbacks.clear();
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

  private memory(externalId: string): ChatMemory {
    let session = this.chats.get(externalId);
    if (!session) {
      session = { history: [], listeners: new Set(), lastSeen: Date.now() };
      this.chats.set(externalId, session);
    }
    session.lastSeen = Date.now();
    return session;
  }

  private forgetIdle(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, s] of this.chats) if (s.listeners.size === 0 && s.lastSeen < cutoff) this.chats.delete(id);
  }
}

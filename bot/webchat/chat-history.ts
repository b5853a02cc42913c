/**
 * @module What the web chat shows, kept in the store (issue 20 item 15) so any instance serves a reload and every
 * instance's open pages hear of a message another instance wrote. Each change (a message shown, a menu answered) is a
 * small function of the chat's messages: it is shown to this instance's open pages at once, then written at the
 * revision it was computed from (core/webchat); a write another instance beat is redone on what the store holds. So
 * a single instance reads a chat from the store only once and writes once per change (changes made while a write is
 * on its way go in the next one, together; a change made `withNext` — the subscriber's own message — waits for the
 * chat's next write, the reply, so a step writes its chat once); after every write the chat's new revision is announced (`announce`:
 * the live feed, core/livefeed), and an instance with open pages for that chat reads it when it hears of a revision
 * newer than its own (`heard`), within the feed's poll (INSTANCE_POLL_MS).
 */
import { deferred, type Deferred } from '../../core/deferred.ts';
import type { Clock } from '../../core/ports/clock.ts';
import { WEBCHAT_HISTORY, type WebChatMessage } from '../../core/webchat/model.ts';
import type { WebChatMessageRepository } from '../../core/webchat/repository.ts';

export type Listener = (message: WebChatMessage) => void;
/** One change of a chat's messages; run again on the store's messages when another instance wrote first. */
export type Change = (messages: WebChatMessage[]) => WebChatMessage[];

/** What this instance holds of one chat. */
interface Held {
  /** As written at `rev` (or read), once `loaded`. */
  base: WebChatMessage[];
  rev: number;
  loaded: boolean;
  /** Changes shown but not written yet. */
  pending: Change[];
  /** What the open pages here were last given. */
  shown: WebChatMessage[];
  listeners: Set<Listener>;
  /** The write waiting to start (changes join it), and the end of the chat's queue of reads and writes. */
  next: Promise<void> | null;
  /** Changes made `withNext` since the last write started: resolved by the write that takes them. */
  waiting: Deferred | null;
  tail: Promise<void>;
  lastSeen: number;
}

/** Sessions without a page open are forgotten after this long (the chat itself stays in the store). */
const IDLE_MS = 60 * 60_000;
const WRITE_ATTEMPTS = 5;

const apply = (messages: WebChatMessage[], changes: Change[]): WebChatMessage[] => {
  let out = messages;
  for (const change of changes) out = change(out);
  return out.length > WEBCHAT_HISTORY ? out.slice(out.length - WEBCHAT_HISTORY) : out;
};

/** Changes keep the messages they do not touch as they were (the same objects): only a new object is compared. */
const same = (a: WebChatMessage, b: WebChatMessage): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

export interface ChatHistoryOptions {
  repository: WebChatMessageRepository;
  clock: Clock;
  /** Tells the other instances that a chat's messages are now at `rev`. */
  announce?: (externalId: string, rev: number) => void;
}

export class ChatHistories {
  private readonly chats = new Map<string, Held>();

  constructor(private readonly options: ChatHistoryOptions) {}

  /**
   * Applies `change` to the chat: shown here at once, resolved once written. `withNext`: written with the chat's next
   * change (or at `writeWaiting`) instead of on its own — for what the subscriber posted, which the reply follows
   * within the same request. A chat this instance has not read yet is written at once (its pages learn of it so).
   */
  change(externalId: string, change: Change, options: { withNext?: boolean } = {}): Promise<void> {
    const held = this.hold(externalId);
    held.pending.push(change);
    if (held.loaded) this.show(held, apply(held.base, held.pending));
    if (options.withNext && held.loaded) return (held.waiting ??= deferred()).promise;
    return this.write(externalId, held);
  }

  /** Writes the chat's changes still waiting for a next one (the step answered without a reply, or failed). */
  writeWaiting(externalId: string): Promise<void> {
    const held = this.chats.get(externalId);
    return held?.waiting ? this.write(externalId, held) : Promise.resolve();
  }

  /** The chat's messages as the store has them (one read: a page opening), with this instance's unwritten changes. */
  async read(externalId: string): Promise<WebChatMessage[]> {
    const held = this.hold(externalId);
    await this.enqueue(held, () => this.refresh(externalId, held));
    return apply(held.base, held.pending);
  }

  /** The newest message as this instance knows it (its language, say), without a read. */
  latest(externalId: string): WebChatMessage | undefined {
    return this.chats.get(externalId)?.shown.at(-1);
  }

  /** Calls `listener` for every new or changed message of the chat until the returned function is called. */
  listen(externalId: string, listener: Listener): () => void {
    const held = this.hold(externalId);
    held.listeners.add(listener);
    return () => {
      held.listeners.delete(listener);
      held.lastSeen = Date.now();
    };
  }

  /** Another instance wrote the chat at `rev`: an instance with its pages open reads it, the others forget theirs. */
  heard(externalId: string, rev: number): void {
    const held = this.chats.get(externalId);
    if (!held || rev <= held.rev) return;
    held.loaded = false;
    if (held.listeners.size === 0) return;
    void this.enqueue(held, () => this.refresh(externalId, held)).catch(() => undefined);
  }

  /** Resolves when every change so far is written. */
  async settled(): Promise<void> {
    await Promise.all([...this.chats.entries()].map(([id, held]) => this.writeWaiting(id).catch(() => undefined)));
    await Promise.all([...this.chats.values()].map((held) => held.tail));
  }

  /** Forgets chats that had no page open for a while (nothing unwritten). */
  forgetIdle(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, held] of this.chats) {
      if (held.listeners.size === 0 && held.lastSeen < cutoff && held.pending.length === 0 && !held.next) this.chats.delete(id);
    }
  }

  private hold(externalId: string): Held {
    let held = this.chats.get(externalId);
    if (!held) {
      held = { base: [], rev: 0, loaded: false, pending: [], shown: [], listeners: new Set(), next: null, waiting: null, tail: Promise.resolve(), lastSeen: 0 };
      this.chats.set(externalId, held);
    }
    held.lastSeen = Date.now();
    return held;
  }

  private async refresh(externalId: string, held: Held): Promise<void> {
    const stored = await this.options.repository.read(externalId);
    if ((stored?.rev ?? 0) < held.rev) return;
    held.base = stored?.messages ?? [];
    held.rev = stored?.rev ?? 0;
    held.loaded = true;
    this.show(held, apply(held.base, held.pending));
  }

  /** Runs `work` after everything already queued for the chat: its reads and writes never overlap. */
  private enqueue(held: Held, work: () => Promise<void>): Promise<void> {
    const run = held.tail.then(work);
    held.tail = run.catch(() => undefined);
    return run;
  }

  /** The next write of the chat's pending changes (joined while it has not started). */
  private write(externalId: string, held: Held): Promise<void> {
    if (held.next) return held.next;
    held.next = this.enqueue(held, () => {
      held.next = null;
      return this.persist(externalId, held);
    });
    return held.next;
  }

  private async persist(externalId: string, held: Held): Promise<void> {
    const waiting = held.waiting;
    held.waiting = null;
    try {
      await this.persistChanges(externalId, held);
      waiting?.resolve();
    } catch (err) {
      waiting?.reject(err);
      throw err;
    }
  }

  private async persistChanges(externalId: string, held: Held): Promise<void> {
    const changes = held.pending.slice();
    if (changes.length === 0) return;
    const { repository, clock, announce } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      if (!held.loaded) await this.refresh(externalId, held);
      const messages = apply(held.base, changes);
      if (await repository.write(externalId, messages, held.rev, clock.now())) {
        held.base = messages;
        held.rev += 1;
        break;
      }
      held.loaded = false;
      if (attempt === WRITE_ATTEMPTS) throw new Error('web-chat messages kept changing under us');
    }
    held.pending.splice(0, changes.length);
    this.show(held, apply(held.base, held.pending));
    announce?.(externalId, held.rev);
  }

  /** Gives the open pages what changed since they were last given the chat's messages. */
  private show(held: Held, messages: WebChatMessage[]): void {
    if (held.listeners.size === 0) {
      held.shown = messages;
      return;
    }
    const before = new Map(held.shown.map((m) => [m.id, m]));
    held.shown = messages;
    for (const message of messages) {
      const was = before.get(message.id);
      if (was && same(was, message)) continue;
      for (const listener of held.listeners) listener(message);
    }
  }
}

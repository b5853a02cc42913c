/**
 * @module One engine step in progress (`continueFlow`): the chat's state being changed, what the bot says (with the
 * dialog that says it), the effects asked for, the journeys gone through, and the moves every route uses — enter a
 * dialog, hand an input to a dialog, repeat the question, run a command, relay to the person who has the chat.
 * Nothing here touches a channel or writes the store; dialogs act through `ctx.services`.
 */
import { translator } from '../../core/i18n/i18n.ts';
import type { Chat } from '../../core/chats/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { Dialog, DialogContext, DialogInput, Step } from './dialog.ts';
import { matchChoice } from './match-choice.ts';
import type { DialogRegistry } from './registry.ts';
import type { Services } from './services.ts';
import { initialState, type ChannelCapabilities, type Effect, type EngineState, type OutboundMessage } from './types.ts';
import { WAY_MENU, WAY_PERSON } from './way-on.ts';

/** What the runner knows about the chat when an event arrives. */
export interface FlowContext {
  chat: Chat;
  /** Language stored on the linked subscriber, if any (used when the chat has none). */
  subscriberLanguage: Language | null;
  /** The channel's idea of the user's language (Telegram `language_code`), if any. */
  localeHint: Language | null;
  now: Date;
  capabilities: ChannelCapabilities;
  services: Services;
  registry: DialogRegistry;
  /** The client address the channel reported for this event, if any. */
  address?: string | null;
  /** A fresh, unguessable menu token (short: it travels in button payloads). */
  newToken(): string;
}

/** A message the step says, and the dialog it belongs to (the owner of its menu). */
export interface Said {
  message: OutboundMessage;
  owner: string;
}

/** The open hand-off ticket of the chat, if a person has it. */
export type HandedOff = Awaited<ReturnType<Services['tickets']['handedOffTicket']>>;

/** Longest chain of `go` hops in one step; more means two dialogs send each other back and forth. */
const MAX_HOPS = 8;

/** The dialog that talks to a person; without it in the registry the engine never hands off. */
export const HANDOFF = 'handoff';

/** Detection order (STYLE 14): the chat's choice, the subscriber's, the channel's locale, then Russian. */
export function languageFor(chat: Chat, subscriberLanguage: Language | null, hint: Language | null): Language {
  return chat.language ?? subscriberLanguage ?? hint ?? 'ru';
}

export function isLinked(chat: Chat, now: Date): boolean {
  return Boolean(chat.subscriberId) && (!chat.linkExpiresAt || chat.linkExpiresAt.getTime() > now.getTime());
}

export class FlowStep {
  readonly said: Said[] = [];
  readonly effects: Effect[] = [];
  /** The dialogs this step went through, in order. */
  readonly journeys: string[] = [];
  /** The input was one the bot could not use (counts towards `EngineState.misses`). */
  missedInput = false;
  ctx: DialogContext;

  private constructor(
    readonly state: EngineState,
    readonly flow: FlowContext,
    /** The hand-off ticket when the event arrived (one indexed lookup per event, only if the registry hands off). */
    readonly handedOff: HandedOff,
    /** The chat had no state before this event: its first message, or its first since the state was cleared. */
    readonly fresh: boolean,
  ) {
    this.ctx = this.makeContext(flow.chat, languageFor(flow.chat, flow.subscriberLanguage, flow.localeHint));
  }

  /**
   * Starts a step on a copy of the chat's state. A shallow copy is enough: the engine only ever replaces the state's
   * fields (the dialog, its data, the menu), and dialogs return new data rather than change what they were given, so
   * `previous` stays as it was for what is read from it after the step (the menu that was on screen, a masked code).
   * A deep copy (`structuredClone`) of a state with a menu took ≈ 10 µs a step (issue 21).
   */
  static async open(previous: EngineState | null, flow: FlowContext): Promise<FlowStep> {
    const canHandOff = Boolean(flow.registry.getDialog(HANDOFF));
    const handedOff = canHandOff ? await flow.services.tickets.handedOffTicket(flow.chat.key) : null;
    return new FlowStep(previous ? { ...previous } : initialState(), flow, handedOff, previous === null);
  }

  /** The registry can hand a chat to a person. */
  get canHandOff(): boolean {
    return Boolean(this.flow.registry.getDialog(HANDOFF));
  }

  makeContext(chat: Chat, language: Language): DialogContext {
    const { flow } = this;
    return {
      chat, linked: isLinked(chat, flow.now), language, t: translator(language), now: flow.now,
      capabilities: flow.capabilities, services: flow.services, origin: { address: flow.address ?? null },
    };
  }

  dialogOf(id: string): Dialog<unknown> {
    const dialog = this.flow.registry.getDialog(id) ?? this.flow.registry.getDialog('menu');
    if (!dialog) throw new Error('the registry has no "menu" dialog');
    return dialog;
  }

  /** Says a message on behalf of the active dialog. */
  say(text: string): void {
    this.said.push({ message: { text }, owner: this.state.dialog });
  }

  /** Carries out a dialog's step: effects, words, and where the conversation goes. */
  async apply(step: Step, owner: string, hops: number): Promise<void> {
    for (const effect of step.effects) {
      this.effects.push(effect);
      // Later messages of this same step speak the new language.
      if (effect.kind === 'setLanguage') this.ctx = this.makeContext({ ...this.ctx.chat, language: effect.language }, effect.language);
    }
    if (step.miss) this.missedInput = true;
    for (const message of step.say) this.said.push({ message, owner });
    if (step.next.kind === 'stay') {
      this.state.dialog = owner;
      this.state.data = step.next.data;
      return;
    }
    // The step may have changed the chat (verification links it): the next dialog sees it as it is now.
    const fresh = await this.flow.services.chats.get(this.ctx.chat.key);
    if (fresh) this.ctx = this.makeContext({ ...fresh, language: this.ctx.chat.language }, this.ctx.language);
    await this.enter(step.next.dialog, step.next.args, hops + 1);
  }

  /** Enters a dialog (verification first when it needs a linked chat). */
  async enter(id: string, args?: unknown, hops = 0): Promise<void> {
    if (hops > MAX_HOPS) throw new Error(`dialog loop while entering ${id}`);
    const dialog = this.dialogOf(id);
    if (dialog.requiresLink && !this.ctx.linked) return this.enter('verify', { then: dialog.id, thenArgs: args }, hops + 1);
    this.state.dialog = dialog.id;
    this.state.data = null;
    this.journeys.push(dialog.id);
    if (dialog.id === HANDOFF) {
      // Menus left on screen belong to the bot; typed "2" is for the person from now on.
      this.state.menu = null;
      this.state.relayed = null;
    }
    await this.apply(await dialog.start(this.ctx, args), dialog.id, hops);
  }

  /** Hands an input to the dialog that owns it (the way-on choices the engine answers itself). */
  async deliver(owner: string, input: DialogInput): Promise<void> {
    if (input.kind === 'choice' && input.id === WAY_MENU) return this.enter('menu');
    if (input.kind === 'choice' && input.id === WAY_PERSON) return this.enter(HANDOFF, { reason: 'requested' });
    const dialog = this.dialogOf(owner);
    // A menu left on screen by another dialog (usually the main menu) takes the conversation there.
    const data = dialog.id === this.state.dialog ? this.state.data : null;
    this.journeys.push(dialog.id);
    this.state.dialog = dialog.id;
    this.state.data = data;
    await this.apply(await dialog.handle(input, data, this.ctx), dialog.id, 0);
  }

  /**
   * Typed text for the active dialog. When a journey cannot use it and it names a main-menu item by its label or a
   * synonym ("баланс", "төлеу", one slip forgiven), that journey opens instead: nobody is stuck repeating a question.
   * Numbers stay the journey's own (a "2" is its second choice, never the menu's).
   */
  async deliverText(text: string): Promise<void> {
    const dialog = this.dialogOf(this.state.dialog);
    const data = dialog.id === this.state.dialog ? this.state.data : null;
    const step = await dialog.handle({ kind: 'text', text }, data, this.ctx);
    const named = step.miss && step.effects.length === 0 && dialog.id !== 'menu' && !/^\s*\d/.test(text)
      ? matchChoice(text, this.flow.registry.menuChoices(this.ctx))
      : null;
    if (named) return this.deliver('menu', { kind: 'choice', id: named.id });
    this.journeys.push(dialog.id);
    this.state.dialog = dialog.id;
    this.state.data = data;
    await this.apply(step, dialog.id, 0);
  }

  /** The current question again, or the main menu when the dialog has no `prompt` (the dialog stays active). */
  async repeatQuestion(): Promise<void> {
    const dialog = this.dialogOf(this.state.dialog);
    const again = dialog.prompt?.(this.state.data, this.ctx) ?? [];
    if (again.length > 0) {
      for (const message of again) this.said.push({ message, owner: dialog.id });
      return;
    }
    const menu = this.dialogOf('menu');
    const step = await menu.start(this.ctx, undefined);
    for (const message of step.say) this.said.push({ message, owner: menu.id });
  }

  /** Buttons whose meaning never goes stale: the main menu's items and "to the menu". */
  isNavigation(id: string): boolean {
    if (id === 'menu' || id === WAY_MENU || id === WAY_PERSON) return true;
    const item = this.flow.registry.getMenuItem(id);
    return Boolean(item && (item.visible?.(this.ctx) ?? true));
  }

  /** Typed input the active dialog is waiting for and only the bot can use (never relayed). */
  awaited(): boolean {
    return Boolean(this.dialogOf(this.state.dialog).awaits?.(this.state.data));
  }

  /** A command, slashed or typed as a word: opens its dialog from anywhere, even while a person has the chat. */
  async runCommand(name: string): Promise<void> {
    const command = this.flow.registry.getCommand(name);
    if (!command) {
      this.missedInput = true;
      this.say(this.ctx.t('bot:unknown.command'));
      return this.enter('menu');
    }
    await this.enter(command.dialog, command.args);
    // `/menu` and friends work during a hand-off, which stays (only /cancel or the agent ends it): say so first.
    if (this.handedOff && command.dialog !== HANDOFF && (await this.flow.services.tickets.handedOffTicket(this.flow.chat.key))) {
      this.said.unshift({ message: { text: this.ctx.t('tickets:handoff.still_connected') }, owner: this.state.dialog });
    }
  }
}

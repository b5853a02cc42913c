/**
 * @module What a dialog is: one journey step machine (`bot/dialogs/<name>.ts`), written once for every channel.
 * A dialog gets the subscriber's input and a context, and returns a `Step`: what to say, where to go next,
 * and which engine effects to run. Build steps with `stay`, `go` and `toMenu`.
 */
import type { Chat } from '../../core/chats/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { ChannelCapabilities, Effect, OutboundMessage } from './types.ts';
import type { Services } from './services.ts';

/** What reaches a dialog: typed text, a choice (pressed, or typed and matched by the engine), or a shared contact. */
export type DialogInput =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string }
  | { kind: 'contact'; phone: string; own: boolean };

/** Everything a dialog may look at. Read-only: changes go through `Step` or `services`. */
export interface DialogContext {
  /** The chat as it was when the input arrived (`subscriberId` set when linked). */
  chat: Chat;
  /** True when the chat is linked to a subscriber and the link has not expired. */
  linked: boolean;
  language: Language;
  /** Translator fixed to `language`: `ctx.t('bot:menu.title')`. */
  t: Translate;
  now: Date;
  capabilities: ChannelCapabilities;
  services: Services;
  /** Where the input came from, when the channel knows (pass it to verification: budgets per address). */
  origin: { address: string | null };
}

/** Where the conversation goes after a step. */
export type Next =
  | { kind: 'stay'; data: unknown }
  | { kind: 'go'; dialog: string; args?: unknown };

export interface Step {
  say: OutboundMessage[];
  next: Next;
  effects: Effect[];
  /** The dialog could not use the input (counts towards `EngineState.misses`). */
  miss?: boolean;
}

/**
 * A journey. `start` runs when the dialog is entered, `handle` for each input while it is active.
 * Both may be async (to call core use cases through `ctx.services`) and must not touch channels.
 * @example
 * export const hello: Dialog<{ asked: boolean }> = {
 *   id: 'hello',
 *   start: (ctx) => stay({ asked: true }, [{ text: ctx.t('hello:ask') }]),
 *   handle: (input, data, ctx) => toMenu([{ text: ctx.t('hello:thanks') }]),
 * };
 */
export interface Dialog<D = unknown> {
  /** Unique id, also the registry key and the `go(...)` target. */
  id: string;
  /** Entering the dialog requires a linked (verified) chat; the engine sends the subscriber to `verify` first. */
  requiresLink?: boolean;
  start(ctx: DialogContext, args: unknown): Step | Promise<Step>;
  /** `data` is the chat's state as stored: read it, and return new data (`stay`) rather than change it. */
  handle(input: DialogInput, data: D, ctx: DialogContext): Step | Promise<Step>;
  /**
   * Repeats the current question after something the dialog could not use (a sticker, a stale button).
   * Without it, the engine shows the main menu (the dialog stays active for typed answers).
   */
  prompt?(data: D, ctx: DialogContext): OutboundMessage[];
  /**
   * What the dialog is waiting for the subscriber to type, when only the bot can use it: a phone number to verify,
   * a one-time code, or another answer to the bot's own question (`text`: an account number, an IBAN). While the chat
   * is handed off to a person, typed text goes to the person — except this. A `code` is also masked in the
   * conversation log, so agents never see one-time codes.
   */
  awaits?(data: D): 'phone' | 'code' | 'text' | null;
}

/** Stay in the current dialog with new data, saying `say`. */
export function stay(data: unknown, say: OutboundMessage[] = [], effects: Effect[] = []): Step {
  return { say, next: { kind: 'stay', data }, effects };
}

/** Say `say`, then enter `dialog` (its `start` adds its own messages). */
export function go(dialog: string, args?: unknown, say: OutboundMessage[] = [], effects: Effect[] = []): Step {
  return { say, next: { kind: 'go', dialog, args }, effects };
}

/** Marks a step as "did not understand" (counted in `EngineState.misses`). */
export function missed(step: Step): Step {
  return { ...step, miss: true };
}

/** Say `say`, then show the main menu. */
export function toMenu(say: OutboundMessage[] = [], effects: Effect[] = []): Step {
  return go('menu', undefined, say, effects);
}

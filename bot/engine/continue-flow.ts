/**
 * @module The engine's step: `continueFlow(state, inbound, flow)` routes one inbound event to the right dialog and
 * returns the new state, the messages to send and the effects to run. It never touches a channel or writes the
 * store itself; the runner does that. Rules that hold for every dialog live here:
 * - slash commands open their dialog from anywhere; unknown commands get an answer and the menu;
 * - a button press counts only if it belongs to the menu on screen (its token matches); otherwise it is stale,
 *   answered, and not acted on; a menu is used up by the first press or typed answer;
 * - typed answers matching the menu on screen ("2", the label, a synonym) are treated as that choice;
 * - stickers, photos, voice... get a short answer and the current question again; never silence;
 * - while the chat is handed off to a person (PRODUCT.md journey 8), whatever the subscriber types, shares or sends
 *   goes to the person, in whatever dialog the chat is (the first message gets "passed on", later ones go silently).
 *   The bot still answers its own controls: commands (`/menu` shows the menu and the hand-off stays, with a reminder;
 *   `/cancel` leaves the person), its buttons, a typed answer to the menu on screen, and what a dialog `awaits`
 *   (a phone number or a one-time code: never relayed). Only the agent's "end hand-off" gives the chat back for good.
 * - an input the bot cannot use is answered with the question again plus the way on (menu, a person: way-on.ts);
 *   `MISSES_BEFORE_HANDOFF` misses in a row in one dialog hand the chat to a person, in any dialog.
 */
import { translator } from '../../core/i18n/i18n.ts';
import { formatTicketNumber } from '../../core/tickets/number.ts';
import type { Chat } from '../../core/chats/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { Dialog, DialogContext, DialogInput, Step } from './dialog.ts';
import { matchChoice } from './match-choice.ts';
import { parseSlashCommand, typedCommand } from './typed-commands.ts';
import { MISSES_BEFORE_HANDOFF, WAY_MENU, WAY_PERSON, withWayOn } from './way-on.ts';
import type { DialogRegistry } from './registry.ts';
import type { Services } from './services.ts';
import {
  initialState, type ChannelCapabilities, type CurrentMenu, type Delivery, type Effect, type EngineState, type InboundEvent,
  type OutboundMessage,
} from './types.ts';

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

export interface FlowResult {
  state: EngineState;
  outbound: Delivery[];
  effects: Effect[];
  /** The dialogs this step went through, in order (the journeys a conversation used, for the monthly report). */
  journeys: string[];
}

/** Longest chain of `go` hops in one step; more means two dialogs send each other back and forth. */
const MAX_HOPS = 8;

/** The dialog that talks to a person; without it in the registry the engine never hands off. */
const HANDOFF = 'handoff';

/** Detection order (STYLE 14): the chat's choice, the subscriber's, the channel's locale, then Russian. */
export function languageFor(chat: Chat, subscriberLanguage: Language | null, hint: Language | null): Language {
  return chat.language ?? subscriberLanguage ?? hint ?? 'ru';
}

export function isLinked(chat: Chat, now: Date): boolean {
  return Boolean(chat.subscriberId) && (!chat.linkExpiresAt || chat.linkExpiresAt.getTime() > now.getTime());
}

/**
 * Handles one inbound event. Pure apart from what dialogs do through `flow.services`.
 * @example
 * const { state, outbound } = await continueFlow(null, { kind: 'command', name: 'start', args: '' }, flow);
 */
export async function continueFlow(
  previous: EngineState | null,
  inbound: InboundEvent,
  flow: FlowContext,
): Promise<FlowResult> {
  const state: EngineState = previous ? structuredClone(previous) : initialState();
  const pressedMenu = previous?.menu ?? null;
  const said: { message: OutboundMessage; owner: string }[] = [];
  const effects: Effect[] = [];
  const journeys: string[] = [];
  let missedInput = false;

  const makeContext = (chat: Chat, language: Language): DialogContext => ({
    chat,
    linked: isLinked(chat, flow.now),
    language,
    t: translator(language),
    now: flow.now,
    capabilities: flow.capabilities,
    services: flow.services,
    origin: { address: flow.address ?? null },
  });
  let ctx = makeContext(flow.chat, languageFor(flow.chat, flow.subscriberLanguage, flow.localeHint));

  const dialogOf = (id: string): Dialog<unknown> => {
    const dialog = flow.registry.getDialog(id) ?? flow.registry.getDialog('menu');
    if (!dialog) throw new Error('the registry has no "menu" dialog');
    return dialog;
  };

  const apply = async (step: Step, owner: string, hops: number): Promise<void> => {
    for (const effect of step.effects) {
      effects.push(effect);
      // Later messages of this same step speak the new language.
      if (effect.kind === 'setLanguage') ctx = makeContext({ ...ctx.chat, language: effect.language }, effect.language);
    }
    if (step.miss) missedInput = true;
    for (const message of step.say) said.push({ message, owner });
    if (step.next.kind === 'stay') {
      state.dialog = owner;
      state.data = step.next.data;
      return;
    }
    // The step may have changed the chat (verification links it): the next dialog sees it as it is now.
    const fresh = await flow.services.chats.get(ctx.chat.key);
    if (fresh) ctx = makeContext({ ...fresh, language: ctx.chat.language }, ctx.language);
    await enter(step.next.dialog, step.next.args, hops + 1);
  };

  const enter = async (id: string, args: unknown, hops: number): Promise<void> => {
    if (hops > MAX_HOPS) throw new Error(`dialog loop while entering ${id}`);
    const dialog = dialogOf(id);
    if (dialog.requiresLink && !ctx.linked) return enter('verify', { then: dialog.id, thenArgs: args }, hops + 1);
    state.dialog = dialog.id;
    state.data = null;
    journeys.push(dialog.id);
    if (dialog.id === HANDOFF) {
      // Menus left on screen belong to the bot; typed "2" is for the person from now on.
      state.menu = null;
      state.relayed = null;
    }
    await apply(await dialog.start(ctx, args), dialog.id, hops);
  };

  const deliver = async (owner: string, input: DialogInput): Promise<void> => {
    // The way on the engine added to a missed answer (way-on.ts), on whichever dialog's message it sits.
    if (input.kind === 'choice' && input.id === WAY_MENU) return enter('menu', undefined, 0);
    if (input.kind === 'choice' && input.id === WAY_PERSON) return enter(HANDOFF, { reason: 'requested' }, 0);
    const dialog = dialogOf(owner);
    // A menu left on screen by another dialog (usually the main menu) takes the conversation there.
    const data = dialog.id === state.dialog ? state.data : null;
    journeys.push(dialog.id);
    state.dialog = dialog.id;
    state.data = data;
    await apply(await dialog.handle(input, data, ctx), dialog.id, 0);
  };

  /** The current question again, or the main menu when the dialog has no `prompt` (the dialog stays active). */
  const repeatQuestion = async (): Promise<void> => {
    const dialog = dialogOf(state.dialog);
    const again = dialog.prompt?.(state.data, ctx) ?? [];
    if (again.length > 0) {
      for (const message of again) said.push({ message, owner: dialog.id });
      return;
    }
    const menu = dialogOf('menu');
    const step = await menu.start(ctx, undefined);
    for (const message of step.say) said.push({ message, owner: menu.id });
  };

  /**
   * Words typed at the menu while no person has the chat, but an agent wrote lately (after ending the hand-off):
   * within the window they go to that agent's ticket; later the subscriber hears the agent will not see them.
   */
  const answeredAgent = async (text: string): Promise<boolean> => {
    if (handedOff || !canHandOff || (state.dialog !== 'menu' && state.dialog !== HANDOFF)) return false;
    const contact = await flow.services.tickets.agentContact(flow.chat.key);
    if (!contact) return false;
    const number = formatTicketNumber(contact.ticket.number);
    if (!contact.open) {
      said.push({ message: { text: ctx.t('tickets:late_reply.too_late', { number }) }, owner: state.dialog });
      return false;
    }
    await flow.services.tickets.addLateReply(contact.ticket.id, text);
    said.push({ message: { text: ctx.t('tickets:late_reply.passed', { number }) }, owner: state.dialog });
    return true;
  };

  /** Buttons whose meaning never goes stale: the main menu's items and "to the menu". */
  const isNavigation = (id: string): boolean => {
    if (id === 'menu' || id === WAY_MENU || id === WAY_PERSON) return true;
    const item = flow.registry.getMenuItem(id);
    return Boolean(item && (item.visible?.(ctx) ?? true));
  };

  // === Hand-off to a person: one indexed lookup per event, only when the registry can hand off at all.
  const canHandOff = Boolean(flow.registry.getDialog(HANDOFF));
  const handedOff = canHandOff ? await flow.services.tickets.handedOffTicket(flow.chat.key) : null;
  /** Typed input the active dialog is waiting for and only the bot can use (never relayed). */
  const awaited = (): boolean => Boolean(dialogOf(state.dialog).awaits?.(state.data));
  /** Gives the subscriber's message to the person; the first of a hand-off is acknowledged, later ones go silently. */
  const relay = async (ticketId: string, message: { text: string } | { media: string }): Promise<void> => {
    if ('media' in message) {
      await flow.services.tickets.addSubscriberMedia(ticketId, message.media);
      said.push({ message: { text: ctx.t('tickets:handoff.text_only') }, owner: state.dialog });
    } else {
      await flow.services.tickets.addSubscriberMessage(ticketId, message.text);
      if (state.relayed !== ticketId) said.push({ message: { text: ctx.t('tickets:handoff.received') }, owner: state.dialog });
    }
    state.relayed = ticketId;
  };

  /** A command, slashed or typed as a word: opens its dialog from anywhere, even while a person has the chat. */
  const runCommand = async (name: string): Promise<void> => {
    const command = flow.registry.getCommand(name);
    if (!command) {
      missedInput = true;
      said.push({ message: { text: ctx.t('bot:unknown.command') }, owner: state.dialog });
      await enter('menu', undefined, 0);
      return;
    }
    await enter(command.dialog, command.args, 0);
    // `/menu` and friends work during a hand-off, which stays (only /cancel or the agent ends it): say so first.
    if (handedOff && command.dialog !== HANDOFF && (await flow.services.tickets.handedOffTicket(flow.chat.key))) {
      said.unshift({ message: { text: ctx.t('tickets:handoff.still_connected') }, owner: state.dialog });
    }
  };

  // A slash command typed as text (the web chat, WhatsApp) is a command like Telegram's.
  const slashed = inbound.kind === 'text' ? parseSlashCommand(inbound.text) : null;
  const event: InboundEvent = slashed ? { kind: 'command', ...slashed } : inbound;
  switch (event.kind) {
    case 'command': {
      await runCommand(event.name);
      break;
    }
    case 'unsupported': {
      if (handedOff) {
        await relay(handedOff.id, { media: event.what });
        break;
      }
      missedInput = true;
      // Channels without buttons (WhatsApp) are answered by typing, so the answer says "the number", not "buttons".
      const answer = flow.capabilities.choiceStyle === 'numbered' ? 'bot:unsupported.replyTyped' : 'bot:unsupported.reply';
      said.push({ message: { text: ctx.t(answer) }, owner: state.dialog });
      await repeatQuestion();
      break;
    }
    case 'choice': {
      const menu = state.menu;
      const valid = menu && event.menuToken === menu.token && menu.choices.some((c) => c.id === event.id);
      if (!valid) {
        // An old "Balance" or "To the menu" button still means that: only other stale buttons are refused.
        if (isNavigation(event.id)) {
          state.menu = null;
          if (event.id === 'menu') await enter('menu', undefined, 0);
          else if (event.id === WAY_MENU || event.id === WAY_PERSON) await deliver(state.dialog, { kind: 'choice', id: event.id });
          else await deliver('menu', { kind: 'choice', id: event.id });
          break;
        }
        said.push({ message: { text: ctx.t('bot:stale.reply') }, owner: state.dialog });
        await repeatQuestion();
        break;
      }
      state.menu = null; // used up: a second press of the same button is stale
      await deliver(menu.owner, { kind: 'choice', id: event.id });
      break;
    }
    case 'text': {
      const menu = state.menu;
      const hit = menu ? matchChoice(event.text, menu.choices) : null;
      const word = hit ? null : typedCommand(event.text);
      if (menu && hit) {
        state.menu = null;
        await deliver(menu.owner, { kind: 'choice', id: hit.id });
      } else if (word) {
        await runCommand(word.name);
      } else if (handedOff && !awaited()) {
        await relay(handedOff.id, { text: event.text.trim() });
      } else if (!(await answeredAgent(event.text.trim()))) {
        await deliver(state.dialog, { kind: 'text', text: event.text.trim() });
      }
      break;
    }
    case 'contact': {
      if (handedOff && !awaited()) await relay(handedOff.id, { text: event.phone });
      else await deliver(state.dialog, { kind: 'contact', phone: event.phone, own: event.own });
      break;
    }
  }

  // While a person has the chat, nothing is a miss: the person reads it. Misses count within one dialog.
  const missedHere = missedInput && !handedOff;
  state.misses = missedHere ? (state.missedIn === state.dialog ? state.misses : 0) + 1 : 0;
  state.missedIn = missedHere ? state.dialog : null;
  if (canHandOff && missedHere && state.misses >= MISSES_BEFORE_HANDOFF && state.dialog !== HANDOFF) {
    // The person takes over instead of yet another "I did not understand".
    said.length = 0;
    state.misses = 0;
    state.missedIn = null;
    await enter(HANDOFF, { reason: 'bot_failed' }, 0);
  } else if (canHandOff && missedHere && state.dialog !== HANDOFF && said.at(-1) && said.at(-1)!.owner !== 'menu') {
    // The main menu already is the way on (it lists "talk to a person"); any other question gets it added.
    const last = said[said.length - 1]!;
    said[said.length - 1] = { ...last, message: withWayOn(last.message, ctx) };
  }
  const outbound = toDeliveries(said, state, inbound, pressedMenu, flow);
  return { state, outbound, effects, journeys };
}

/** Longest text two messages are merged into (Telegram allows 4096 characters). */
const MERGED_TEXT_MAX = 3500;

/**
 * The step's messages as few as belong together (issue 14 item 6: no trickle of messages paced one a second): a
 * message with no buttons, no contact request and no link of its own clashing is put in front of the next one, so
 * "Code accepted" and the menu, or the greeting, the notice, the contract and the menu, arrive as one message.
 */
export function mergeMessages(said: { message: OutboundMessage; owner: string }[]): { message: OutboundMessage; owner: string }[] {
  const merged: { message: OutboundMessage; owner: string }[] = [];
  for (const entry of said) {
    const before = merged.at(-1);
    const lead = before?.message;
    const joinable = lead && !lead.choices?.length && !lead.requestContact && !(lead.link && entry.message.link)
      && lead.text.length + entry.message.text.length + 2 <= MERGED_TEXT_MAX;
    if (!before || !lead || !joinable) {
      merged.push(entry);
      continue;
    }
    const link = lead.link ?? entry.message.link;
    merged[merged.length - 1] = {
      owner: entry.owner,
      message: {
        ...entry.message,
        text: [lead.text, entry.message.text].filter(Boolean).join('\n\n'),
        ...(link ? { link } : {}),
        ...(lead.replaceMenu || entry.message.replaceMenu ? { replaceMenu: true } : {}),
      },
    };
  }
  return merged;
}

/** Stamps menus with fresh tokens (the last one becomes the current menu) and marks the pressed menu to retire. */
function toDeliveries(
  said: { message: OutboundMessage; owner: string }[],
  state: EngineState,
  inbound: InboundEvent,
  pressedMenu: EngineState['menu'],
  flow: FlowContext,
): Delivery[] {
  // Only a button press on a menu we know the message of has buttons to take away.
  let pressed =
    inbound.kind === 'choice' && flow.capabilities.editMessages && pressedMenu?.token === inbound.menuToken
      ? pressedMenu.messageId
      : null;
  return mergeMessages(said).map(({ message, owner }) => {
    const delivery: Delivery = { ...message };
    if (message.clearsMenu) state.menu = null;
    if (message.choices && message.choices.length > 0) {
      const token = flow.newToken();
      delivery.menuToken = token;
      state.menu = { token, owner, choices: message.choices, messageId: null };
    }
    if (message.replaceMenu && pressed) {
      delivery.retireMenuId = pressed;
      pressed = null;
    }
    return delivery;
  });
}

/** Masks a one-time code in the conversation log. */
const MASKED_CODE = '••••••';

/**
 * The subscriber's input as a line of the conversation log: typed text (a code the dialog awaits masked), a pressed
 * button's label, `/command args`, a shared phone number, or `[photo]` for what the bot cannot read.
 * `previous` is the chat's state before the event (the menu on screen, the dialog that was waiting).
 */
export function describeInbound(previous: EngineState | null, inbound: InboundEvent, registry: DialogRegistry): string {
  switch (inbound.kind) {
    case 'text': {
      const dialog = previous ? registry.getDialog(previous.dialog) : undefined;
      return dialog?.awaits?.(previous?.data) === 'code' ? MASKED_CODE : inbound.text;
    }
    case 'choice':
      return labelOf(previous?.menu ?? null, inbound.id);
    case 'command':
      return `/${inbound.name}${inbound.args ? ` ${inbound.args}` : ''}`;
    case 'contact':
      return inbound.phone;
    case 'unsupported':
      return `[${inbound.what}]`;
  }
}

const labelOf = (menu: CurrentMenu | null, id: string): string => menu?.choices.find((c) => c.id === id)?.label ?? `[${id}]`;

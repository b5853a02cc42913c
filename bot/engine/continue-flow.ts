/**
 * @module The engine's step: `continueFlow(state, inbound, flow)` routes one inbound event to the right dialog and
 * returns the new state, the messages to send and the effects to run. It never touches a channel or writes the
 * store itself; the runner does that. Named steps: route the event and run the dialog (route-event.ts, with the
 * moves of flow-step.ts) → settle misses (the way on, or a person) → the state to persist → the deliveries.
 * Rules that hold for every dialog:
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
 *   `MISSES_BEFORE_HANDOFF` misses in a row in one dialog hand the chat to a person, in any dialog;
 * - a typed message too long to read is answered with its length and the limit; a person gets it whole.
 */
import type { DialogRegistry } from './registry.ts';
import { FlowStep, HANDOFF, type FlowContext, type Said } from './flow-step.ts';
import { routeEvent } from './route-event.ts';
import { MISSES_BEFORE_HANDOFF, WAY_MENU, WAY_PERSON, withWayOn } from './way-on.ts';
import type { CurrentMenu, Delivery, Effect, EngineState, InboundEvent, OutboundMessage } from './types.ts';

export { isLinked, languageFor, type FlowContext } from './flow-step.ts';

export interface FlowResult {
  state: EngineState;
  outbound: Delivery[];
  effects: Effect[];
  /** The dialogs this step went through, in order (the journeys a conversation used, for the monthly report). */
  journeys: string[];
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
  const step = await FlowStep.open(previous, flow);
  await routeEvent(step, inbound);
  await settleMisses(step);
  const outbound = toDeliveries(step.said, step.state, inbound, previous?.menu ?? null, flow);
  return { state: step.state, outbound, effects: step.effects, journeys: step.journeys };
}

/**
 * Counts a miss (while a person has the chat nothing is one: the person reads it; misses count within one dialog).
 * `MISSES_BEFORE_HANDOFF` in a row hand the chat to a person; a single miss gets the way on added to the answer.
 */
async function settleMisses(step: FlowStep): Promise<void> {
  const { state, said } = step;
  const missedHere = step.missedInput && !step.handedOff;
  state.misses = missedHere ? (state.missedIn === state.dialog ? state.misses : 0) + 1 : 0;
  state.missedIn = missedHere ? state.dialog : null;
  if (!step.canHandOff || !missedHere || state.dialog === HANDOFF) return;
  if (state.misses >= MISSES_BEFORE_HANDOFF) {
    // The person takes over instead of yet another "I did not understand".
    said.length = 0;
    state.misses = 0;
    state.missedIn = null;
    await step.enter(HANDOFF, { reason: 'bot_failed' });
    return;
  }
  // The main menu already is the way on (it lists "talk to a person"); any other question gets it added.
  const last = said.at(-1);
  if (!last || last.owner === 'menu') return;
  // A question asked again in words only (a dialog's prompt) keeps the buttons of its menu still on screen: the new
  // message takes that menu's place, and without them the accounts to pick (say) would be gone.
  const menu = state.menu;
  const keep = !last.message.choices?.length && !last.message.clearsMenu && menu?.owner === last.owner ? menu.choices : null;
  const asked = keep ? { ...last.message, choices: keep.filter((c) => c.id !== WAY_MENU && c.id !== WAY_PERSON) } : last.message;
  said[said.length - 1] = { ...last, message: withWayOn(asked, step.ctx) };
}

/** Longest text two messages are merged into (Telegram allows 4096 characters). */
const MERGED_TEXT_MAX = 3500;

/**
 * The step's messages as few as belong together (issue 14 item 6: no trickle of messages paced one a second): a
 * message with no buttons, no contact request and no link of its own clashing is put in front of the next one, so
 * "Code accepted" and the menu, or the greeting, the notice, the contract and the menu, arrive as one message.
 */
export function mergeMessages(said: Said[]): Said[] {
  const merged: Said[] = [];
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
  said: Said[],
  state: EngineState,
  inbound: InboundEvent,
  pressedMenu: EngineState['menu'],
  flow: FlowContext,
): Delivery[] {
  // Only a press on the current menu, whose message the press names, has buttons to take away.
  let pressed =
    inbound.kind === 'choice' && flow.capabilities.editMessages && pressedMenu?.token === inbound.menuToken
      ? (inbound.messageId ?? null)
      : null;
  return mergeMessages(said).map(({ message, owner }) => {
    const delivery: Delivery = { ...message };
    if (message.clearsMenu) state.menu = null;
    if (message.choices && message.choices.length > 0) {
      const token = flow.newToken();
      delivery.menuToken = token;
      state.menu = { token, owner, choices: message.choices };
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

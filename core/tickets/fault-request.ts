/**
 * @module What the subscriber told the fault journey before registering (issue 14 item 7): a short description in
 * their own words and a convenient time for the callback, both optional. Kept on the ticket as two activity lines of
 * its transcript (written when the ticket is registered), so the agent reads them in the console in their own
 * language; `faultRequestOf` finds them again for the ticket's facts.
 */
import type { TicketMessage } from './model.ts';

/** Callback windows offered as buttons (Almaty time); anything else is the subscriber's own words. */
export const CALLBACK_SLOTS = ['any', 'morning', 'afternoon', 'evening'] as const;
export type CallbackSlot = (typeof CALLBACK_SLOTS)[number];

/** A convenient callback time: one of the windows, or free words ("после 18:00"). */
export type CallbackTime = { slot: CallbackSlot } | { words: string };

/** Longest description kept (a short one is asked for; the rest is not cut silently: the bot says the limit). */
export const MAX_FAULT_DESCRIPTION = 500;
/** Longest callback time in free words. */
export const MAX_CALLBACK_WORDS = 100;

export const DESCRIPTION_KEY = 'tickets:activity.fault_description';
export const CALLBACK_WORDS_KEY = 'tickets:activity.callback_time';
const slotKey = (slot: CallbackSlot) => `tickets:activity.callback_slot.${slot}`;

export const isCallbackSlot = (value: string): value is CallbackSlot => (CALLBACK_SLOTS as readonly string[]).includes(value);

/** The activity lines to write for what the subscriber gave: `[key, params]`. */
export function faultRequestLines(description: string | null, callback: CallbackTime | null): [string, Record<string, unknown>][] {
  const lines: [string, Record<string, unknown>][] = [];
  const text = description?.trim().slice(0, MAX_FAULT_DESCRIPTION);
  if (text) lines.push([DESCRIPTION_KEY, { text }]);
  if (callback && 'slot' in callback) lines.push([slotKey(callback.slot), {}]);
  else if (callback?.words.trim()) lines.push([CALLBACK_WORDS_KEY, { time: callback.words.trim().slice(0, MAX_CALLBACK_WORDS) }]);
  return lines;
}

/** The description and callback time recorded on a ticket, for the console's facts. */
export function faultRequestOf(messages: TicketMessage[]): { description: string | null; callback: CallbackTime | null } {
  const activity = messages.filter((m) => m.direction === 'activity');
  const described = activity.find((m) => m.text === DESCRIPTION_KEY)?.params?.text;
  const words = activity.find((m) => m.text === CALLBACK_WORDS_KEY)?.params?.time;
  const slot = CALLBACK_SLOTS.find((s) => activity.some((m) => m.text === slotKey(s)));
  const callback: CallbackTime | null = slot ? { slot } : typeof words === 'string' ? { words } : null;
  return { description: typeof described === 'string' ? described : null, callback };
}

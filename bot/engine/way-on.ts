/**
 * @module The way on after an input the bot could not use (issue 14 item 2): the dialog has already said what was
 * wrong and asked again (try again); the engine adds "Main menu" and "Talk to a person" to that answer. The chat goes
 * to a person only when the subscriber picks it, or after `MISSES_BEFORE_HANDOFF` misses in a row in one step.
 */
import type { DialogContext } from './dialog.ts';
import type { Choice, OutboundMessage } from './types.ts';

/** Misses in a row, in the same dialog, before the chat goes to a person without being asked. */
export const MISSES_BEFORE_HANDOFF = 3;

/** Choice ids the engine answers itself, whichever dialog's message carries them. */
export const WAY_MENU = 'way:menu';
export const WAY_PERSON = 'way:person';

/** Ids that already lead to the menu or a person in the dialogs' own choices. */
const ALREADY_MENU = new Set(['menu', WAY_MENU]);
const ALREADY_PERSON = new Set(['operator', 'handoff', WAY_PERSON]);

/**
 * Adds the way on to the last message of a missed step (a copy; its own choices stay first).
 * @example withWayOn({ text: 'Сумма — цифрами', choices: [cancel] }, ctx).choices // [cancel, Main menu, Talk to a person]
 */
export function withWayOn(message: OutboundMessage, ctx: DialogContext): OutboundMessage {
  const own = message.choices ?? [];
  const extra: Choice[] = [];
  if (!own.some((c) => ALREADY_MENU.has(c.id))) extra.push({ id: WAY_MENU, label: ctx.t('bot:way.menu') });
  if (!own.some((c) => ALREADY_PERSON.has(c.id))) extra.push({ id: WAY_PERSON, label: ctx.t('bot:way.person') });
  const room = Math.max(0, ctx.capabilities.maxChoices - own.length);
  return extra.length === 0 || room === 0 ? message : { ...message, choices: [...own, ...extra.slice(0, room)] };
}

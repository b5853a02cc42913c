/**
 * @module The main menu: every journey the registry lists, as buttons or a numbered list. It is also where the
 * conversation rests between journeys, so typed text it does not understand gets a short answer and the menu. A
 * phone number typed here starts verification with it. Started with `{ said }` (a new chat's first words, read
 * before the language was known), it goes straight to the journey those words name.
 */
import { normalizeKzMobile } from '../../core/verification/phone.ts';
import { go, missed, stay, type Dialog, type DialogContext, type DialogInput, type Step } from '../engine/dialog.ts';
import { matchChoice } from '../engine/match-choice.ts';
import type { DialogRegistry } from '../engine/registry.ts';
import type { OutboundMessage } from '../engine/types.ts';

/** The main-menu message for this chat. */
export function mainMenu(registry: DialogRegistry, ctx: DialogContext): OutboundMessage {
  return {
    text: ctx.t(ctx.linked ? 'bot:menu.title' : 'bot:menu.titleNotLinked'),
    choices: registry.menuChoices(ctx).slice(0, ctx.capabilities.maxChoices),
  };
}

/** The main-menu dialog; needs the registry to list the items. */
export function menuDialog(registry: DialogRegistry): Dialog<null> {
  return {
    id: 'menu',
    start(ctx, args) {
      const said = typeof (args as MenuArgs | undefined)?.said === 'string' ? (args as MenuArgs).said! : null;
      const menu = mainMenu(registry, ctx);
      const hit = said ? matchChoice(said, menu.choices ?? []) : null;
      const named = hit ? journey(registry, { kind: 'choice', id: hit.id }, ctx) : said ? journey(registry, { kind: 'text', text: said }, ctx) : null;
      return named ?? stay(null, [menu]);
    },
    handle(input, _data, ctx) {
      return journey(registry, input, ctx) ?? missed(stay(null, [{ text: ctx.t('bot:unknown.reply') }, mainMenu(registry, ctx)]));
    },
  };
}

interface MenuArgs {
  said?: string;
}

/** The journey an input asks for from the menu: a menu item, or verification with a shared or typed phone. */
function journey(registry: DialogRegistry, input: DialogInput, ctx: DialogContext): Step | null {
  if (input.kind === 'choice') {
    const item = registry.getMenuItem(input.id);
    return item ? go(item.dialog, item.args) : null;
  }
  if (input.kind === 'contact') return go('verify', { phone: input.phone });
  if (!ctx.linked && normalizeKzMobile(input.text).ok) return go('verify', { phone: input.text });
  return null;
}

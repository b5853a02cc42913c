/**
 * @module The main menu: every journey the registry lists, as buttons or a numbered list. It is also where the
 * conversation rests between journeys, so typed text it does not understand gets a short answer and the menu.
 */
import { go, missed, stay, type Dialog, type DialogContext } from '../engine/dialog.ts';
import type { DialogRegistry } from '../engine/registry.ts';
import type { OutboundMessage } from '../engine/types.ts';

/** The main-menu message for this chat. */
export function mainMenu(registry: DialogRegistry, ctx: DialogContext): OutboundMessage {
  const items = registry.menuItems().filter((item) => item.visible?.(ctx) ?? true);
  return {
    text: ctx.t(ctx.linked ? 'bot:menu.title' : 'bot:menu.titleNotLinked'),
    choices: items.slice(0, ctx.capabilities.maxChoices).map((item) => ({
      id: item.id,
      label: ctx.t(item.label),
      ...(item.synonyms ? { synonyms: item.synonyms } : {}),
    })),
  };
}

/** The main-menu dialog; needs the registry to list the items. */
export function menuDialog(registry: DialogRegistry): Dialog<null> {
  return {
    id: 'menu',
    start: (ctx) => stay(null, [mainMenu(registry, ctx)]),
    handle(input, _data, ctx) {
      if (input.kind === 'choice') {
        const item = registry.getMenuItem(input.id);
        if (item) return go(item.dialog, item.args);
      }
      if (input.kind === 'contact') return go('verify', { phone: input.phone });
      return missed(stay(null, [{ text: ctx.t('bot:unknown.reply') }, mainMenu(registry, ctx)]));
    },
  };
}

/**
 * @module /start: language first (on a new chat), then ONE message (the engine merges them, issue 14 item 6): a
 * greeting, the cross-border notice of contract cl. 33(20) on third-party messengers, the public contract in the
 * chat's language as a link button, and the main menu.
 */
import { go, type Dialog } from '../engine/dialog.ts';
import type { StartArgs } from '../engine/first-contact.ts';
import type { OutboundMessage } from '../engine/types.ts';

export const start: Dialog<null> = {
  id: 'start',
  start(ctx, args) {
    if (!ctx.chat.language) return go('language', { then: 'start' });
    const onward = (args ?? {}) as StartArgs;
    // A new chat's first words, read for their language, still say where the subscriber wants to go.
    const said = typeof onward.said === 'string' ? onward.said : undefined;
    // Answers the language question when it came from there: its buttons go, the greeting comes after it.
    const say: OutboundMessage[] = [{ text: ctx.t('bot:start.welcome'), replaceMenu: true }];
    if (ctx.capabilities.thirdParty) say.push({ text: ctx.t('bot:start.crossBorder', { phone: ctx.services.settings.contactCentrePhone }) });
    const url = ctx.services.settings.contractUrl[ctx.language];
    say.push({ text: ctx.t('bot:start.contract'), link: { url, label: ctx.t('bot:start.contractLink') } });
    if (typeof onward.then === 'string') return go(onward.then, onward.thenArgs, say);
    return go('menu', said ? { said } : undefined, say);
  },
  // Nothing to ask: any input while here is the main menu's business.
  handle: () => go('menu'),
};

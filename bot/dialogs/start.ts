/**
 * @module /start: language first (on a new chat), then a greeting, the cross-border notice of contract
 * cl. 33(20) on third-party messengers, a link to the public contract, and the main menu.
 */
import { go, type Dialog } from '../engine/dialog.ts';
import type { OutboundMessage } from '../engine/types.ts';

export const start: Dialog<null> = {
  id: 'start',
  start(ctx) {
    if (!ctx.chat.language) return go('language', { then: 'start' });
    const say: OutboundMessage[] = [{ text: ctx.t('bot:start.welcome') }];
    if (ctx.capabilities.thirdParty) say.push({ text: ctx.t('bot:start.crossBorder', { phone: ctx.services.settings.contactCentrePhone }) });
    say.push({
      text: ctx.t('bot:start.contract', { url: ctx.services.settings.contractUrl }),
      link: { url: ctx.services.settings.contractUrl, label: ctx.t('bot:start.contractLink') },
    });
    return go('menu', undefined, say);
  },
  // Nothing to ask: any input while here is the main menu's business.
  handle: () => go('menu'),
};

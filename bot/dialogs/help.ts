/**
 * @module /help and /cancel: what the bot can do and how to move around; cancel leaves any journey for the menu,
 * and during a hand-off it leaves the person (the ticket stays open).
 */
import { go, toMenu, type Dialog } from '../engine/dialog.ts';

export const help: Dialog<null> = {
  id: 'help',
  start: (ctx) => toMenu([{ text: ctx.t('bot:help.text', { phone: ctx.services.settings.contactCentrePhone }) }]),
  handle: () => toMenu(),
};

export const cancel: Dialog<null> = {
  id: 'cancel',
  async start(ctx) {
    if (await ctx.services.tickets.handedOffTicket(ctx.chat.key)) return go('handoff', { leave: true });
    return toMenu([{ text: ctx.t('bot:cancel.done') }]);
  },
  handle: () => toMenu(),
};

/**
 * @module `/ticket` and the "My requests" menu item: the subscriber's open tickets with their status and the
 * callback promise (PRODUCT.md journey 6: "the subscriber sees the ticket number, status changes and the due time").
 * A chat that is not verified sees the ticket it opened itself (hand-off from the web chat).
 */
import { toMenu, type Dialog } from '../engine/dialog.ts';
import type { Ticket } from '../../core/tickets/index.ts';
import { ticketLine } from './ticket-text.ts';

export const tickets: Dialog<null> = {
  id: 'tickets',
  async start(ctx) {
    const found = new Map<string, Ticket>();
    const own = await ctx.services.tickets.activeForChat(ctx.chat.key);
    if (own) found.set(own.id, own);
    if (ctx.linked && ctx.chat.subscriberId) {
      for (const t of await ctx.services.tickets.activeForSubscriber(ctx.chat.subscriberId, 10)) found.set(t.id, t);
    }
    const list = [...found.values()].sort((a, b) => b.number - a.number);
    if (list.length === 0) return toMenu([{ text: ctx.t('tickets:list.empty') }]);
    const lines = list.map((t) => ticketLine(ctx.t, t, ctx.now));
    return toMenu([{ text: [ctx.t('tickets:list.title'), ...lines].join('\n') }]);
  },
  handle: () => toMenu(),
};

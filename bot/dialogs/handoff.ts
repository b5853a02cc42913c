/**
 * @module Talk to a person (PRODUCT.md journey 8). "Talk to a person" at any point — `/operator`, the menu item, the
 * fault journey, or the engine after two misses in a row (`reason: 'bot_failed'`) — opens or joins the chat's ticket
 * and queues it for agents (core/tickets startHandoff). While handed off, the engine relays whatever the subscriber
 * sends to the ticket's transcript (continue-flow.ts); agents' replies come back through `ticket-updates.ts`.
 * The agent's "end hand-off" gives the chat back to the bot; the subscriber may leave the person with `/cancel`
 * (`leave`): the ticket stays open and agents can still write. Outside working hours the subscriber is told when
 * agents answer (seed 003 cl. 4).
 */
import { stay, toMenu, type Dialog } from '../engine/dialog.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { numberText, whenText } from './ticket-text.ts';

export interface HandoffArgs {
  reason?: 'requested' | 'bot_failed';
  /** The subscriber leaves the person (`/cancel` during a hand-off). */
  leave?: boolean;
}

interface HandoffData {
  ticketId: string;
}

export const handoff: Dialog<HandoffData | null> = {
  id: 'handoff',
  async start(ctx, args) {
    const a = (args ?? {}) as HandoffArgs;
    if (a.leave) {
      const open = await ctx.services.tickets.handedOffTicket(ctx.chat.key);
      if (open) await ctx.services.tickets.endHandoff(open.id, { type: 'subscriber', id: ctx.chat.subscriberId });
      return toMenu(open ? [{ text: ctx.t('tickets:handoff.left', { number: numberText(open) }) }] : []);
    }
    const reason = a.reason ?? 'requested';
    const { ticket, joined, agentsFrom } = await ctx.services.tickets.startHandoff({
      chatKey: ctx.chat.key,
      channel: ctx.chat.channel,
      language: ctx.language,
      subscriberId: ctx.chat.subscriberId,
      phone: ctx.chat.linkedPhone,
      reason,
    });
    const number = numberText(ticket);
    const say: OutboundMessage[] = [];
    if (reason === 'bot_failed') say.push({ text: ctx.t('tickets:handoff.bot_failed') });
    say.push({ text: ctx.t(joined ? 'tickets:handoff.joined' : 'tickets:handoff.queued', { number }) });
    if (agentsFrom) say.push({ text: ctx.t('tickets:handoff.after_hours', { when: whenText(ctx.t, agentsFrom, ctx.now) }) });
    return stay({ ticketId: ticket.id } satisfies HandoffData, say);
  },
  async handle(_input, data, ctx) {
    // The engine relays messages while the hand-off is open; input reaches here once the agent has ended it.
    const ticket = await ctx.services.tickets.handedOffTicket(ctx.chat.key);
    if (!ticket) return toMenu([{ text: ctx.t('tickets:handoff.ended') }]);
    return stay(data, [{ text: ctx.t('tickets:handoff.waiting') }]);
  },
  prompt: (_data, ctx) => [{ text: ctx.t('tickets:handoff.waiting') }],
};

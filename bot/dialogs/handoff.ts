/**
 * @module Talk to a person (PRODUCT.md journey 8). "Talk to a person" at any point — `/operator`, the menu item, the
 * fault journey, or the engine after repeated misses in one step (`reason: 'bot_failed'`) — asks which of the
 * chat's open tickets it is about (or a new question) when there are any, then joins the chosen ticket or opens a
 * new reference ticket and queues it for agents (core/tickets startHandoff); the bot's own failure always opens a
 * new one. While handed off, the engine relays whatever the subscriber
 * sends to the ticket's transcript (continue-flow.ts); agents' replies come back through `ticket-updates.ts`.
 * The agent's "end hand-off" gives the chat back to the bot; the subscriber may leave the person with `/cancel`
 * (`leave`): the ticket stays open and agents can still write. Outside working hours the subscriber is told when
 * agents answer (seed 003 cl. 4).
 */
import type { Ticket } from '../../core/tickets/index.ts';
import { missed, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { cancelChoice } from './accounts.ts';
import { numberText, whenText } from './ticket-text.ts';

export interface HandoffArgs {
  reason?: 'requested' | 'bot_failed';
  /** The subscriber leaves the person (`/cancel` during a hand-off). */
  leave?: boolean;
}

type HandoffData =
  /** Handed off: the engine relays; `handle` runs once the agent has ended it. */
  | { ticketId: string }
  /** Asking which open request this is about (or a new question). */
  | { picking: true };

const PICK = 't:';

/** Hands the chat over (a chosen ticket, or a new reference one) and says what happens next. */
async function connect(ctx: DialogContext, reason: 'requested' | 'bot_failed', ticketId: string | null, firstWords: string | null = null): Promise<Step> {
  const { ticket, joined, agentsFrom } = await ctx.services.tickets.startHandoff({
    chatKey: ctx.chat.key,
    channel: ctx.chat.channel,
    language: ctx.language,
    subscriberId: ctx.chat.subscriberId,
    phone: ctx.chat.linkedPhone,
    reason,
    ticketId,
  });
  if (firstWords) await ctx.services.tickets.addSubscriberMessage(ticket.id, firstWords);
  const number = numberText(ticket);
  const say: OutboundMessage[] = [];
  if (reason === 'bot_failed') say.push({ text: ctx.t('tickets:handoff.bot_failed') });
  say.push({ text: ctx.t(joined ? 'tickets:handoff.joined' : firstWords ? 'tickets:handoff.queued_with_words' : 'tickets:handoff.queued', { number }) });
  if (agentsFrom) say.push({ text: ctx.t('tickets:handoff.after_hours', { when: whenText(ctx.t, agentsFrom, ctx.now) }) });
  return stay({ ticketId: ticket.id } satisfies HandoffData, say);
}

/** "Which request is this about?": the chat's open tickets, a new question, cancel. */
function askWhich(ctx: DialogContext, open: Ticket[]): OutboundMessage {
  const listed = open.slice(0, Math.max(1, ctx.capabilities.maxChoices - 2));
  return {
    text: ctx.t('tickets:handoff.which'),
    choices: [
      { id: 'new', label: ctx.t('tickets:handoff.new_question'), synonyms: ['новый', 'новый вопрос', 'жаңа', 'жаңа сұрақ'] },
      ...listed.map((t) => ({
        id: `${PICK}${t.id}`,
        label: ctx.t('tickets:handoff.ticket_choice', { number: numberText(t), type: ctx.t(`tickets:type.${t.type}`) }),
        synonyms: [numberText(t).toLowerCase(), String(t.number)],
      })),
      cancelChoice(ctx),
    ],
  };
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
    // The bot gave up: never guess which request the words belong to — a new one, the agent can link them.
    if (a.reason === 'bot_failed') return connect(ctx, 'bot_failed', null);
    if (await ctx.services.tickets.handedOffTicket(ctx.chat.key)) return connect(ctx, 'requested', null);
    const open = await ctx.services.tickets.openForChat(ctx.chat.key);
    if (open.length === 0) return connect(ctx, 'requested', null);
    return stay({ picking: true } satisfies HandoffData, [askWhich(ctx, open)]);
  },
  async handle(input, data, ctx) {
    if (data && 'picking' in data) {
      if (input.kind === 'choice' && input.id === 'cancel') return toMenu([{ text: ctx.t('selfservice:common.cancelled') }]);
      if (input.kind === 'choice' && input.id === 'new') return connect(ctx, 'requested', null);
      if (input.kind === 'choice' && input.id.startsWith(PICK)) return connect(ctx, 'requested', input.id.slice(PICK.length));
      // Words instead of a choice: the question itself — a new request, and the person reads them first.
      if (input.kind === 'text') return connect(ctx, 'requested', null, input.text);
      return missed(stay(data, [askWhich(ctx, await ctx.services.tickets.openForChat(ctx.chat.key))]));
    }
    // The engine relays messages while the hand-off is open; input reaches here once the agent has ended it.
    const ticket = await ctx.services.tickets.handedOffTicket(ctx.chat.key);
    if (!ticket) return toMenu([{ text: ctx.t('tickets:handoff.ended') }]);
    return stay(data, [{ text: ctx.t('tickets:handoff.waiting') }]);
  },
  prompt: (data, ctx) => (data && 'picking' in data ? [{ text: ctx.t('tickets:handoff.which_again') }] : [{ text: ctx.t('tickets:handoff.waiting') }]),
};

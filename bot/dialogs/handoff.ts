/**
 * @module Talk to a person (PRODUCT.md journey 8). "Talk to a person" at any point — or the bot failing to help
 * twice in a row — opens or joins the chat's ticket and queues it for agents (core/tickets startHandoff). While
 * handed off, what the subscriber types goes to the ticket's transcript; agents' replies come back through
 * `ticket-updates.ts`. When the agent ends the hand-off, the bot answers again. Outside working hours the subscriber
 * is told when agents answer (seed 003 cl. 4).
 */
import { go, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { numberText, whenText } from './ticket-text.ts';

interface HandoffArgs {
  reason?: 'requested' | 'bot_failed';
  /** Text the subscriber typed elsewhere while the chat is handed off: goes straight to the transcript. */
  forward?: string;
}

interface HandoffData {
  ticketId: string;
  /** The first message after the hand-off gets a short "passed on"; later ones are silent. */
  acknowledged: boolean;
}

/** Consecutive messages the bot could not use before it hands the chat to a person. */
export const MISSES_BEFORE_HANDOFF = 2;

async function forward(ctx: DialogContext, text: string): Promise<Step | null> {
  const ticket = await ctx.services.tickets.handedOffTicket(ctx.chat.key);
  if (!ticket) return null;
  await ctx.services.tickets.addSubscriberMessage(ticket.id, text);
  return stay({ ticketId: ticket.id, acknowledged: true } satisfies HandoffData);
}

export const handoff: Dialog<HandoffData | null> = {
  id: 'handoff',
  async start(ctx, args) {
    const a = (args ?? {}) as HandoffArgs;
    if (a.forward) {
      const step = await forward(ctx, a.forward);
      if (step) return step;
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
    return stay({ ticketId: ticket.id, acknowledged: false } satisfies HandoffData, say);
  },
  async handle(input, data, ctx) {
    const ticket = await ctx.services.tickets.handedOffTicket(ctx.chat.key);
    // The agent ended the hand-off: the bot is back, starting from the menu.
    if (!ticket) return toMenu([{ text: ctx.t('tickets:handoff.ended') }]);
    const text = input.kind === 'text' ? input.text : input.kind === 'contact' ? input.phone : null;
    if (!text) return stay(data, [{ text: ctx.t('tickets:handoff.waiting') }]);
    await ctx.services.tickets.addSubscriberMessage(ticket.id, text);
    const next: HandoffData = { ticketId: ticket.id, acknowledged: true };
    return stay(next, data?.acknowledged ? [] : [{ text: ctx.t('tickets:handoff.received') }]);
  },
  prompt: (_data, ctx) => [{ text: ctx.t('tickets:handoff.waiting') }],
};

/**
 * Wraps a dialog (the main menu) so that text typed while the chat is handed off goes to the agent, and two
 * misunderstood messages in a row hand the chat to a person. The wrapped dialog's own data is kept under `inner`.
 */
export function withHandoff<D>(dialog: Dialog<D>, limit = MISSES_BEFORE_HANDOFF): Dialog<{ inner: D; misses: number } | null> {
  const wrap = (step: Step, misses: number): Step =>
    step.next.kind === 'stay' ? { ...step, next: { kind: 'stay', data: { inner: step.next.data, misses } } } : step;
  return {
    ...(dialog.requiresLink ? { requiresLink: dialog.requiresLink } : {}),
    id: dialog.id,
    async start(ctx, args) {
      return wrap(await dialog.start(ctx, args), 0);
    },
    async handle(input, data, ctx) {
      if (input.kind === 'text' && (await ctx.services.tickets.handedOffTicket(ctx.chat.key))) {
        return go('handoff', { forward: input.text } satisfies HandoffArgs);
      }
      const step = await dialog.handle(input, (data?.inner ?? null) as D, ctx);
      if (!step.miss) return wrap(step, 0);
      const misses = (data?.misses ?? 0) + 1;
      if (misses >= limit) return go('handoff', { reason: 'bot_failed' } satisfies HandoffArgs);
      return wrap(step, misses);
    },
    ...(dialog.prompt ? { prompt: (data, ctx) => dialog.prompt!((data?.inner ?? null) as D, ctx) } : {}),
  };
}

/**
 * @module What the bot and the subscriber said before a ticket reached a person, for the ticket page. Only a ticket
 * that was handed to a person has it: the chat's conversation log from `BEFORE_TICKET_MINUTES` before the (first)
 * hand-off up to that moment, at most the newest `BEFORE_TICKET_LIMIT` messages — and never what belongs to another
 * ticket of the chat: nothing from before another ticket of this chat was registered, resolved or closed.
 */
import type { StatusChange, Ticket, TicketMessage } from '../tickets/model.ts';
import type { ConversationMessage } from './model.ts';
import type { ConversationRepositories } from './repository.ts';

/** How far back before the hand-off the page looks. */
export const BEFORE_TICKET_MINUTES = 30;
/** Most messages shown. */
export const BEFORE_TICKET_LIMIT = 50;
/** How many of the chat's other tickets are looked at for where their conversation ended. */
const OTHER_TICKETS = 10;

/** The activity lines a hand-off leaves in the transcript (`tickets:activity.handoff_requested`, `…_bot_failed` …). */
const HANDOFF_LINE = /^tickets:activity\.handoff_(?!ended$|left$)/;

/** When the ticket was first handed to a person, or null when it never was. */
export function firstHandoff(history: StatusChange[], messages: TicketMessage[]): Date | null {
  const moments = [
    ...history.filter((h) => h.note === 'handoff.start').map((h) => h.at.getTime()),
    ...messages.filter((m) => m.direction === 'activity' && HANDOFF_LINE.test(m.text)).map((m) => m.createdAt.getTime()),
  ];
  return moments.length ? new Date(Math.min(...moments)) : null;
}

/** The last moment before `until` at which another ticket's part of the chat ended (registered, resolved, closed). */
function otherTicketsEnd(others: Ticket[], self: Ticket, until: Date): number {
  let end = 0;
  for (const t of others) {
    if (t.id === self.id) continue;
    for (const at of [t.createdAt, t.resolvedAt, t.closedAt]) {
      if (at && at.getTime() < until.getTime() && at.getTime() > end) end = at.getTime();
    }
  }
  return end;
}

/**
 * The conversation that led to the hand-off; [] when there was none or the ticket has no chat (a phone call).
 * @example const before = await conversationBeforeTicket(store, ticket, history, messages);
 */
export async function conversationBeforeTicket(
  store: Pick<ConversationRepositories, 'conversationMessages' | 'tickets'>,
  ticket: Ticket,
  history: StatusChange[],
  messages: TicketMessage[],
): Promise<ConversationMessage[]> {
  if (!ticket.chatKey) return [];
  const handoff = firstHandoff(history, messages);
  if (!handoff) return [];
  const others = await store.tickets.listByChat(ticket.chatKey, OTHER_TICKETS);
  const from = Math.max(handoff.getTime() - BEFORE_TICKET_MINUTES * 60_000, otherTicketsEnd(others, ticket, handoff) + 1);
  return store.conversationMessages.listByChat(ticket.chatKey, { from: new Date(from), to: handoff, limit: BEFORE_TICKET_LIMIT });
}

/**
 * @module What the bot and the subscriber said before a ticket reached a person, for the ticket page: the chat's
 * conversation log from shortly before the ticket was registered up to the moment it was handed off (or registered,
 * for tickets the bot opened without a hand-off), at most the newest `BEFORE_TICKET_LIMIT` messages.
 */
import type { Store } from '../store/store.ts';
import type { StatusChange, Ticket } from '../tickets/model.ts';
import type { ConversationMessage } from './model.ts';

/** How far back before the ticket's registration the page looks. */
export const BEFORE_TICKET_MINUTES = 30;
/** Most messages shown. */
export const BEFORE_TICKET_LIMIT = 50;

/**
 * The conversation that led to the ticket; [] when the ticket has no chat (a phone call).
 * @example const before = await conversationBeforeTicket(store, ticket, history);
 */
export async function conversationBeforeTicket(store: Store, ticket: Ticket, history: StatusChange[]): Promise<ConversationMessage[]> {
  if (!ticket.chatKey) return [];
  const handoffs = history.filter((h) => h.note === 'handoff.start').map((h) => h.at.getTime());
  const until = new Date(Math.max(ticket.createdAt.getTime(), ...handoffs));
  const from = new Date(ticket.createdAt.getTime() - BEFORE_TICKET_MINUTES * 60_000);
  return store.conversationMessages.listByChat(ticket.chatKey, { from, to: until, limit: BEFORE_TICKET_LIMIT });
}

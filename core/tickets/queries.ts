/** @module Reading tickets: console queues and search, the ticket page, the subscriber's open tickets. */
import type { Escalation, SlaBreach, TicketSla } from '../sla/model.ts';
import type { TicketDeps } from './deps.ts';
import type { StatusChange, Ticket, TicketMessage, TicketPage, TicketQuery, TicketRating } from './model.ts';
import { parseTicketSearch } from './number.ts';

/** Largest page the console may ask for. */
export const MAX_PAGE = 200;

/**
 * A console queue page. `search` (a ticket number or a phone, as typed) narrows the queue.
 * @example queue(deps, { queue: 'mine', userId, limit: 50 }, 'T-000123')
 */
export async function queue(deps: TicketDeps, query: TicketQuery, search?: string): Promise<TicketPage> {
  const q: TicketQuery = { ...query, limit: Math.max(1, Math.min(MAX_PAGE, query.limit)) };
  if (search?.trim()) {
    const s = parseTicketSearch(search);
    if (!s) return { items: [], nextCursor: null };
    if ('number' in s) q.number = s.number;
    else q.phone = s.phone;
  }
  return deps.store.tickets.queue(q);
}

/** Everything the ticket page shows. */
export interface TicketView {
  ticket: Ticket;
  messages: TicketMessage[];
  history: StatusChange[];
  sla: TicketSla | null;
  breaches: SlaBreach[];
  ratings: TicketRating[];
  /** Moves to the supervisors (after a breach), oldest first. */
  escalations: Escalation[];
}

export async function view(deps: TicketDeps, id: string): Promise<TicketView | null> {
  const ticket = await deps.store.tickets.get(id);
  if (!ticket) return null;
  const [messages, history, sla, breaches, ratings, escalations] = await Promise.all([
    deps.store.ticketMessages.list(id),
    deps.store.tickets.history(id),
    deps.store.tickets.sla(id),
    deps.store.tickets.breaches(id),
    deps.store.tickets.ratings(id),
    deps.store.escalations.forTicket(id),
  ]);
  return { ticket, messages, history, sla, breaches, ratings, escalations };
}

/** The subscriber's tickets that are still being worked on, newest first (the bot's `/ticket`). */
export function activeForSubscriber(deps: TicketDeps, subscriberId: string, limit = 10): Promise<Ticket[]> {
  return deps.store.tickets.listBySubscriber(subscriberId, { activeOnly: true, limit });
}

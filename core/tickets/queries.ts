/** @module Reading tickets: console queues and search, the ticket page, the subscriber's open tickets. */
import type { Escalation, SlaBreach, TicketSla } from '../sla/model.ts';
import type { TicketDeps } from './deps.ts';
import { QUEUES, type QueueName, type StatusChange, type Ticket, type TicketMessage, type TicketPage, type TicketQuery, type TicketRating } from './model.ts';
import { ticketSearch } from './search.ts';

/** Largest page the console may ask for. */
export const MAX_PAGE = 200;

/**
 * A console queue page. `search` (a ticket number, a phone, a personal-account number or a name, as typed) narrows it.
 * @example queue(deps, { queue: 'mine', userId, limit: 50 }, 'T-000123')
 */
export async function queue(deps: TicketDeps, query: TicketQuery, search?: string): Promise<TicketPage> {
  const q: TicketQuery = { ...query, limit: Math.max(1, Math.min(MAX_PAGE, query.limit)) };
  if (search?.trim()) {
    const narrowed = await ticketSearch(deps.store, search);
    if (!narrowed) return { items: [], nextCursor: null };
    Object.assign(q, narrowed);
  }
  return deps.store.tickets.queue(q);
}

/** Counts above this read as "999+" (a count costs at most this many index entries). */
export const COUNT_CAP = 1000;

/**
 * How many tickets each queue holds for this user under the same filters and search (cursor ignored), each counted
 * up to `COUNT_CAP`.
 * @example await queueCounts(deps, { queue: 'all', userId, limit: 50 }) // { mine: 2, unassigned: 5, … }
 */
export async function queueCounts(deps: TicketDeps, query: TicketQuery, search?: string): Promise<Record<QueueName, number>> {
  const narrowed = search?.trim() ? await ticketSearch(deps.store, search) : {};
  const counts = await Promise.all(
    QUEUES.map((queue) => (narrowed ? deps.store.tickets.countQueue({ ...query, ...narrowed, queue, cursor: null }, COUNT_CAP) : 0)),
  );
  return Object.fromEntries(QUEUES.map((q, i) => [q, counts[i]!])) as Record<QueueName, number>;
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

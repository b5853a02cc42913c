/**
 * @module The names an audit page shows instead of ids: console users (name, e-mail), tickets (their number) and
 * subscribers (full name), looked up once for the page's entries.
 */
import type { AuditEntry } from '../../core/audit/model.ts';
import type { SubscriberRepository } from '../../core/subscribers/repository.ts';
import type { TicketRepository } from '../../core/tickets/repository.ts';
import type { UserRepository } from '../../core/users/repository.ts';
import type { Subscriber } from '../../core/subscribers/model.ts';
import type { ConsoleUser } from '../../core/users/model.ts';
import type { Ticket } from '../../core/tickets/index.ts';

export interface AuditNames {
  users: Map<string, ConsoleUser>;
  tickets: Map<string, Ticket>;
  subscribers: Map<string, Subscriber>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Looks up every user, ticket and subscriber the entries mention (as actor, record or detail). */
export async function auditNames(store: { users: UserRepository; tickets: TicketRepository; subscribers: SubscriberRepository }, entries: AuditEntry[]): Promise<AuditNames> {
  const ticketIds = new Set<string>();
  const subscriberIds = new Set<string>();
  for (const e of entries) {
    if (e.entity === 'ticket' && e.entityId) ticketIds.add(e.entityId);
    if (e.entity === 'subscriber' && e.entityId) subscriberIds.add(e.entityId);
    if (e.actorType === 'subscriber' && e.actorId) subscriberIds.add(e.actorId);
    const detail = text(e.details.subscriberId);
    if (detail) subscriberIds.add(detail);
  }
  const [users, tickets, subscribers] = await Promise.all([
    store.users.list(),
    Promise.all([...ticketIds].map((id) => store.tickets.get(id))),
    Promise.all([...subscriberIds].map((id) => store.subscribers.get(id))),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u])),
    tickets: new Map(tickets.filter((t): t is Ticket => t !== null).map((t) => [t.id, t])),
    subscribers: new Map(subscribers.filter((s): s is Subscriber => s !== null).map((s) => [s.id, s])),
  };
}

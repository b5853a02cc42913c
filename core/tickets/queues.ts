/**
 * @module What each console queue holds, said once: the ticket fields a queue pins. Both stores translate these
 * conditions into their query (SQLite `WHERE`, MongoDB filter) and add the filters and the cursor themselves.
 */
import { isActiveStatus, type QueueName, type SupportLine, type TicketQuery, type TicketStatus } from './model.ts';

/** A queue's conditions on a ticket; an absent field is not constrained. */
export interface QueueConditions {
  /** The assignee: this user's id, or null for "nobody". */
  assigneeId?: string | null;
  line?: SupportLine;
  breached?: true;
  status?: TicketStatus;
  /**
   * Whether the ticket still needs work. A queue shows active tickets only, unless the status filter asks for a
   * resolved or closed one; the status also pins `active`, so the queue's (…, active, number) index keeps number order.
   */
  active?: boolean;
}

const PINS: Record<QueueName, (q: Pick<TicketQuery, 'userId'>) => Omit<QueueConditions, 'status' | 'active'> | null> = {
  mine: (q) => ({ assigneeId: q.userId ?? '' }),
  unassigned: () => ({ assigneeId: null }),
  second_line: () => ({ line: 2 }),
  breached: () => ({ breached: true }),
  // Every ticket, in any status: no queue condition, no "active only" default.
  all: () => null,
};

/**
 * The queue's conditions, with the query's status filter.
 * @example queueConditions({ queue: 'mine', userId: 'u1' }) // { assigneeId: 'u1', active: true }
 * @example queueConditions({ queue: 'all', status: 'closed' }) // { status: 'closed' }
 */
export function queueConditions(q: Pick<TicketQuery, 'queue' | 'userId' | 'status'>): QueueConditions {
  const pins = PINS[q.queue](q);
  const status = q.status ? { status: q.status } : {};
  if (!pins) return status;
  return { ...pins, ...status, active: q.status ? isActiveStatus(q.status) : true };
}

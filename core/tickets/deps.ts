/**
 * @module What the ticket use cases need, and the small helpers they share: a versioned read-decide-write loop,
 * audit entries and transcript activity lines.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { TicketChange } from './repository.ts';
import type { Actor, Ticket, TicketMessage } from './model.ts';
import type { TicketRepositories } from './repository.ts';

export interface TicketDeps {
  store: TicketRepositories;
  clock: Clock;
  config: Pick<Config, 'SLA_CALLBACK_MINUTES' | 'SLA_CLOCK' | 'ESCALATE_AFTER_MINUTES'> & Partial<Pick<Config, 'AGENT_REPLY_WINDOW_MINUTES'>>;
  logger: Logger;
  events: EventBus;
  scheduler: Pick<Scheduler, 'schedule' | 'cancel'>;
}

/** A use case's answer: the ticket, or why not (an i18n key in `tickets:`). */
export type TicketResult<T = Ticket> = { ok: true; value: T } | { ok: false; reason: string };

export const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Job keys, one per ticket and timer, so re-scheduling moves the timer and cancelling finds it. */
export const jobKeys = {
  callbackDue: (ticketId: string) => `sla:callback:${ticketId}`,
  escalate: (ticketId: string) => `ticket:escalate:${ticketId}`,
};

export const JOB_KINDS = { callbackDue: 'sla.callback_due', escalate: 'ticket.escalate' } as const;

type Decision = { ok: false; reason: string } | { ok: true; change: TicketChange };

/**
 * Reads the ticket, lets `decide` choose a change, and writes it if nobody changed the ticket meanwhile;
 * on a lost race it reads again and decides again. Returns the ticket before and after.
 */
export async function mutate(
  deps: TicketDeps,
  id: string,
  decide: (ticket: Ticket) => Decision | Promise<Decision>,
): Promise<TicketResult<{ before: Ticket; after: Ticket }>> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const before = await deps.store.tickets.get(id);
    if (!before) return fail('tickets:error.not_found');
    const decision = await decide(before);
    if (!decision.ok) return decision;
    const after = await deps.store.tickets.change(id, before.version, decision.change);
    if (after) return { ok: true, value: { before, after } };
  }
  return fail('tickets:error.conflict');
}

/** Writes one audit entry for a ticket action. Never put message text, phones or codes in `details`. */
export async function audit(deps: TicketDeps, actor: Actor, action: string, ticketId: string, details: Record<string, unknown> = {}): Promise<void> {
  await deps.store.audit.append({
    id: randomUUID(),
    at: deps.clock.now(),
    actorType: actor.type,
    actorId: actor.id,
    action,
    entity: 'ticket',
    entityId: ticketId,
    details,
  });
}

/**
 * True when the ticket already has an audit entry `action`. Steps that follow a stored change and may be cut short
 * by a crash (the job runs again after a restart) use it as their "done" mark, so they happen once.
 */
export async function audited(deps: TicketDeps, action: string, ticketId: string): Promise<boolean> {
  return (await deps.store.audit.list({ action, entity: 'ticket', entityId: ticketId, limit: 1 })).length > 0;
}

/** Appends the activity line unless the transcript has it already (a step resumed after a crash). */
export async function appendActivityOnce(deps: TicketDeps, ticket: Ticket, key: string): Promise<void> {
  const lines = await deps.store.ticketMessages.list(ticket.id, { limit: 1000 });
  if (!lines.some((m) => m.direction === 'activity' && m.text === key)) await appendActivity(deps, ticket, key);
}

/** Appends a message to the transcript and tells listeners. */
export async function appendMessage(
  deps: TicketDeps,
  ticket: Ticket,
  message: Omit<TicketMessage, 'id' | 'ticketId' | 'createdAt' | 'externalId' | 'error' | 'params'> &
    Partial<Pick<TicketMessage, 'externalId' | 'params'>>,
): Promise<TicketMessage> {
  const stored: TicketMessage = {
    id: randomUUID(),
    ticketId: ticket.id,
    createdAt: deps.clock.now(),
    externalId: null,
    error: null,
    params: null,
    ...message,
  };
  await deps.store.ticketMessages.append(stored);
  await deps.events.emit('ticket.message_created', { ticket, message: stored });
  return stored;
}

/** An activity line in the transcript ("escalated to the second line"); `key` is a full i18n key, e.g. `tickets:activity.escalated`. */
export function appendActivity(deps: TicketDeps, ticket: Ticket, key: string, params: Record<string, unknown> = {}): Promise<TicketMessage> {
  return appendMessage(deps, ticket, {
    direction: 'activity', sender: 'system', senderId: null, private: false, text: key, params, delivery: 'none',
  });
}

/**
 * @module Escalations to supervisors (STYLE 12; seed 003 cl. 5): a breached callback deadline moves the ticket to the
 * supervisors with a reason; a supervisor acknowledges it (they have seen it and taken charge). The ticket itself
 * stays where it is in the lines; the escalation is the supervisors' own work item.
 */
import { randomUUID } from 'node:crypto';
import type { Escalation, EscalationReason } from '../sla/model.ts';
import { appendActivity, appendActivityOnce, audit, fail, type TicketDeps, type TicketResult } from './deps.ts';
import { SYSTEM, type Actor, type Ticket } from './model.ts';

/**
 * Opens the ticket's escalation for `reason`, once: a repeated call (a retried sweep) finds it open and only finishes
 * what a crash may have cut short after opening it (its activity line, the alert, the audit entry that marks them done).
 * @returns the escalation when this call opened it, or null.
 */
export async function openEscalation(deps: TicketDeps, ticket: Ticket, reason: EscalationReason): Promise<Escalation | null> {
  const escalation: Escalation = {
    id: randomUUID(), ticketId: ticket.id, reason, openedAt: deps.clock.now(), acknowledgedAt: null, acknowledgedBy: null,
  };
  if (!(await deps.store.escalations.open(escalation))) {
    // Open already; a crash may have cut short what follows it (the job runs again): finish that, once.
    const open = (await deps.store.escalations.forTicket(ticket.id)).find((e) => e.reason === reason);
    const announced = async (id: string) =>
      (await deps.store.audit.list({ action: 'ticket.escalation_open', entity: 'ticket', entityId: ticket.id, limit: 50 })).some((a) => a.details.escalationId === id);
    if (open && !(await announced(open.id))) await announce(deps, ticket, open);
    return null;
  }
  await announce(deps, ticket, escalation);
  return escalation;
}

/** The activity line, the alert to supervisors, then the audit entry that marks it done. */
async function announce(deps: TicketDeps, ticket: Ticket, escalation: Escalation): Promise<void> {
  await appendActivityOnce(deps, ticket, `tickets:activity.escalation_${escalation.reason}`);
  await deps.events.emit('ticket.escalation_opened', { ticket, escalation });
  await audit(deps, SYSTEM, 'ticket.escalation_open', ticket.id, { escalationId: escalation.id, reason: escalation.reason });
  await deps.events.emit('ticket.updated', { ticket });
}

/** A supervisor acknowledges an open escalation; a second acknowledgement is refused (`tickets:error.escalation_done`). */
export async function acknowledgeEscalation(deps: TicketDeps, id: string, actor: Actor): Promise<TicketResult<Escalation>> {
  const found = await deps.store.escalations.get(id);
  if (!found) return fail('tickets:error.not_found');
  if (!actor.id) return fail('tickets:error.not_allowed');
  const now = deps.clock.now();
  if (!(await deps.store.escalations.acknowledge(id, actor.id, now))) return fail('tickets:error.escalation_done');
  const escalation: Escalation = { ...found, acknowledgedAt: now, acknowledgedBy: actor.id };
  const ticket = await deps.store.tickets.get(found.ticketId);
  await audit(deps, actor, 'ticket.escalation_acknowledge', found.ticketId, { escalationId: id });
  if (ticket) {
    await appendActivity(deps, ticket, 'tickets:activity.escalation_acknowledged');
    await deps.events.emit('ticket.escalation_acknowledged', { ticket, escalation, actor });
    await deps.events.emit('ticket.updated', { ticket });
  }
  return { ok: true, value: escalation };
}

/** Escalations waiting for a supervisor, oldest first, with their tickets (the breached queue's panel). */
export async function openEscalations(deps: TicketDeps, limit = 50): Promise<Array<{ escalation: Escalation; ticket: Ticket }>> {
  const open = await deps.store.escalations.listOpen(limit);
  const withTickets = await Promise.all(open.map(async (escalation) => ({ escalation, ticket: await deps.store.tickets.get(escalation.ticketId) })));
  return withTickets.filter((e): e is { escalation: Escalation; ticket: Ticket } => e.ticket !== null);
}

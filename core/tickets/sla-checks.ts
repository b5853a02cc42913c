/**
 * @module The two ticket timers, run as scheduler jobs (persisted, fired once, fired on start when overdue):
 * the callback deadline — at the due time without a recorded callback the ticket is breached (seed 003 cl. 5) —
 * and the delayed escalation to the second line when the first line has not acted.
 */
import { randomUUID } from 'node:crypto';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { SlaBreach } from '../sla/model.ts';
import { escalate } from './agent-actions.ts';
import { openEscalation } from './escalations.ts';
import { appendActivity, audit, fail, JOB_KINDS, jobKeys, mutate, type TicketDeps, type TicketResult } from './deps.ts';
import { isActiveStatus, SYSTEM } from './model.ts';

/**
 * Breaches the ticket if its callback is overdue and not recorded: flags it, stores the SlaBreach and emits
 * `ticket.breached` (listeners alert supervisors and tell the subscriber), then opens the supervisors' Escalation.
 * Idempotent: a second run finds the SLA no longer active and does nothing (but an Escalation still missing).
 * @returns the breach, or why nothing happened.
 */
export async function checkCallbackDeadline(deps: TicketDeps, ticketId: string): Promise<TicketResult<SlaBreach>> {
  const now = deps.clock.now();
  let breach: SlaBreach | null = null;
  const r = await mutate(deps, ticketId, async (t) => {
    const sla = await deps.store.tickets.sla(t.id);
    if (!sla || sla.status !== 'active') return fail('tickets:error.sla_not_active');
    if (now < sla.dueAt) return fail('tickets:error.sla_not_due');
    if (!isActiveStatus(t.status)) return { ok: true, change: { patch: { updatedAt: t.updatedAt }, sla: { status: 'cancelled' } } };
    breach = { id: randomUUID(), ticketId: t.id, kind: 'callback', dueAt: sla.dueAt, breachedAt: now };
    return {
      ok: true,
      change: {
        patch: { breached: true, updatedAt: now },
        sla: { status: 'missed', breachedAt: now },
        breach,
        history: { ticketId: t.id, at: now, from: t.status, to: t.status, actor: SYSTEM, note: 'sla.breached' },
      },
    };
  });
  if (!r.ok) {
    // A sweep retried after the breach was stored but before the escalation was: open it now (idempotent).
    if (r.reason === 'tickets:error.sla_not_active' && (await deps.store.tickets.sla(ticketId))?.status === 'missed') {
      const missed = await deps.store.tickets.get(ticketId);
      if (missed) await openEscalation(deps, missed, 'callback_breached');
    }
    if (r.reason === 'tickets:error.sla_not_due') {
      // The deadline moved later (policy edit); keep one timer at the real due time.
      const sla = await deps.store.tickets.sla(ticketId);
      if (sla) await deps.scheduler.schedule(JOB_KINDS.callbackDue, jobKeys.callbackDue(ticketId), sla.dueAt, { ticketId });
    }
    return r;
  }
  if (!breach) return fail('tickets:error.not_active');
  const ticket = r.value.after;
  const b: SlaBreach = breach;
  await audit(deps, SYSTEM, 'ticket.breach', ticket.id, { dueAt: b.dueAt.toISOString() });
  await appendActivity(deps, ticket, 'tickets:activity.breached');
  await deps.events.emit('ticket.breached', { ticket, breach: b });
  await deps.events.emit('ticket.updated', { ticket });
  // STYLE 12: a breach moves the ticket to the supervisors with its reason.
  await openEscalation(deps, ticket, 'callback_breached');
  return { ok: true, value: b };
}

/**
 * Registers the ticket timers' handlers with the scheduler. Call once at start, before `scheduler.start`.
 * @example registerTicketJobs(scheduler, tickets.deps)
 */
export function registerTicketJobs(scheduler: Pick<Scheduler, 'on'>, deps: TicketDeps): void {
  const ticketIdOf = (payload: Record<string, unknown>): string => {
    const id = payload.ticketId;
    if (typeof id !== 'string') throw new Error('ticket job without ticketId');
    return id;
  };
  scheduler.on(JOB_KINDS.callbackDue, async (job) => {
    await checkCallbackDeadline(deps, ticketIdOf(job.payload));
  });
  scheduler.on(JOB_KINDS.escalate, async (job) => {
    await escalate(deps, ticketIdOf(job.payload), SYSTEM, true);
  });
}

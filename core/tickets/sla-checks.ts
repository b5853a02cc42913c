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
import { appendActivityOnce, audit, audited, fail, JOB_KINDS, jobKeys, mutate, type TicketDeps, type TicketResult } from './deps.ts';
import { isActiveStatus, SYSTEM, type Ticket } from './model.ts';

/**
 * Breaches the ticket if its callback is overdue and not recorded: flags it, stores the SlaBreach and emits
 * `ticket.breached` (listeners alert supervisors and tell the subscriber), then opens the supervisors' Escalation.
 * Idempotent: a second run finds the SLA no longer active and does nothing (but an Escalation still missing).
 * @returns the breach, or why nothing happened.
 */
export async function checkCallbackDeadline(deps: TicketDeps, ticketId: string): Promise<TicketResult<SlaBreach>> {
  const now = deps.clock.now();
  let breach: SlaBreach | null = null;
  /** Why the check left the ticket alone, as the check saw it (the refusal's message key is only for people). */
  let skipped: 'sla_not_active' | 'sla_not_due' | null = null;
  const r = await mutate(deps, ticketId, async (t) => {
    skipped = null;
    const sla = await deps.store.tickets.sla(t.id);
    if (!sla || sla.status !== 'active') {
      skipped = 'sla_not_active';
      return fail('tickets:error.sla_not_active');
    }
    if (now < sla.dueAt) {
      skipped = 'sla_not_due';
      return fail('tickets:error.sla_not_due');
    }
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
    // The job runs again after a crash: the breach was stored, what follows it may not have happened yet.
    if (skipped === 'sla_not_active' && (await deps.store.tickets.sla(ticketId))?.status === 'missed') {
      const missed = await deps.store.tickets.get(ticketId);
      const [stored] = await deps.store.tickets.breaches(ticketId);
      if (missed && stored) await followBreach(deps, missed, stored);
    }
    if (skipped === 'sla_not_due') {
      // The deadline moved later (policy edit); keep one timer at the real due time.
      const sla = await deps.store.tickets.sla(ticketId);
      if (sla) await deps.scheduler.schedule(JOB_KINDS.callbackDue, jobKeys.callbackDue(ticketId), sla.dueAt, { ticketId });
    }
    return r;
  }
  if (!breach) return fail('tickets:error.not_active');
  await followBreach(deps, r.value.after, breach);
  return { ok: true, value: breach };
}

/**
 * What follows a stored breach, resumable: a crash anywhere in it leaves the job claimed, and its next run (after a
 * restart) picks up here. The activity line and the escalation happen once (each checks the store); the subscriber
 * is told (listeners of `ticket.breached` finish before `emit` returns), and only then is `ticket.breach` audited —
 * the mark that all of it was done. Only a crash between the message leaving and that mark repeats the message.
 */
async function followBreach(deps: TicketDeps, ticket: Ticket, breach: SlaBreach): Promise<void> {
  if (!(await audited(deps, 'ticket.breach', ticket.id))) {
    await appendActivityOnce(deps, ticket, 'tickets:activity.breached');
    await deps.events.emit('ticket.breached', { ticket, breach });
    await audit(deps, SYSTEM, 'ticket.breach', ticket.id, { dueAt: breach.dueAt.toISOString() });
    await deps.events.emit('ticket.updated', { ticket });
  }
  // STYLE 12: a breach moves the ticket to the supervisors with its reason.
  await openEscalation(deps, ticket, 'callback_breached');
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

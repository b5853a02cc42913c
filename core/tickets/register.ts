/**
 * @module Registering a ticket: its number, its callback deadline (seed 003 cl. 5) and its timers. A technical
 * ticket goes to the second line at once, or after N minutes without first-line action (`ESCALATE_AFTER_MINUTES`).
 */
import { randomUUID } from 'node:crypto';
import type { Language } from '../i18n/model.ts';
import { addSlaMinutes, applySla, loadSlaPolicy, slaApplies } from '../sla/policy.ts';
import { appendActivity, audit, JOB_KINDS, jobKeys, type TicketDeps } from './deps.ts';
import type { Actor, Ticket, TicketChannel, TicketType } from './model.ts';

export interface NewTicket {
  type: TicketType;
  channel: TicketChannel;
  language: Language;
  subscriberId?: string | null;
  accountId?: string | null;
  chatKey?: string | null;
  phone?: string | null;
  region?: string | null;
  service?: string | null;
  symptom?: string | null;
  topic?: string | null;
  comment?: string | null;
  /** Opened by "talk to a person": the chat goes to the agents at once. */
  handedOff?: boolean;
  /** The bot (subscriber) or an agent registering a phone call. */
  actor: Actor;
}

/**
 * Registers a ticket: stores it with the next number and its SLA, schedules the breach check (and the delayed
 * escalation), writes the audit log and emits `ticket.created` (and `ticket.escalated` when it escalates at once).
 */
export async function registerTicket(deps: TicketDeps, input: NewTicket): Promise<Ticket> {
  const now = deps.clock.now();
  const id = randomUUID();
  const policy = await loadSlaPolicy(deps.store, deps.config);
  const sla = slaApplies(policy, input.type) ? applySla(policy, id, now) : null;
  const escalateNow = sla !== null && policy.escalateAfterMinutes === 0;
  const status = escalateNow ? 'escalated' : 'open';
  const ticket = await deps.store.tickets.create(
    {
      id,
      type: input.type,
      channel: input.channel,
      status,
      line: escalateNow ? 2 : 1,
      handedOff: input.handedOff ?? false,
      breached: false,
      subscriberId: input.subscriberId ?? null,
      accountId: input.accountId ?? null,
      chatKey: input.chatKey ?? null,
      phone: input.phone ?? null,
      language: input.language,
      region: input.region ?? null,
      service: input.service ?? null,
      symptom: input.symptom ?? null,
      topic: input.topic ?? null,
      result: null,
      comment: input.comment ?? null,
      assigneeId: null,
      callbackDueAt: sla?.dueAt ?? null,
      callbackOutcome: null,
      firstActionAt: null,
      createdAt: now,
      updatedAt: now,
      escalatedAt: escalateNow ? now : null,
      resolvedAt: null,
      closedAt: null,
    },
    { history: { ticketId: id, at: now, from: null, to: status, actor: input.actor, note: escalateNow ? 'escalate.auto' : 'created' }, sla },
  );
  if (sla) {
    await deps.scheduler.schedule(JOB_KINDS.callbackDue, jobKeys.callbackDue(id), sla.dueAt, { ticketId: id });
    if (!escalateNow) {
      const at = addSlaMinutes(policy, now, policy.escalateAfterMinutes);
      await deps.scheduler.schedule(JOB_KINDS.escalate, jobKeys.escalate(id), at, { ticketId: id });
    }
  }
  await audit(deps, input.actor, 'ticket.create', id, { number: ticket.number, type: ticket.type, channel: ticket.channel });
  await appendActivity(deps, ticket, 'tickets:activity.created', { channel: ticket.channel });
  if (escalateNow) await appendActivity(deps, ticket, 'tickets:activity.escalated_auto');
  await deps.events.emit('ticket.created', { ticket, actor: input.actor });
  if (escalateNow) await deps.events.emit('ticket.escalated', { ticket, actor: input.actor, automatic: true });
  await deps.events.emit('ticket.updated', { ticket });
  return ticket;
}

/**
 * @module What agents do to a ticket (seed 003 cl. 5, 32, 34): take, assign, reply, add a private note, escalate to
 * the second line, record the callback outcome, set topic/result, resolve, close, rate. Each writes the audit log
 * and emits its event; permissions per role are the console's business, the rules of the ticket are here.
 */
import { randomUUID } from 'node:crypto';
import type { TicketSla } from '../sla/model.ts';
import type { TicketChange, TicketPatch } from './repository.ts';
import { checkClosing, type Closing } from './closing.ts';
import { appendActivity, appendMessage, audit, fail, jobKeys, mutate, type TicketDeps, type TicketResult } from './deps.ts';
import {
  isActiveStatus, RATING_CRITERIA, type Actor, type CallbackOutcome, type RatingCriterion, type Ticket, type TicketMessage,
  type TicketRating, type TicketStatus, type TicketType,
} from './model.ts';

/** Longest message an agent may send; Telegram's limit is 4096 characters. */
export const MAX_MESSAGE_LENGTH = 4000;

const history = (t: Ticket, at: Date, to: TicketStatus, actor: Actor, note: string | null) =>
  ({ ticketId: t.id, at, from: t.status, to, actor, note });

/** The SLA change for a ticket that no longer needs its callback (resolved or closed without one). */
async function slaStop(deps: TicketDeps, ticketId: string): Promise<TicketChange['sla']> {
  const sla = await deps.store.tickets.sla(ticketId);
  return sla?.status === 'active' ? { status: 'cancelled' } : undefined;
}

const actionPatch = (t: Ticket, now: Date): TicketPatch => ({ updatedAt: now, firstActionAt: t.firstActionAt ?? now });

/** The agent takes the ticket: assigned to them; a new ticket becomes `in_progress`. */
export async function take(deps: TicketDeps, id: string, actor: Actor): Promise<TicketResult> {
  return assign(deps, id, actor.id, actor);
}

/** Assigns the ticket to an agent (or unassigns with null). */
export async function assign(deps: TicketDeps, id: string, assigneeId: string | null, actor: Actor): Promise<TicketResult> {
  const now = deps.clock.now();
  const r = await mutate(deps, id, (t) => {
    if (!isActiveStatus(t.status)) return fail('tickets:error.not_active');
    if (t.assigneeId === assigneeId) return fail('tickets:error.already_assigned');
    const toStatus: TicketStatus = t.status === 'open' && assigneeId ? 'in_progress' : t.status;
    return {
      ok: true,
      change: {
        patch: { ...actionPatch(t, now), assigneeId, status: toStatus },
        history: history(t, now, toStatus, actor, assigneeId ? 'assign' : 'unassign'),
      },
    };
  });
  if (!r.ok) return r;
  const ticket = r.value.after;
  await audit(deps, actor, assigneeId === actor.id ? 'ticket.take' : 'ticket.assign', id, { assigneeId });
  await deps.events.emit('ticket.assigned', { ticket, actor, assigneeId });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: ticket };
}

/** Checks a message an agent typed; returns the trimmed text or why not. */
function checkText(text: string): TicketResult<string> {
  const trimmed = text.trim();
  if (!trimmed) return fail('tickets:error.empty_message');
  if (trimmed.length > MAX_MESSAGE_LENGTH) return fail('tickets:error.message_too_long');
  return { ok: true, value: trimmed };
}

/**
 * The agent's reply to the subscriber: stored as an outgoing message with delivery `pending`; the channel listener
 * sends it to the ticket's chat and records the result (`recordDelivery`). Tickets without a chat (phone) keep `none`.
 * `author` is how the agent signs in the chat (their first name), kept with the message as `params.author`.
 */
export async function reply(deps: TicketDeps, id: string, text: string, actor: Actor, author?: string | null): Promise<TicketResult<TicketMessage>> {
  const checked = checkText(text);
  if (!checked.ok) return checked;
  const now = deps.clock.now();
  const r = await mutate(deps, id, (t) =>
    t.status === 'closed' ? fail('tickets:error.closed') : { ok: true, change: { patch: actionPatch(t, now) } });
  if (!r.ok) return r;
  const ticket = r.value.after;
  const message = await appendMessage(deps, ticket, {
    direction: 'outgoing', sender: 'agent', senderId: actor.id, private: false, text: checked.value,
    delivery: ticket.chatKey ? 'pending' : 'none', params: author?.trim() ? { author: author.trim().slice(0, 60) } : null,
  });
  await audit(deps, actor, 'ticket.reply', id, { messageId: message.id });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: message };
}

/** A private note: seen by agents and supervisors only, never sent to the subscriber. */
export async function addNote(deps: TicketDeps, id: string, text: string, actor: Actor): Promise<TicketResult<TicketMessage>> {
  const checked = checkText(text);
  if (!checked.ok) return checked;
  const ticket = await deps.store.tickets.get(id);
  if (!ticket) return fail('tickets:error.not_found');
  const message = await appendMessage(deps, ticket, {
    direction: 'outgoing', sender: 'agent', senderId: actor.id, private: true, text: checked.value, delivery: 'none',
  });
  await audit(deps, actor, 'ticket.note', id, { messageId: message.id });
  return { ok: true, value: message };
}

/**
 * Passes the ticket to the second line (seed 003 cl. 5): status `escalated`, line 2, unassigned so it appears in
 * the second-line queue. `automatic` when the timer did it because the first line had not acted.
 */
export async function escalate(deps: TicketDeps, id: string, actor: Actor, automatic = false): Promise<TicketResult> {
  const now = deps.clock.now();
  const r = await mutate(deps, id, (t) => {
    if (!isActiveStatus(t.status)) return fail('tickets:error.not_active');
    if (t.line === 2) return fail('tickets:error.already_escalated');
    if (automatic && t.firstActionAt) return fail('tickets:error.first_line_acted');
    const patch: TicketPatch = automatic ? { updatedAt: now } : actionPatch(t, now);
    return {
      ok: true,
      change: {
        patch: { ...patch, status: 'escalated', line: 2, escalatedAt: now, assigneeId: null },
        history: history(t, now, 'escalated', actor, automatic ? 'escalate.auto' : 'escalate'),
      },
    };
  });
  if (!r.ok) return r;
  const ticket = r.value.after;
  await deps.scheduler.cancel(jobKeys.escalate(id));
  await audit(deps, actor, 'ticket.escalate', id, { automatic });
  await appendActivity(deps, ticket, automatic ? 'tickets:activity.escalated_auto' : 'tickets:activity.escalated');
  await deps.events.emit('ticket.escalated', { ticket, actor, automatic });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: ticket };
}

const OUTCOME_STATUS: Record<CallbackOutcome, TicketStatus | null> = {
  reached: 'callback_done',
  needs_visit: 'callback_done',
  solved: 'resolved',
  not_reached: null,
};

/**
 * Records the second-line agent's call (seed 003 cl. 5). Any recorded call — even one the subscriber did not
 * answer — meets the callback SLA if made by the due time; a call after a breach is recorded but the breach stays.
 * `solved` resolves the ticket; `reached` and `needs_visit` leave it open for the follow-up.
 */
export async function recordCallback(
  deps: TicketDeps, id: string, outcome: CallbackOutcome, actor: Actor, comment?: string,
): Promise<TicketResult> {
  const now = deps.clock.now();
  const r = await mutate(deps, id, async (t) => {
    if (!isActiveStatus(t.status)) return fail('tickets:error.not_active');
    const sla = await deps.store.tickets.sla(t.id);
    const slaPatch: Partial<TicketSla> | undefined = !sla
      ? undefined
      : sla.status === 'active' ? { status: 'hit', callbackAt: now } : sla.callbackAt ? undefined : { callbackAt: now };
    const toStatus = OUTCOME_STATUS[outcome] ?? t.status;
    const patch: TicketPatch = { ...actionPatch(t, now), callbackOutcome: outcome, status: toStatus };
    if (toStatus === 'resolved') Object.assign(patch, { resolvedAt: now, handedOff: false });
    if (comment?.trim()) patch.comment = comment.trim();
    const change: TicketChange = { patch, history: history(t, now, toStatus, actor, `callback.${outcome}`) };
    if (slaPatch) change.sla = slaPatch;
    return { ok: true, change };
  });
  if (!r.ok) return r;
  const { before, after: ticket } = r.value;
  await deps.scheduler.cancel(jobKeys.callbackDue(id));
  await deps.scheduler.cancel(jobKeys.escalate(id));
  await audit(deps, actor, 'ticket.callback', id, { outcome });
  await appendActivity(deps, ticket, `tickets:activity.callback_${outcome}`);
  await deps.events.emit('ticket.callback_recorded', { ticket, actor, outcome });
  if (ticket.status === 'resolved') await deps.events.emit('ticket.resolved', { ticket, actor });
  if (before.handedOff && !ticket.handedOff) await deps.events.emit('ticket.handoff_ended', { ticket, actor });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: ticket };
}

export interface TicketDetails {
  type?: TicketType;
  region?: string | null;
  service?: string | null;
  topic?: string | null;
  result?: string | null;
  comment?: string | null;
}

/** The agent enters the type, topic, result and comment of the request (seed 003 cl. 32). */
export async function setDetails(deps: TicketDeps, id: string, details: TicketDetails, actor: Actor): Promise<TicketResult> {
  const now = deps.clock.now();
  const clean = Object.fromEntries(
    Object.entries(details)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim().slice(0, 500) || null : v]),
  ) as TicketDetails;
  const r = await mutate(deps, id, (t) =>
    t.status === 'closed' ? fail('tickets:error.closed') : { ok: true, change: { patch: { ...clean, updatedAt: now } } });
  if (!r.ok) return r;
  await audit(deps, actor, 'ticket.details', id, { fields: Object.keys(clean) });
  await deps.events.emit('ticket.updated', { ticket: r.value.after });
  return { ok: true, value: r.value.after };
}

/** Resolves the ticket; a pending callback deadline is cancelled and a hand-off ends. */
export async function resolve(deps: TicketDeps, id: string, actor: Actor): Promise<TicketResult> {
  return finish(deps, id, actor, 'resolved', null);
}

/**
 * Closes the ticket for good. A technical ticket neither called back nor resolved needs `closing`, the reason the
 * subscriber is told (core/tickets/closing.ts).
 */
export async function close(deps: TicketDeps, id: string, actor: Actor, closing?: Closing | null): Promise<TicketResult> {
  return finish(deps, id, actor, 'closed', closing ?? null);
}

async function finish(deps: TicketDeps, id: string, actor: Actor, to: 'resolved' | 'closed', closing: Closing | null): Promise<TicketResult> {
  const now = deps.clock.now();
  // What the (last) decision made of `closing`; the decision may run again after a lost race.
  const decided: { closing: Closing | null } = { closing: null };
  const r = await mutate(deps, id, async (t) => {
    if (t.status === 'closed' || t.status === to) return fail(to === 'closed' ? 'tickets:error.closed' : 'tickets:error.not_active');
    if (to === 'closed') {
      const checked = checkClosing(t, closing);
      if (!checked.ok) return checked;
      decided.closing = checked.value;
    }
    const patch: TicketPatch = { ...actionPatch(t, now), status: to, handedOff: false };
    if (to === 'resolved') patch.resolvedAt = now;
    else patch.closedAt = now;
    const change: TicketChange = { patch, history: history(t, now, to, actor, decided.closing ? `close.${decided.closing.reason}` : null) };
    const sla = await slaStop(deps, t.id);
    if (sla) change.sla = sla;
    return { ok: true, change };
  });
  if (!r.ok) return r;
  const { before, after: ticket } = r.value;
  await deps.scheduler.cancel(jobKeys.callbackDue(id));
  await deps.scheduler.cancel(jobKeys.escalate(id));
  const closed = decided.closing;
  await audit(deps, actor, to === 'resolved' ? 'ticket.resolve' : 'ticket.close', id, closed ? { reason: closed.reason } : {});
  if (closed) await appendActivity(deps, ticket, `tickets:activity.closed_${closed.reason}`, closed.comment ? { comment: closed.comment } : {});
  else await appendActivity(deps, ticket, `tickets:activity.${to}`);
  if (before.handedOff) await deps.events.emit('ticket.handoff_ended', { ticket, actor });
  if (to === 'resolved') await deps.events.emit('ticket.resolved', { ticket, actor });
  else await deps.events.emit('ticket.closed', { ticket, actor, closing: closed });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: ticket };
}

/**
 * A supervisor's rating of the agent's work on this ticket, 1–5 on every criterion (seed 003 cl. 34); stored with
 * the ticket and shown beside its transcript.
 */
export async function rate(
  deps: TicketDeps, id: string, scores: Record<RatingCriterion, number>, actor: Actor, comment?: string,
): Promise<TicketResult<TicketRating>> {
  for (const c of RATING_CRITERIA) {
    const v = scores[c];
    if (!Number.isInteger(v) || v < 1 || v > 5) return fail('tickets:error.bad_rating');
  }
  const ticket = await deps.store.tickets.get(id);
  if (!ticket) return fail('tickets:error.not_found');
  if (!actor.id) return fail('tickets:error.not_allowed');
  const rating: TicketRating = {
    id: randomUUID(),
    ticketId: id,
    supervisorId: actor.id,
    agentId: ticket.assigneeId,
    scores: Object.fromEntries(RATING_CRITERIA.map((c) => [c, scores[c]])) as Record<RatingCriterion, number>,
    comment: comment?.trim() || null,
    createdAt: deps.clock.now(),
  };
  await deps.store.tickets.addRating(rating);
  await audit(deps, actor, 'ticket.rate', id, { ratingId: rating.id, agentId: rating.agentId });
  await deps.events.emit('ticket.rated', { ticket, rating });
  return { ok: true, value: rating };
}

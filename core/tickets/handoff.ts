/**
 * @module Hand-off between the bot and a person (PRODUCT.md journey 8): the chat joins its active ticket or opens
 * one, the subscriber's messages go to the transcript, agents' replies go back through the channel listener, and
 * the bot resumes when the agent ends the hand-off. Also records what the bot said and how deliveries went.
 */
import { nextOpening } from '../sla/calendar.ts';
import { loadSlaPolicy } from '../sla/policy.ts';
import type { Language } from '../i18n/model.ts';
import { appendActivity, appendMessage, audit, fail, mutate, type TicketDeps, type TicketResult } from './deps.ts';
import { isActiveStatus, type Actor, type Ticket, type TicketChannel, type TicketMessage } from './model.ts';
import { registerTicket } from './register.ts';

export interface HandoffRequest {
  chatKey: string;
  channel: TicketChannel;
  language: Language;
  subscriberId?: string | null;
  accountId?: string | null;
  phone?: string | null;
  region?: string | null;
  /** `requested`: "talk to a person"; `bot_failed`: the bot could not help, again and again in one step. */
  reason: 'requested' | 'bot_failed';
  /**
   * The open ticket of this chat the subscriber chose to talk about (from the list the bot showed). Without it the
   * hand-off opens a new reference ticket: a question is never filed into an unrelated open fault (issue 14 item 2).
   */
  ticketId?: string | null;
}

export interface HandoffStarted {
  ticket: Ticket;
  /** True when the chat joined a ticket it already had. */
  joined: boolean;
  /** Null when agents are at work now; otherwise when they start answering (seed 003 cl. 4 hours). */
  agentsFrom: Date | null;
}

/** How many of a chat's newest tickets are looked through for its open ones. */
const CHAT_TICKETS = 20;

/** The chat's active tickets, newest first (the ones a hand-off may be about). */
export async function openForChat(deps: TicketDeps, chatKey: string): Promise<Ticket[]> {
  return (await deps.store.tickets.listByChat(chatKey, CHAT_TICKETS)).filter((t) => isActiveStatus(t.status));
}

/**
 * Hands the chat to a person: the chat's ticket already handed off stays; the ticket the subscriber chose
 * (`ticketId`, one of this chat's active tickets) is joined; otherwise a new `reference` ticket opens.
 */
export async function startHandoff(deps: TicketDeps, request: HandoffRequest): Promise<HandoffStarted> {
  const actor: Actor = { type: 'subscriber', id: request.subscriberId ?? null };
  const policy = await loadSlaPolicy(deps.store, deps.config);
  const now = deps.clock.now();
  const opening = nextOpening(policy.calendar, now);
  const agentsFrom = opening.getTime() === now.getTime() ? null : opening;
  const open = await openForChat(deps, request.chatKey);
  const existing = open.find((t) => t.handedOff) ?? (request.ticketId ? open.find((t) => t.id === request.ticketId) : undefined);
  if (existing) {
    const r = await mutate(deps, existing.id, (t) =>
      t.handedOff
        ? fail('tickets:error.already_handed_off')
        : { ok: true, change: { patch: { handedOff: true, updatedAt: now }, history: { ticketId: t.id, at: now, from: t.status, to: t.status, actor, note: 'handoff.start' } } });
    const ticket = r.ok ? r.value.after : ((await deps.store.tickets.get(existing.id)) ?? existing);
    if (r.ok) {
      await audit(deps, actor, 'ticket.handoff_start', ticket.id, { reason: request.reason, joined: true });
      await appendActivity(deps, ticket, `tickets:activity.handoff_${request.reason}`);
      await deps.events.emit('ticket.handoff_started', { ticket, joined: true });
      await deps.events.emit('ticket.updated', { ticket });
    }
    return { ticket, joined: true, agentsFrom };
  }
  const ticket = await registerTicket(deps, {
    type: 'reference',
    channel: request.channel,
    language: request.language,
    subscriberId: request.subscriberId ?? null,
    accountId: request.accountId ?? null,
    chatKey: request.chatKey,
    phone: request.phone ?? null,
    region: request.region ?? null,
    handedOff: true,
    actor,
  });
  await audit(deps, actor, 'ticket.handoff_start', ticket.id, { reason: request.reason, joined: false });
  await appendActivity(deps, ticket, `tickets:activity.handoff_${request.reason}`);
  await deps.events.emit('ticket.handoff_started', { ticket, joined: false });
  return { ticket, joined: false, agentsFrom };
}

/**
 * The agent hands the chat back to the bot — or the subscriber leaves the person (`/cancel`, actor `subscriber`).
 * The ticket stays as it is (resolve or close it separately); agents' replies still reach the chat.
 */
export async function endHandoff(deps: TicketDeps, id: string, actor: Actor): Promise<TicketResult> {
  const now = deps.clock.now();
  const r = await mutate(deps, id, (t) =>
    !t.handedOff
      ? fail('tickets:error.not_handed_off')
      : { ok: true, change: { patch: { handedOff: false, updatedAt: now, firstActionAt: t.firstActionAt ?? now }, history: { ticketId: t.id, at: now, from: t.status, to: t.status, actor, note: 'handoff.end' } } });
  if (!r.ok) return r;
  const ticket = r.value.after;
  await audit(deps, actor, 'ticket.handoff_end', id);
  await appendActivity(deps, ticket, actor.type === 'subscriber' ? 'tickets:activity.handoff_left' : 'tickets:activity.handoff_ended');
  await deps.events.emit('ticket.handoff_ended', { ticket, actor });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: ticket };
}

/** The chat's ticket while it is handed off, if it is (not always its newest: the subscriber may pick an older one). */
export async function handedOffTicket(deps: TicketDeps, chatKey: string): Promise<Ticket | null> {
  return (await openForChat(deps, chatKey)).find((t) => t.handedOff) ?? null;
}

/** A message from the subscriber into the transcript (while handed off, or added to a ticket by the bot). */
export async function addSubscriberMessage(
  deps: TicketDeps, id: string, text: string, externalId: string | null = null,
): Promise<TicketResult<TicketMessage>> {
  const now = deps.clock.now();
  const r = await mutate(deps, id, (t) =>
    t.status === 'closed' ? fail('tickets:error.closed') : { ok: true, change: { patch: { updatedAt: now } } });
  if (!r.ok) return r;
  const ticket = r.value.after;
  const message = await appendMessage(deps, ticket, {
    direction: 'incoming', sender: 'subscriber', senderId: null, private: false, text: text.slice(0, 4000), delivery: 'none', externalId,
  });
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: message };
}

/** Kinds of media the activity line names (the engine's UnsupportedKind); anything else is `other`. */
const MEDIA_KINDS = ['sticker', 'photo', 'voice', 'video', 'document', 'location', 'other'];

/**
 * The subscriber sent something only a person could look at (a photo, a voice message…) while handed off: the
 * transcript gets an activity line saying so, since channels pass us no media (`what`: the engine's UnsupportedKind).
 */
export async function addSubscriberMedia(deps: TicketDeps, id: string, what: string): Promise<TicketResult<TicketMessage>> {
  const ticket = await deps.store.tickets.get(id);
  if (!ticket) return fail('tickets:error.not_found');
  const kind = MEDIA_KINDS.includes(what) ? what : 'other';
  const message = await appendActivity(deps, ticket, `tickets:activity.media.${kind}`);
  await deps.events.emit('ticket.updated', { ticket });
  return { ok: true, value: message };
}

/** What the bot said to the subscriber, kept in the transcript so the agent sees the whole conversation. */
export async function addBotMessage(deps: TicketDeps, id: string, text: string, externalId: string | null = null): Promise<TicketResult<TicketMessage>> {
  const ticket = await deps.store.tickets.get(id);
  if (!ticket) return fail('tickets:error.not_found');
  const message = await appendMessage(deps, ticket, {
    direction: 'outgoing', sender: 'bot', senderId: null, private: false, text: text.slice(0, 4000), delivery: externalId ? 'sent' : 'none', externalId,
  });
  return { ok: true, value: message };
}

/**
 * Records how sending an outgoing message went (called by the channel listener). Failures are kept on the message,
 * not raised (Chatwoot's `external_error`), so the agent sees them.
 */
export async function recordDelivery(
  deps: TicketDeps, messageId: string, result: { ok: true; externalId: string | null } | { ok: false; error: string },
): Promise<TicketResult<TicketMessage>> {
  const message = await deps.store.ticketMessages.setDelivery(
    messageId,
    result.ok ? { delivery: 'sent', externalId: result.externalId, error: null } : { delivery: 'failed', externalId: null, error: result.error },
  );
  if (!message) return fail('tickets:error.not_found');
  const ticket = await deps.store.tickets.get(message.ticketId);
  if (ticket) await deps.events.emit('ticket.message_updated', { ticket, message });
  return { ok: true, value: message };
}

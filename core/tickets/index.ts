/**
 * @module Tickets: the Service Desk of seed 003 — registration with the callback SLA, agents' actions, hand-off
 * between bot and person, queues. `createTickets` binds the use cases to their dependencies for main.ts.
 */
import type { Actor, CallbackOutcome, RatingCriterion, TicketQuery } from './model.ts';
import {
  addNote, assign, close, escalate, rate, recordCallback, reply, resolve, setDetails, take, type TicketDetails,
} from './agent-actions.ts';
import type { Closing } from './closing.ts';
import type { TicketDeps } from './deps.ts';
import {
  addBotMessage, addSubscriberMedia, addSubscriberMessage, endHandoff, handedOffTicket, openForChat, recordDelivery, startHandoff,
  type HandoffRequest,
} from './handoff.ts';
import { addLateReply, agentContact } from './late-reply.ts';
import { activeForSubscriber, queue, queueCounts, view } from './queries.ts';
import { registerTicket, type NewTicket } from './register.ts';
import { checkCallbackDeadline } from './sla-checks.ts';
import { acknowledgeEscalation, openEscalations } from './escalations.ts';

export * from './model.ts';
export { formatTicketNumber, parseTicketNumber, parseTicketSearch } from './number.ts';
export { registerTicketJobs, checkCallbackDeadline } from './sla-checks.ts';
export type { TicketDeps, TicketResult } from './deps.ts';
export type { NewTicket } from './register.ts';
export * from './fault-request.ts';
export type { HandoffRequest, HandoffStarted } from './handoff.ts';
export type { AgentContact } from './late-reply.ts';
export type { TicketView } from './queries.ts';
export { COUNT_CAP } from './queries.ts';
export type { TicketDetails } from './agent-actions.ts';
export { MAX_MESSAGE_LENGTH } from './agent-actions.ts';
export { CLOSE_REASONS, closeNeedsReason, MAX_CLOSE_COMMENT, type CloseReason, type Closing } from './closing.ts';

/**
 * The ticket use cases bound to the product's store, clock, configuration, events and scheduler.
 * @example const tickets = createTickets({ store, clock, config, logger, events, scheduler });
 *          registerTicketJobs(scheduler, tickets.deps);
 *          await tickets.take(ticketId, { type: 'user', id: agent.id });
 */
export function createTickets(deps: TicketDeps) {
  return {
    deps,
    // === Registration and hand-off (bot side)
    register: (input: NewTicket) => registerTicket(deps, input),
    startHandoff: (request: HandoffRequest) => startHandoff(deps, request),
    endHandoff: (id: string, actor: Actor) => endHandoff(deps, id, actor),
    handedOffTicket: (chatKey: string) => handedOffTicket(deps, chatKey),
    addSubscriberMessage: (id: string, text: string, externalId?: string | null) => addSubscriberMessage(deps, id, text, externalId ?? null),
    addBotMessage: (id: string, text: string, externalId?: string | null) => addBotMessage(deps, id, text, externalId ?? null),
    addSubscriberMedia: (id: string, what: string) => addSubscriberMedia(deps, id, what),
    /** The ticket an agent last wrote on to this chat (within a day), and whether a reply still reaches them. */
    agentContact: (chatKey: string) => agentContact(deps, chatKey),
    /** The subscriber's answer to an agent after the chat went back to the bot, into that ticket. */
    addLateReply: (id: string, text: string) => addLateReply(deps, id, text),
    recordDelivery: (messageId: string, result: Parameters<typeof recordDelivery>[2]) => recordDelivery(deps, messageId, result),
    // === Agents' actions (console side)
    take: (id: string, actor: Actor) => take(deps, id, actor),
    assign: (id: string, assigneeId: string | null, actor: Actor) => assign(deps, id, assigneeId, actor),
    reply: (id: string, text: string, actor: Actor, author?: string | null) => reply(deps, id, text, actor, author),
    addNote: (id: string, text: string, actor: Actor) => addNote(deps, id, text, actor),
    escalate: (id: string, actor: Actor) => escalate(deps, id, actor),
    recordCallback: (id: string, outcome: CallbackOutcome, actor: Actor, comment?: string) => recordCallback(deps, id, outcome, actor, comment),
    setDetails: (id: string, details: TicketDetails, actor: Actor) => setDetails(deps, id, details, actor),
    resolve: (id: string, actor: Actor) => resolve(deps, id, actor),
    close: (id: string, actor: Actor, closing?: Closing | null) => close(deps, id, actor, closing),
    rate: (id: string, scores: Record<RatingCriterion, number>, actor: Actor, comment?: string) => rate(deps, id, scores, actor, comment),
    acknowledgeEscalation: (escalationId: string, actor: Actor) => acknowledgeEscalation(deps, escalationId, actor),
    // === Reading
    queue: (query: TicketQuery, search?: string) => queue(deps, query, search),
    /** Each queue's ticket count under the same filters and search, capped at `COUNT_CAP`. */
    queueCounts: (query: TicketQuery, search?: string) => queueCounts(deps, query, search),
    /** The regions tickets were registered with, for the filter list. */
    regions: () => deps.store.tickets.regions(),
    view: (id: string) => view(deps, id),
    get: (id: string) => deps.store.tickets.get(id),
    getByNumber: (number: number) => deps.store.tickets.getByNumber(number),
    activeForSubscriber: (subscriberId: string, limit?: number) => activeForSubscriber(deps, subscriberId, limit),
    /** The chat's active tickets, newest first (what a hand-off may be about). */
    openForChat: (chatKey: string) => openForChat(deps, chatKey),
    /** The chat's newest active ticket, if any. */
    activeForChat: (chatKey: string) => deps.store.tickets.findActiveByChat(chatKey),
    /** Escalations no supervisor has acknowledged yet, oldest first, with their tickets. */
    openEscalations: (limit?: number) => openEscalations(deps, limit),
    // === Timers (also run by the scheduler jobs)
    checkCallbackDeadline: (id: string) => checkCallbackDeadline(deps, id),
  };
}

export type Tickets = ReturnType<typeof createTickets>;

/**
 * @module Ticket events → the subscriber's chat (through the engine's `notify`): agents' replies while handed off
 * (with the delivery recorded on the message), and status changes — taken, escalated, called back, resolved and
 * closed (in words that fit the request, with the reason when a fault is closed without a callback), breached (told
 * honestly) and the end of a hand-off. Listeners never wait for the chat's queue: an event may be
 * emitted from inside that very chat's step (a dialog registering a ticket), so sending is queued behind it — except
 * the breach, which only the scheduler emits and whose job must not finish before the subscriber was told.
 */
import type { EventBus } from '../../core/events.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Ticket, TicketMessage, Tickets } from '../../core/tickets/index.ts';
import type { ConversationRunner } from '../engine/runner.ts';
import type { StoreOutbox } from '../engine/outbox.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { numberText, whenText } from './ticket-text.ts';

export interface TicketUpdatesOptions {
  events: EventBus;
  runner: Pick<ConversationRunner, 'notify' | 'notifySubscriber'>;
  /** Where another instance reports a reply it sent for us (several instances, bot/engine/outbox.ts). */
  outbox?: Pick<StoreOutbox, 'onSent'>;
  tickets: Tickets;
  clock: Clock;
  logger: Logger;
}

type Build = (t: Translate) => OutboundMessage[];

/** The outbox tag of an agent's reply: the ticket message whose delivery the sending instance records. */
const REPLY_TAG = 'ticket-message:';

/** An agent's reply as the subscriber reads it: signed with the agent's first name when the console gave it. */
function agentReply(t: Translate, message: TicketMessage): string {
  const author = message.params?.author;
  return typeof author === 'string' && author
    ? t('tickets:notify.agent_reply_named', { name: author, text: message.text })
    : t('tickets:notify.agent_reply', { text: message.text });
}

/**
 * Subscribes the chat notifications to the ticket events; returns a function that unsubscribes them all.
 * @example listenToTicketEvents({ events, runner, tickets, clock, logger });
 */
export function listenToTicketEvents(options: TicketUpdatesOptions): () => void {
  const { events, runner, tickets, clock, logger } = options;
  // A reply queued for the instance holding the chat's channel: that instance records its delivery when it went.
  options.outbox?.onSent(async ({ tag, externalIds, error }) => {
    if (!tag.startsWith(REPLY_TAG)) return;
    await tickets.recordDelivery(tag.slice(REPLY_TAG.length), error ? { ok: false, error } : { ok: true, externalId: externalIds[0] ?? null });
  });
  const pending = new Set<Promise<unknown>>();

  /** Runs in the background; failures are logged (and, for replies, recorded on the message). */
  const background = (work: Promise<unknown>) => {
    const p = work.catch((err: unknown) => logger.error({ err }, 'ticket notification failed')).finally(() => pending.delete(p));
    pending.add(p);
  };

  /** To the ticket's chat if it has one, else to every chat linked to its subscriber. */
  const send = (ticket: Ticket, build: Build): Promise<unknown> =>
    ticket.chatKey
      ? runner.notify(ticket.chatKey, (t) => build(t))
      : ticket.subscriberId
        ? runner.notifySubscriber(ticket.subscriberId, (t) => build(t), { essential: true })
        : Promise.resolve();
  const tell = (ticket: Ticket, build: Build) => background(send(ticket, build));

  const line = (key: string, ticket: Ticket, extra: Record<string, unknown> = {}): Build => (t) => [
    { text: t(key, { number: numberText(ticket), ...extra }) },
  ];

  const offs = [
    events.on('ticket.message_created', ({ ticket, message }) => {
      if (message.direction !== 'outgoing' || message.sender !== 'agent' || message.private || message.delivery !== 'pending') return;
      if (!ticket.chatKey) return;
      const chatKey = ticket.chatKey;
      background(
        runner
          .notify(chatKey, (t) => [{ text: agentReply(t, message) }], 'menu', `${REPLY_TAG}${message.id}`)
          .then(
            (ids) => ids[0]?.startsWith('outbox:')
              ? undefined
              : tickets.recordDelivery(message.id, ids.length > 0 ? { ok: true, externalId: ids[0] ?? null } : { ok: false, error: 'chat or channel not available' }),
            (err: unknown) => tickets.recordDelivery(message.id, { ok: false, error: err instanceof Error ? err.message : String(err) }),
          ),
      );
    }),
    events.on('ticket.assigned', ({ ticket, assigneeId }) => {
      // Only the first time someone takes it; re-assignments between agents are not news for the subscriber.
      const firstTake = assigneeId && ticket.firstActionAt && ticket.firstActionAt.getTime() === ticket.updatedAt.getTime();
      if (firstTake) tell(ticket, line('tickets:notify.taken', ticket));
    }),
    events.on('ticket.escalated', ({ ticket }) => {
      // Escalated at registration: the fault dialog already said so with the callback time.
      if (ticket.escalatedAt && ticket.escalatedAt.getTime() === ticket.createdAt.getTime()) return;
      const now = clock.now();
      tell(ticket, (t) =>
        ticket.callbackDueAt
          ? [{ text: t('tickets:notify.escalated', { number: numberText(ticket), when: whenText(t, ticket.callbackDueAt, now) }) }]
          : [{ text: t('tickets:notify.escalated_no_due', { number: numberText(ticket) }) }],
      );
    }),
    events.on('ticket.callback_recorded', ({ ticket, outcome }) => {
      if (outcome === 'solved') return; // `ticket.resolved` follows
      tell(ticket, line(`tickets:notify.callback_${outcome}`, ticket));
    }),
    // What "done" means depends on the request: a reference ticket is not told to report a fault again.
    events.on('ticket.resolved', ({ ticket }) => tell(ticket, line(`tickets:notify.resolved_${ticket.type}`, ticket))),
    events.on('ticket.closed', ({ ticket, closing }) => {
      if (ticket.resolvedAt) return; // resolved first: the subscriber was told then
      if (closing) tell(ticket, line(`tickets:notify.closed_${closing.reason}`, ticket, { comment: closing.comment ?? '' }));
      else tell(ticket, line(ticket.type === 'technical' ? 'tickets:notify.closed_technical' : 'tickets:notify.closed_request', ticket));
    }),
    // Awaited: the breach job marks itself done only once the subscriber was told (a crash before that tells them
    // after the restart). It runs from the scheduler, never inside a chat's own step.
    events.on('ticket.breached', async ({ ticket, breach }) => {
      const now = clock.now();
      await send(ticket, (t) => [{ text: t('tickets:notify.breached', { number: numberText(ticket), when: whenText(t, breach.dueAt, now) }) }]);
    }),
    events.on('ticket.handoff_ended', ({ ticket, actor }) => {
      if (ticket.status === 'resolved' || ticket.status === 'closed') return; // `ticket.resolved` says enough
      if (actor.type === 'subscriber') return; // they left the person themselves (/cancel) and were answered then
      tell(ticket, line('tickets:handoff.ended', ticket));
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/**
 * @module One ticket (Chatwoot's conversation view): the full transcript with the reply box on the left; facts,
 * actions, the subscriber card, supervisor ratings and history on the right. Every action is a form post through
 * a core use case (core/tickets), which writes the audit log; the reply reaches the subscriber's chat through the
 * channel listener of `ticket.message_created`.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { conversationBeforeTicket } from '../../core/conversations/index.ts';
import type { Actor, TicketResult } from '../../core/tickets/index.ts';
import { faultRequestOf } from '../../core/tickets/index.ts';
import {
  CALLBACK_OUTCOMES, CLOSE_REASONS, formatTicketNumber, MAX_CLOSE_COMMENT, MAX_MESSAGE_LENGTH, RATING_CRITERIA, TICKET_TYPES, type RatingCriterion,
} from '../../core/tickets/index.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { allows } from '../permissions.ts';
import { Csrf, EmptyState, Notice } from '../ui/bits.tsx';
import { ConversationBefore } from '../ui/conversation.tsx';
import { EscalationPanel } from '../ui/escalations.tsx';
import { firstName } from '../ui/format.ts';
import { Ratings } from '../ui/ratings.tsx';
import { SubscriberCard, subscriberFacts } from '../ui/subscriber-card.tsx';
import { TicketActions, TicketDetailsForm, TicketFacts } from '../ui/ticket-actions.tsx';
import { who } from '../ui/ticket-bits.tsx';
import { TicketHistory } from '../ui/ticket-history.tsx';
import { TranscriptItems } from '../ui/transcript.tsx';
import { form, noFields } from '../validation.ts';
import { textStream } from '../text-stream.ts';
import { transcriptCsv } from '../../core/tickets/transcript-csv.ts';
import { randomUUID } from 'node:crypto';

const DONE = ['take', 'assign', 'reply', 'note', 'escalate', 'callback', 'details', 'resolve', 'close', 'handoff_end', 'rate', 'acknowledge'] as const;
type Done = (typeof DONE)[number];

/** Most steps the history card shows (the newest). */
const HISTORY_LIMIT = 200;

const replyForm = z.object({ text: z.string().max(MAX_MESSAGE_LENGTH * 2), private: z.literal('1').optional() });
const closeForm = z.object({ reason: z.union([z.enum(CLOSE_REASONS), z.literal('')]).optional(), comment: z.string().max(MAX_CLOSE_COMMENT).optional() });
const assignForm = z.object({ assignee: z.union([z.uuid(), z.literal('')]) });
const callbackForm = z.object({ outcome: z.enum(CALLBACK_OUTCOMES), comment: z.string().max(500).optional() });
const detailsForm = z.object({
  type: z.enum(TICKET_TYPES),
  topic: z.string().max(500).optional(),
  result: z.string().max(500).optional(),
  comment: z.string().max(500).optional(),
});
const score = z.coerce.number().int().min(1).max(5);
const rateForm = z.object({
  ...(Object.fromEntries(RATING_CRITERIA.map((c) => [c, score])) as Record<RatingCriterion, typeof score>),
  comment: z.string().max(1000).optional(),
});

const actorOf = (c: Context<ConsoleEnv>): Actor => ({ type: 'user', id: c.get('user')!.id });

/** Back to the ticket with a notice: what was done, or why it could not be. */
function after(c: Context<ConsoleEnv>, id: string, result: TicketResult<unknown>, done: Done): Response {
  if (!result.ok && result.reason === 'tickets:error.not_found') throw new HTTPException(404, { message: result.reason });
  const notice = result.ok ? `done=${done}` : `error=${encodeURIComponent(result.reason)}`;
  return c.redirect(`${href(`/tickets/${id}`)}?${notice}#${done === 'reply' || done === 'note' ? 'reply' : 'top'}`, 303);
}

export function ticketRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { store, tickets } = deps;
  const app = new Hono<ConsoleEnv>();

  async function staff() {
    return (await store.users.list()).filter((u) => u.active && allows(u.roles, 'tickets.work'));
  }

  app.get('/:id', requires('tickets.view'), async (c) => {
    const t = c.get('t');
    const me = c.get('user')!;
    const can = c.get('permissions');
    const csrf = c.get('csrfToken');
    const view = await tickets.view(c.req.param('id'));
    if (!view) throw new HTTPException(404, { message: 'no such ticket' });
    const { ticket, messages, history, ratings, escalations } = view;
    const before = await conversationBeforeTicket(store, ticket, history, messages);
    const steps = await store.audit.list({ entity: 'ticket', entityId: ticket.id, limit: HISTORY_LIMIT });
    const everyone = await store.users.list();
    const users = new Map(everyone.map((u) => [u.id, u.name]));
    const facts = can.has('subscribers.view') ? await subscriberFacts(deps, ticket) : null;
    const subscriberLabel = who(t, ticket, { users, subscribers: new Map(facts?.subscriber ? [[facts.subscriber.id, facts.subscriber.fullName]] : []) });
    const done = DONE.find((d) => d === c.req.query('done'));
    const error = /^tickets:error\.[a-z_]+$/.test(c.req.query('error') ?? '') ? c.req.query('error')! : null;
    const canReply = can.has('tickets.work') && ticket.status !== 'closed';

    return c.render(
      <>
        {done ? <Notice kind="ok">{t(`admin:ticket.done.${done}`)}</Notice> : null}
        {error ? <Notice kind="error">{t(error)}</Notice> : null}
        <div class="live-banner notice notice-warn" data-changed-banner hidden>
          {t('admin:ticket.changed')} <a href={href(`/tickets/${ticket.id}`)}>{t('admin:ticket.reload')}</a>
        </div>
        <div class="ticket-layout" data-events={href('/tickets/events')} data-ticket={ticket.id}>
          <section class="card conversation" aria-labelledby="transcript-title">
            <h2 id="transcript-title">{t('admin:ticket.transcript')}</h2>
            {can.has('tickets.export') ? <p><a class="button secondary" href={href(`/tickets/${ticket.id}/transcript.csv`)} download>{t('admin:ticket.export.download')}</a></p> : null}
            <ConversationBefore t={t} messages={before} subscriberLabel={subscriberLabel} />
            <ol class="transcript" id="transcript" data-live-transcript={href(`/tickets/${ticket.id}/transcript`)}>
              <TranscriptItems t={t} messages={messages} users={users} subscriberLabel={subscriberLabel} />
            </ol>
            {messages.length === 0 && before.length === 0 ? <EmptyState title={t('admin:ticket.transcript_empty')} /> : null}
            {canReply ? (
              <form method="post" action={href(`/tickets/${ticket.id}/reply`)} class="reply" id="reply">
                <Csrf token={csrf} />
                {!ticket.chatKey ? <p class="muted small">{t('admin:ticket.no_chat')}</p> : null}
                <label>
                  <span class="visually-hidden">{t('admin:ticket.reply_label')}</span>
                  <textarea name="text" rows={3} maxlength={MAX_MESSAGE_LENGTH} required placeholder={t('admin:ticket.reply_placeholder')}></textarea>
                </label>
                <div class="reply-bar">
                  <label class="check">
                    <input type="checkbox" name="private" value="1" checked={!ticket.chatKey} />
                    <span>{t('admin:ticket.private_note')}</span>
                  </label>
                  <button type="submit">{t('admin:ticket.send')}</button>
                </div>
              </form>
            ) : null}
          </section>
          <aside class="ticket-side">
            <section class="card">
              <TicketFacts t={t} ticket={ticket} users={users} request={faultRequestOf(messages)} />
              <TicketActions t={t} ticket={ticket} me={me} can={can} csrf={csrf} staff={await staff()} users={users} />
            </section>
            <EscalationPanel t={t} ticket={ticket} escalations={escalations} users={users} canAcknowledge={can.has('tickets.escalations')} csrf={csrf} />
            {ticket.topic === 'instalment' && ticket.accountId && can.has('instalments.conclude') ? (
              <section class="card"><a class="button" href={href(`/tickets/${ticket.id}/instalment`)}>{t('admin:instalment.open')}</a></section>
            ) : null}
            {facts ? <SubscriberCard t={t} lang={c.get('lang')} facts={facts} ticket={ticket} /> : null}
            <Ratings t={t} ticket={ticket} ratings={ratings} users={users} canRate={can.has('tickets.rate')} csrf={csrf} />
            {can.has('tickets.work') && ticket.status !== 'closed' ? (
              <section class="card">
                <h2>{t('admin:ticket.details.title')}</h2>
                <TicketDetailsForm t={t} ticket={ticket} csrf={csrf} />
              </section>
            ) : null}
            <section class="card">
              <h2>{t('admin:ticket.history')}</h2>
              <TicketHistory t={t} entries={steps} users={users} escalatedAtOnce={history[0]?.note === 'escalate.auto'} />
            </section>
          </aside>
        </div>
      </>,
      { title: `${formatTicketNumber(ticket.number)} · ${t(`tickets:type.${ticket.type}`)}` },
    );
  });

  app.get('/:id/transcript', requires('tickets.view'), async (c) => {
    const t = c.get('t');
    const view = await tickets.view(c.req.param('id'));
    if (!view) throw new HTTPException(404, { message: 'no such ticket' });
    const users = new Map((await store.users.list()).map((u) => [u.id, u.name]));
    const subscriber = view.ticket.subscriberId ? await store.subscribers.get(view.ticket.subscriberId) : null;
    const label = who(t, view.ticket, { users, subscribers: new Map(subscriber ? [[subscriber.id, subscriber.fullName]] : []) });
    return c.html(<TranscriptItems t={t} messages={view.messages} users={users} subscriberLabel={label} />);
  });

  app.get('/:id/transcript.csv', requires('tickets.export'), async (c) => {
    const t = c.get('t');
    const view = await tickets.view(c.req.param('id'));
    if (!view) throw new HTTPException(404, { message: 'no such ticket' });
    const users = new Map((await store.users.list()).map((u) => [u.id, u.name]));
    const subscriber = view.ticket.subscriberId ? await store.subscribers.get(view.ticket.subscriberId) : null;
    const subscriberLabel = who(t, view.ticket, { users, subscribers: new Map(subscriber ? [[subscriber.id, subscriber.fullName]] : []) });
    await store.audit.append({
      id: randomUUID(), at: deps.clock.now(), actorType: 'user', actorId: c.get('user')!.id, action: 'ticket.transcript_exported', entity: 'ticket',
      entityId: view.ticket.id, details: { messages: view.messages.filter((m) => !m.private).length },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${formatTicketNumber(view.ticket.number)}-transcript.csv"`);
    return c.body(textStream(transcriptCsv(view.messages, t, { users, subscriberLabel })));
  });

  app.post('/:id/take', requires('tickets.work'), noFields(), async (c) => after(c, c.req.param('id'), await tickets.take(c.req.param('id'), actorOf(c)), 'take'));

  app.post('/:id/assign', requires('tickets.assign'), form(assignForm), async (c) => {
    const { assignee } = c.req.valid('form');
    if (assignee && !(await staff()).some((u) => u.id === assignee)) throw new HTTPException(422, { message: 'admin:ticket.error.not_staff' });
    return after(c, c.req.param('id'), await tickets.assign(c.req.param('id'), assignee || null, actorOf(c)), 'assign');
  });

  app.post('/:id/reply', requires('tickets.work'), form(replyForm), async (c) => {
    const { text, private: note } = c.req.valid('form');
    const id = c.req.param('id');
    if (note) return after(c, id, await tickets.addNote(id, text, actorOf(c)), 'note');
    // The subscriber reads the reply signed with the agent's first name: "Айгүл (оператор): …".
    return after(c, id, await tickets.reply(id, text, actorOf(c), firstName(c.get('user')!.name)), 'reply');
  });

  app.post('/:id/escalate', requires('tickets.escalate'), noFields(), async (c) =>
    after(c, c.req.param('id'), await tickets.escalate(c.req.param('id'), actorOf(c)), 'escalate'));

  app.post('/:id/callback', requires('tickets.callback'), form(callbackForm), async (c) => {
    const { outcome, comment } = c.req.valid('form');
    return after(c, c.req.param('id'), await tickets.recordCallback(c.req.param('id'), outcome, actorOf(c), comment), 'callback');
  });

  app.post('/:id/details', requires('tickets.work'), form(detailsForm), async (c) =>
    after(c, c.req.param('id'), await tickets.setDetails(c.req.param('id'), c.req.valid('form'), actorOf(c)), 'details'));

  app.post('/:id/resolve', requires('tickets.work'), noFields(), async (c) =>
    after(c, c.req.param('id'), await tickets.resolve(c.req.param('id'), actorOf(c)), 'resolve'));

  app.post('/:id/close', requires('tickets.work'), form(closeForm), async (c) => {
    const { reason, comment } = c.req.valid('form');
    const closing = reason ? { reason, comment: comment ?? null } : null;
    return after(c, c.req.param('id'), await tickets.close(c.req.param('id'), actorOf(c), closing), 'close');
  });

  app.post('/:id/handoff-end', requires('tickets.work'), noFields(), async (c) =>
    after(c, c.req.param('id'), await tickets.endHandoff(c.req.param('id'), actorOf(c)), 'handoff_end'));

  app.post('/:id/escalations/:escalationId/acknowledge', requires('tickets.escalations'), noFields(), async (c) => {
    const id = c.req.param('id');
    const escalation = await store.escalations.get(c.req.param('escalationId'));
    if (!escalation || escalation.ticketId !== id) throw new HTTPException(404, { message: 'no such escalation' });
    return after(c, id, await tickets.acknowledgeEscalation(escalation.id, actorOf(c)), 'acknowledge');
  });

  app.post('/:id/rate', requires('tickets.rate'), form(rateForm), async (c) => {
    const { comment, ...scores } = c.req.valid('form');
    return after(c, c.req.param('id'), await tickets.rate(c.req.param('id'), scores as Record<RatingCriterion, number>, actorOf(c), comment), 'rate');
  });

  return app;
}

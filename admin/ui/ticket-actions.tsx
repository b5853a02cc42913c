/**
 * @module The ticket's facts and the actions the signed-in user may take on it right now (seed 003 cl. 5, 32):
 * take, assign, escalate, record the callback outcome, resolve, close, hand the chat back to the bot, and the
 * topic / result / comment the agent registers.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { ConsoleUser } from '../../core/users/model.ts';
import {
  CALLBACK_OUTCOMES, CLOSE_REASONS, closeNeedsReason, isActiveStatus, MAX_CLOSE_COMMENT, TICKET_TYPES, type Ticket,
} from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import type { Permission } from '../permissions.ts';
import { Csrf } from './bits.tsx';
import { formatDateTime } from './format.ts';
import { SlaCell, StatusBadge } from './ticket-bits.tsx';

interface Props {
  t: Translate;
  ticket: Ticket;
  me: ConsoleUser;
  can: Set<Permission>;
  csrf: string;
  /** People a ticket can be assigned to. */
  staff: ConsoleUser[];
  users: Map<string, string>;
}

function ActionButton({ action, ticket, csrf, label, kind, confirm }: { action: string; ticket: Ticket; csrf: string; label: string; kind?: string; confirm?: string }) {
  return (
    <form method="post" action={href(`/tickets/${ticket.id}/${action}`)} data-confirm={confirm}>
      <Csrf token={csrf} />
      <button type="submit" class={kind}>
        {label}
      </button>
    </form>
  );
}

export function TicketFacts({ t, ticket, users }: Pick<Props, 't' | 'ticket' | 'users'>) {
  return (
    <dl class="facts">
      <dt>{t('admin:ticket.fact.status')}</dt>
      <dd>
        <StatusBadge t={t} ticket={ticket} /> {ticket.line === 2 && ticket.status !== 'escalated' ? <span class="badge line2">{t('admin:tickets.line2')}</span> : null}
      </dd>
      <dt>{t('admin:ticket.fact.sla')}</dt>
      <dd>
        <SlaCell t={t} ticket={ticket} />
      </dd>
      <dt>{t('admin:ticket.fact.type')}</dt>
      <dd>{t(`tickets:type.${ticket.type}`)}</dd>
      <dt>{t('admin:ticket.fact.channel')}</dt>
      <dd>
        {t(`tickets:channel.${ticket.channel}`)}
        {ticket.handedOff ? <span class="badge live">{t('admin:tickets.chat')}</span> : null}
      </dd>
      <dt>{t('admin:ticket.fact.assignee')}</dt>
      <dd>{ticket.assigneeId ? (users.get(ticket.assigneeId) ?? '—') : t('admin:tickets.nobody')}</dd>
      {ticket.phone ? (
        <>
          <dt>{t('admin:ticket.fact.phone')}</dt>
          <dd class="mono">{ticket.phone}</dd>
        </>
      ) : null}
      {ticket.region ? (
        <>
          <dt>{t('admin:ticket.fact.region')}</dt>
          <dd>{ticket.region}</dd>
        </>
      ) : null}
      {ticket.service ? (
        <>
          <dt>{t('admin:ticket.fact.service')}</dt>
          <dd>
            {t(`rules:service.${ticket.service}`, { defaultValue: ticket.service })}
            {ticket.symptom ? ` · ${t(`tickets:fault.symptom.${ticket.symptom}`, { defaultValue: ticket.symptom })}` : ''}
          </dd>
        </>
      ) : null}
      <dt>{t('admin:ticket.fact.created')}</dt>
      <dd>{formatDateTime(ticket.createdAt)}</dd>
      {ticket.callbackOutcome ? (
        <>
          <dt>{t('admin:ticket.fact.callback')}</dt>
          <dd>{t(`tickets:outcome.${ticket.callbackOutcome}`)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Closing a technical ticket nobody called back: the agent picks the reason the subscriber will be told
 * (core/tickets/closing.ts); `other` takes a few words of their own.
 */
function CloseWithReason({ t, ticket, csrf }: Pick<Props, 't' | 'ticket' | 'csrf'>) {
  return (
    <details class="close-reason">
      <summary>{t('admin:ticket.action.close')}</summary>
      <form method="post" action={href(`/tickets/${ticket.id}/close`)} class="stack">
        <Csrf token={csrf} />
        <p class="muted small">{t('admin:ticket.close.why')}</p>
        <label>
          {t('admin:ticket.close.reason')}
          <select name="reason" required>
            <option value="">{t('admin:ticket.close.choose')}</option>
            {CLOSE_REASONS.map((r) => (
              <option value={r}>{t(`tickets:close_reason.${r}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('admin:ticket.close.comment')}
          <input name="comment" maxlength={MAX_CLOSE_COMMENT} />
        </label>
        <button type="submit" class="secondary danger">
          {t('admin:ticket.close.submit')}
        </button>
      </form>
    </details>
  );
}

export function TicketActions({ t, ticket, me, can, csrf, staff }: Props) {
  const active = isActiveStatus(ticket.status);
  const open = ticket.status !== 'closed';
  return (
    <div class="stack">
      <div class="row-actions">
        {active && can.has('tickets.work') && ticket.assigneeId !== me.id ? (
          <ActionButton action="take" ticket={ticket} csrf={csrf} label={t('admin:ticket.action.take')} />
        ) : null}
        {active && can.has('tickets.escalate') && ticket.line === 1 ? (
          <ActionButton action="escalate" ticket={ticket} csrf={csrf} label={t('admin:ticket.action.escalate')} kind="secondary" />
        ) : null}
        {ticket.handedOff && can.has('tickets.work') ? (
          <ActionButton action="handoff-end" ticket={ticket} csrf={csrf} label={t('admin:ticket.action.end_handoff')} kind="secondary" />
        ) : null}
        {active && can.has('tickets.work') ? (
          <ActionButton action="resolve" ticket={ticket} csrf={csrf} label={t('admin:ticket.action.resolve')} kind="secondary" />
        ) : null}
        {open && can.has('tickets.work') && !closeNeedsReason(ticket) ? (
          <ActionButton action="close" ticket={ticket} csrf={csrf} label={t('admin:ticket.action.close')} kind="secondary danger" confirm={t('admin:ticket.action.close_confirm')} />
        ) : null}
      </div>
      {open && can.has('tickets.work') && closeNeedsReason(ticket) ? <CloseWithReason t={t} ticket={ticket} csrf={csrf} /> : null}
      {active && can.has('tickets.assign') ? (
        <form method="post" action={href(`/tickets/${ticket.id}/assign`)} class="inline-form">
          <Csrf token={csrf} />
          <label>
            {t('admin:ticket.action.assign_to')}
            <select name="assignee">
              <option value="">{t('admin:tickets.nobody')}</option>
              {staff.map((u) => (
                <option value={u.id} selected={u.id === ticket.assigneeId}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">
            {t('admin:ticket.action.assign')}
          </button>
        </form>
      ) : null}
      {active && can.has('tickets.callback') && (ticket.line === 2 || ticket.callbackDueAt) ? (
        <form method="post" action={href(`/tickets/${ticket.id}/callback`)} class="stack callback">
          <Csrf token={csrf} />
          <label>
            {t('admin:ticket.callback.title')}
            <select name="outcome" required>
              {CALLBACK_OUTCOMES.map((o) => (
                <option value={o}>{t(`tickets:outcome.${o}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('admin:ticket.callback.comment')}
            <input name="comment" maxlength={500} />
          </label>
          <button type="submit">{t('admin:ticket.callback.submit')}</button>
        </form>
      ) : null}
    </div>
  );
}

export function TicketDetailsForm({ t, ticket, csrf }: Pick<Props, 't' | 'ticket' | 'csrf'>) {
  return (
    <form method="post" action={href(`/tickets/${ticket.id}/details`)} class="stack">
      <Csrf token={csrf} />
      <label>
        {t('admin:ticket.fact.type')}
        <select name="type">
          {TICKET_TYPES.map((v) => (
            <option value={v} selected={v === ticket.type}>
              {t(`tickets:type.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin:ticket.details.topic')}
        <input name="topic" value={ticket.topic ?? ''} maxlength={500} />
      </label>
      <label>
        {t('admin:ticket.details.result')}
        <input name="result" value={ticket.result ?? ''} maxlength={500} />
      </label>
      <label>
        {t('admin:ticket.details.comment')}
        <textarea name="comment" maxlength={500} rows={3}>
          {ticket.comment ?? ''}
        </textarea>
      </label>
      <button type="submit" class="secondary">
        {t('admin:ticket.details.save')}
      </button>
    </form>
  );
}

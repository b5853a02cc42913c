/** @module Pieces of the tickets workplace shared by the queue, its live rows and the ticket page. */
import type { Translate } from '../../core/i18n/i18n.ts';
import { formatTicketNumber, isActiveStatus, type Ticket } from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import { formatDateTime } from './format.ts';

/** Names the rows show: console users by id, subscribers by id. */
export interface Names {
  users: Map<string, string>;
  subscribers: Map<string, string>;
}

export function StatusBadge({ t, ticket }: { t: Translate; ticket: Ticket }) {
  return <span class={`badge status-${ticket.status}`}>{t(`tickets:status.${ticket.status}`)}</span>;
}

/**
 * The callback deadline (seed 003 cl. 5): a live countdown while it runs (the browser ticks it from `data-due`),
 * a breach flag once missed, "called back" when done.
 */
export function SlaCell({ t, ticket }: { t: Translate; ticket: Ticket }) {
  if (!ticket.callbackDueAt) return <span class="muted">—</span>;
  const running = !ticket.callbackOutcome && isActiveStatus(ticket.status);
  return (
    <span class="sla">
      {ticket.breached ? <span class="badge breach">{t('admin:tickets.sla.breached')}</span> : null}
      {running ? (
        <time class="countdown" data-due={ticket.callbackDueAt.toISOString()} datetime={ticket.callbackDueAt.toISOString()}>
          {t('admin:tickets.sla.due_at', { time: formatDateTime(ticket.callbackDueAt) })}
        </time>
      ) : ticket.callbackOutcome ? (
        <span class="badge sla-done">{t(`tickets:outcome.${ticket.callbackOutcome}`)}</span>
      ) : (
        <span class="muted">{t('admin:tickets.sla.stopped')}</span>
      )}
    </span>
  );
}

/** Who the ticket is from: the subscriber's name when verified, else the phone, else the channel. */
export function who(t: Translate, ticket: Ticket, names: Names): string {
  return (ticket.subscriberId && names.subscribers.get(ticket.subscriberId)) || ticket.phone || t('admin:tickets.anonymous');
}

/** The queue rows; also served alone as the fragment the live list swaps in. */
export function TicketRows({ t, items, names }: { t: Translate; items: Ticket[]; names: Names }) {
  return (
    <>
      {items.map((ticket) => (
        <tr data-ticket={ticket.id} class={ticket.breached ? 'is-breached' : undefined}>
          <td data-label={t('admin:tickets.col.number')} class="nowrap">
            <a href={href(`/tickets/${ticket.id}`)} class="ticket-link">
              {formatTicketNumber(ticket.number)}
            </a>
            {ticket.handedOff ? <span class="badge live" title={t('admin:tickets.handed_off')}>{t('admin:tickets.chat')}</span> : null}
            <br />
            <small class="muted">
              <time datetime={ticket.createdAt.toISOString()}>{formatDateTime(ticket.createdAt)}</time>
            </small>
          </td>
          <td data-label={t('admin:tickets.col.request')}>
            <strong>{t(`tickets:type.${ticket.type}`)}</strong>
            <br />
            <small class="muted">
              {t(`tickets:channel.${ticket.channel}`)}
              {ticket.service ? ` · ${t(`rules:service.${ticket.service}`, { defaultValue: ticket.service })}` : ''}
            </small>
          </td>
          <td data-label={t('admin:tickets.col.subscriber')}>
            {who(t, ticket, names)}
            {ticket.region ? (
              <>
                <br />
                <small class="muted">{ticket.region}</small>
              </>
            ) : null}
          </td>
          <td data-label={t('admin:tickets.col.status')}>
            <StatusBadge t={t} ticket={ticket} />
            {ticket.line === 2 && ticket.status !== 'escalated' ? <span class="badge line2">{t('admin:tickets.line2')}</span> : null}
          </td>
          <td data-label={t('admin:tickets.col.assignee')}>
            {ticket.assigneeId ? (names.users.get(ticket.assigneeId) ?? '—') : <span class="muted">{t('admin:tickets.nobody')}</span>}
          </td>
          <td data-label={t('admin:tickets.col.sla')}>
            <SlaCell t={t} ticket={ticket} />
          </td>
        </tr>
      ))}
    </>
  );
}

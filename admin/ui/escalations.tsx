/**
 * @module Escalations to supervisors (STYLE 12) in the console: the panel on the ticket page, and the list of
 * unacknowledged ones on top of the breached queue. Supervisors acknowledge with one button (`tickets.escalations`).
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { Escalation } from '../../core/sla/model.ts';
import { formatTicketNumber, type Ticket } from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import { Csrf } from './bits.tsx';
import { formatDateTime } from './format.ts';

function Acknowledge({ t, ticketId, escalation, csrf }: { t: Translate; ticketId: string; escalation: Escalation; csrf: string }) {
  return (
    <form method="post" action={href(`/tickets/${ticketId}/escalations/${escalation.id}/acknowledge`)}>
      <Csrf token={csrf} />
      <button type="submit">{t('admin:escalation.acknowledge')}</button>
    </form>
  );
}

/** The ticket's escalations with their reason and state; nothing when it has none. */
export function EscalationPanel({ t, ticket, escalations, users, canAcknowledge, csrf }: {
  t: Translate;
  ticket: Ticket;
  escalations: Escalation[];
  users: Map<string, string>;
  canAcknowledge: boolean;
  csrf: string;
}) {
  if (escalations.length === 0) return null;
  return (
    <section class="card escalations" aria-labelledby="escalations-title">
      <h2 id="escalations-title">{t('admin:escalation.title')}</h2>
      <ul class="timeline">
        {escalations.map((e) => (
          <li data-escalation={e.id}>
            <strong>{t(`admin:escalation.reason.${e.reason}`)}</strong> <time>{formatDateTime(e.openedAt)}</time>
            <div class="muted">
              {e.acknowledgedAt
                ? t('admin:escalation.acknowledged_by', { name: users.get(e.acknowledgedBy ?? '') ?? '—', time: formatDateTime(e.acknowledgedAt) })
                : t('admin:escalation.waiting')}
            </div>
            {!e.acknowledgedAt && canAcknowledge ? <Acknowledge t={t} ticketId={ticket.id} escalation={e} csrf={csrf} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Unacknowledged escalations, oldest first, shown above the breached queue. */
export function OpenEscalations({ t, items, canAcknowledge, csrf }: {
  t: Translate;
  items: Array<{ escalation: Escalation; ticket: Ticket }>;
  canAcknowledge: boolean;
  csrf: string;
}) {
  if (items.length === 0) return null;
  return (
    <section class="card escalations" aria-labelledby="open-escalations-title">
      <h2 id="open-escalations-title">{t('admin:escalation.open_title', { n: items.length })}</h2>
      <ul class="timeline">
        {items.map(({ escalation, ticket }) => (
          <li data-escalation={escalation.id}>
            <a href={href(`/tickets/${ticket.id}`)}>{formatTicketNumber(ticket.number)}</a>
            {' · '}
            {t(`admin:escalation.reason.${escalation.reason}`)} <time>{formatDateTime(escalation.openedAt)}</time>
            {canAcknowledge ? <Acknowledge t={t} ticketId={ticket.id} escalation={escalation} csrf={csrf} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

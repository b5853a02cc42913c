/**
 * @module Supervisor ratings of the agent's handling of a ticket (seed 003 cl. 34): stored with the ticket and shown
 * beside its transcript; supervisors rate 1–5 on each criterion.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import { RATING_CRITERIA, type Ticket, type TicketRating } from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import { Csrf } from './bits.tsx';
import { formatDateTime } from './format.ts';

const average = (r: TicketRating) => RATING_CRITERIA.reduce((sum, c) => sum + r.scores[c], 0) / RATING_CRITERIA.length;

export function Ratings({ t, ticket, ratings, users, canRate, csrf }: {
  t: Translate;
  ticket: Ticket;
  ratings: TicketRating[];
  users: Map<string, string>;
  canRate: boolean;
  csrf: string;
}) {
  return (
    <section class="card ratings">
      <h2>{t('admin:ticket.ratings.title')}</h2>
      {ratings.length === 0 ? (
        <p class="muted">{t('admin:ticket.ratings.empty')}</p>
      ) : (
        <ul class="plain rating-list">
          {ratings.map((r) => (
            <li>
              <div class="rating-head">
                <strong>{average(r).toFixed(1)}</strong>
                <span class="muted small">
                  {t('admin:ticket.ratings.by', { supervisor: users.get(r.supervisorId) ?? '—', agent: r.agentId ? (users.get(r.agentId) ?? '—') : '—' })} ·{' '}
                  {formatDateTime(r.createdAt)}
                </span>
              </div>
              <dl class="scores">
                {RATING_CRITERIA.map((c) => (
                  <>
                    <dt>{t(`tickets:criterion.${c}`)}</dt>
                    <dd>
                      <meter min={1} max={5} value={r.scores[c]}></meter> {r.scores[c]}
                    </dd>
                  </>
                ))}
              </dl>
              {r.comment ? <p class="msg-text">{r.comment}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {canRate ? (
        <details>
          <summary>{t('admin:ticket.ratings.add')}</summary>
          <form method="post" action={href(`/tickets/${ticket.id}/rate`)} class="stack">
            <Csrf token={csrf} />
            {RATING_CRITERIA.map((c) => (
              <label class="score">
                <span>{t(`tickets:criterion.${c}`)}</span>
                <select name={c}>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option value={String(n)}>{n}</option>
                  ))}
                </select>
              </label>
            ))}
            <label>
              {t('admin:ticket.ratings.comment')}
              <textarea name="comment" maxlength={1000} rows={2}></textarea>
            </label>
            <button type="submit">{t('admin:ticket.ratings.submit')}</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

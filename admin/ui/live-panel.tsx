/**
 * @module The supervisor's live view as one server-rendered fragment (seed 003 cl. 13, 33): the figures at the top
 * against the cl. 21 targets, the chats waiting for a person, agents by status (with "ready" / "disconnect" for
 * supervisors), and the callbacks due in the next hour. Waiting times tick in the browser from `data-since`.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import {
  AGENT_STATUSES, FORCEABLE_STATUSES, percent, seconds, type AgentStatusSpan, type LiveSnapshot, type StatusTotals, type Threshold,
} from '../../core/reports/index.ts';
import { formatTicketNumber, type Ticket } from '../../core/tickets/index.ts';
import type { ConsoleUser } from '../../core/users/model.ts';
import { href } from '../context.ts';
import { Csrf } from './bits.tsx';
import { formatDateTime } from './format.ts';

export interface LivePanelProps {
  t: Translate;
  snapshot: LiveSnapshot;
  tickets: Map<string, Ticket>;
  agents: ConsoleUser[];
  /** Today's milliseconds in each status, per agent (cl. 32). */
  today: Map<string, StatusTotals>;
  canOpenTickets: boolean;
  canForce: boolean;
  csrf: string;
}

/** Minutes and seconds, e.g. "3 мин 05 с". */
export function waitText(t: Translate, ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  return t('reports:live.wait', { minutes: Math.floor(s / 60), seconds: String(s % 60).padStart(2, '0') });
}

function Tile({ label, value, target, name }: { label: string; value: string; target?: { text: string; th: Threshold }; name: string }) {
  const state = target ? (target.th.met === null ? 'none' : target.th.met ? 'ok' : 'bad') : 'none';
  return (
    <div class={`tile tile-${state}`} data-tile={name}>
      <span class="tile-label">{label}</span>
      <strong class="tile-value" data-value>{value}</strong>
      {target ? <span class="tile-target small">{target.text}</span> : null}
    </div>
  );
}

/** Hours and minutes, e.g. "2 ч 05 мин". */
export function spentText(t: Translate, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return t('reports:live.hm', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

export function LivePanel({ t, snapshot: s, tickets, agents, today, canOpenTickets, canForce, csrf }: LivePanelProps) {
  const byUser = new Map<string, AgentStatusSpan>(s.agents.map((a) => [a.userId, a]));
  const statusOf = (u: ConsoleUser) => byUser.get(u.id)?.status ?? 'offline';
  const ticketCell = (id: string | null) => {
    const ticket = id ? tickets.get(id) : undefined;
    if (!ticket) return '—';
    const number = formatTicketNumber(ticket.number);
    return canOpenTickets ? <a href={href(`/tickets/${ticket.id}`)}>{number}</a> : number;
  };
  return (
    <div class="live-panel" data-at={s.at.toISOString()}>
      <div class="tiles">
        <Tile name="waiting" label={t('reports:live.waiting')} value={String(s.waiting.length)} />
        <Tile name="longest" label={t('reports:live.longest')} value={waitText(t, s.longestWaitMs)} />
        <Tile name="open" label={t('reports:live.open')} value={String(s.openTickets)} />
        <Tile name="breached" label={t('reports:live.breached')} value={String(s.breachedTickets)} />
        <Tile name="due" label={t('reports:live.due')} value={String(s.callbacksDue.length)} />
        <Tile name="lost" label={t('reports:live.lost_today')} value={s.today.lostShare.value === null ? '—' : `${percent(s.today.lostShare.value)} %`}
          target={{ th: s.today.lostShare, text: t('reports:live.lost_target', { lost: s.today.lost, total: s.today.taken + s.today.lost }) }} />
        <Tile name="answer" label={t('reports:live.answer_today')} value={s.today.averageWait.value === null ? '—' : `${seconds(s.today.averageWait.value)} ${t('reports:live.s')}`}
          target={{ th: s.today.averageWait, text: t('reports:live.answer_target') }} />
      </div>

      <div class="live-grid">
        <section class="card">
          <h2>{t('reports:live.waiting_title')}</h2>
          {s.waiting.length === 0 ? <p class="muted" data-empty-waiting>{t('reports:live.nobody_waiting')}</p> : (
            <table class="live-table" data-waiting>
              <thead><tr><th>{t('reports:col.channel')}</th><th>{t('reports:live.ticket')}</th><th>{t('reports:live.waits')}</th></tr></thead>
              <tbody>
                {s.waiting.map((w) => (
                  <tr data-contact={w.contact.id}>
                    <td data-label={t('reports:col.channel')}>{t(`tickets:channel.${w.contact.channel}`)}</td>
                    <td data-label={t('reports:live.ticket')}>{ticketCell(w.contact.ticketId)}</td>
                    <td data-label={t('reports:live.waits')}><span data-since={w.contact.handedOffAt!.toISOString()}>{waitText(t, w.waitedMs)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section class="card">
          <h2>{t('reports:live.agents_title')}</h2>
          <p class="status-counts small">
            {AGENT_STATUSES.map((st) => (
              <span class={`status-pill status-${st}`} data-status-count={st}>
                <span class="status-dot" aria-hidden="true"></span>
                {t(`reports:status.name.${st}`)}: <strong>{String(agents.filter((u) => statusOf(u) === st).length)}</strong>
              </span>
            ))}
          </p>
          <table class="live-table" data-agents>
            <thead><tr><th>{t('reports:col.agent')}</th><th>{t('reports:live.status')}</th><th>{t('reports:live.since')}</th><th>{t('reports:live.today_time')}</th>{canForce ? <th></th> : null}</tr></thead>
            <tbody>
              {agents.map((u) => {
                const span = byUser.get(u.id);
                const status = statusOf(u);
                return (
                  <tr data-agent={u.id} data-agent-status={status}>
                    <td data-label={t('reports:col.agent')}>{u.name}</td>
                    <td data-label={t('reports:live.status')}>
                      {t(`reports:status.name.${status}`)}{span?.reason ? <span class="muted small"> · {span.reason}</span> : null}
                    </td>
                    <td data-label={t('reports:live.since')}>{span ? formatDateTime(span.since) : '—'}</td>
                    <td data-label={t('reports:live.today_time')} class="small" data-today-time>
                      {AGENT_STATUSES.filter((st) => st !== 'offline' && (today.get(u.id)?.[st] ?? 0) >= 60_000)
                        .map((st) => `${t(`reports:status.name.${st}`)} ${spentText(t, today.get(u.id)![st])}`).join(' · ') || '—'}
                    </td>
                    {canForce ? (
                      <td class="force">
                        <form method="post" action={href(`/live/agents/${u.id}/status`)} class="inline-form">
                          <Csrf token={csrf} />
                          {FORCEABLE_STATUSES.filter((f) => f !== status).map((f) => (
                            <button type="submit" name="status" value={f} class="secondary small">{t(`reports:live.force.${f}`)}</button>
                          ))}
                        </form>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <section class="card">
          <h2>{t('reports:live.due_title')}</h2>
          {s.callbacksDue.length === 0 ? <p class="muted">{t('reports:live.no_due')}</p> : (
            <table class="live-table" data-due>
              <thead><tr><th>{t('reports:live.ticket')}</th><th>{t('reports:col.branch')}</th><th>{t('reports:live.due_at')}</th></tr></thead>
              <tbody>
                {s.callbacksDue.map((d) => (
                  <tr>
                    <td data-label={t('reports:live.ticket')}>{canOpenTickets ? <a href={href(`/tickets/${d.id}`)}>{formatTicketNumber(d.number)}</a> : formatTicketNumber(d.number)}</td>
                    <td data-label={t('reports:col.branch')}>{d.region ?? '—'}</td>
                    <td data-label={t('reports:live.due_at')}>{d.slaDueAt ? <time data-due={d.slaDueAt.toISOString()}>{formatDateTime(d.slaDueAt)}</time> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * @module The agent's work status in the top bar (seed 003 cl. 32): the current status as a pill that opens a small
 * menu — ready, not ready with one of the administrator's reasons (cl. 36), break, lunch, offline. A plain form, so it
 * works without script.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { AgentStatus } from '../../core/reports/index.ts';
import { href } from '../context.ts';
import { Csrf } from './bits.tsx';

const SIMPLE: AgentStatus[] = ['ready', 'break', 'lunch', 'offline'];

export function StatusMenu({ t, csrf, back, current }: {
  t: Translate; csrf: string; back: string; current: { status: AgentStatus; reason: string | null; reasons: string[] };
}) {
  const label = t(`reports:status.name.${current.status}`);
  return (
    <details class="status-menu" data-nav-menu>
      <summary class={`status-pill status-${current.status}`} title={current.reason ?? undefined}>
        <span class="status-dot" aria-hidden="true"></span>
        <span class="status-label">{label}</span>
      </summary>
      <form method="post" action={href('/status')} class="status-form nav-menu">
        <Csrf token={csrf} />
        <input type="hidden" name="back" value={back} />
        <p class="muted small">{t('reports:status.menu_title')}</p>
        {SIMPLE.map((s) => (
          <button type="submit" name="status" value={s} class={`status-choice status-${s}`} aria-pressed={current.status === s ? 'true' : 'false'}>
            <span class="status-dot" aria-hidden="true"></span>
            {t(`reports:status.name.${s}`)}
          </button>
        ))}
        <label class="small">
          {t('reports:status.reason')}
          <select name="reason">
            {current.reasons.map((r) => (
              <option value={r} selected={current.reason === r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="status" value="not_ready" class="status-choice status-not_ready" aria-pressed={current.status === 'not_ready' ? 'true' : 'false'}>
          <span class="status-dot" aria-hidden="true"></span>
          {t('reports:status.name.not_ready')}
        </button>
      </form>
    </details>
  );
}

/** "The report for February 2026 is ready" — shown to readers of reports for a few days after it is generated. */
export function ReportNotice({ t, month }: { t: Translate; month: string }) {
  return (
    <div class="report-notice" role="status">
      <a href={`${href('/reports')}?month=${month}`}>{t('reports:notice.ready', { period: monthTitle(t, month) })}</a>
    </div>
  );
}

/** "февраль 2026" / "2026 ж. ақпан". */
export function monthTitle(t: Translate, month: string): string {
  return t('reports:period.month', { month: t(`reports:month.${month.slice(5, 7)}`), year: month.slice(0, 4) });
}

/**
 * @module The monthly report in the console (seed 003 cl. 28–29; cl. 21 and 34 against their thresholds): any period
 * of whole days (default: the previous calendar month), the stored report of a month when there is one, the tables
 * with the charts beside them, CSV and XLSX downloads of exactly those tables, and regenerating a month.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { addDays } from '../../core/billing/calendar.ts';
import {
  monthOf, monthPeriod, previousMonth, reportCsv, reportSections, reportXlsx, type MonthlyReport, type ReportPeriod, type Section,
} from '../../core/reports/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../context.ts';
import { href } from '../context.ts';
import { requires } from '../guard.ts';
import { Csrf, Notice, withQuery } from '../ui/bits.tsx';
import { formatDateTime } from '../ui/format.ts';
import { ChannelTypeChart, SlaWeeklyChart, TicketsPerDayChart } from '../ui/report-charts.tsx';
import { ReportAssets } from '../ui/report-assets.tsx';
import { monthTitle } from '../ui/status-menu.tsx';
import { form, query } from '../validation.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest period a report may cover (a year and a day). */
const MAX_DAYS = 366;

const periodQuery = z.object({
  month: z.union([z.string().regex(MONTH), z.literal('')]).optional(),
  from: z.union([z.string().regex(DAY), z.literal('')]).optional(),
  to: z.union([z.string().regex(DAY), z.literal('')]).optional(),
});
type PeriodQuery = z.output<typeof periodQuery>;

/** The period asked for: from–to (the `to` day included), a month, or the previous month; or why not. */
function periodOf(q: PeriodQuery, now: Date): { ok: true; period: ReportPeriod } | { ok: false; reason: string } {
  if (q.from || q.to) {
    if (!q.from || !q.to) return { ok: false, reason: 'reports:error.both_dates' };
    const period = { from: q.from, to: addDays(q.to, 1) };
    if (period.to <= period.from) return { ok: false, reason: 'reports:error.order' };
    if (Date.parse(period.to) - Date.parse(period.from) > MAX_DAYS * 86_400_000) return { ok: false, reason: 'reports:error.too_long' };
    return { ok: true, period };
  }
  return { ok: true, period: monthPeriod(q.month || previousMonth(now)) };
}

export function reportRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { reports, store, clock } = deps;
  const app = new Hono<ConsoleEnv>();

  async function names(): Promise<Map<string, string>> {
    return new Map((await store.users.list()).map((u) => [u.id, u.name]));
  }

  /** The report of the period: the stored one for a whole stored month, otherwise computed now. */
  async function load(period: ReportPeriod): Promise<{ report: MonthlyReport; generatedAt: Date | null }> {
    const month = monthOf(period);
    const stored = month ? await reports.stored(month) : null;
    return stored ? { report: stored.report, generatedAt: stored.generatedAt } : { report: await reports.compute(period), generatedAt: null };
  }

  const title = (c: Context<ConsoleEnv>, period: ReportPeriod) => {
    const t = c.get('t');
    const month = monthOf(period);
    return month
      ? t('reports:title_month', { period: monthTitle(t, month) })
      : t('reports:title_period', { from: period.from, to: addDays(period.to, -1) });
  };

  app.get('/', requires('reports.view'), query(periodQuery), async (c) => {
    const t = c.get('t');
    const q = c.req.valid('query');
    const asked = periodOf(q, clock.now());
    if (!asked.ok) {
      c.status(400);
      return c.render(<><ReportAssets /><PeriodForm c={c} q={q} /><Notice kind="error">{t(asked.reason)}</Notice></>, { title: t('reports:title') });
    }
    const { period } = asked;
    const { report, generatedAt } = await load(period);
    const sections = reportSections(report, t, await names());
    const month = monthOf(period);
    const params = month ? { month } : { from: period.from, to: addDays(period.to, -1) };
    const stored = await reports.list();
    return c.render(
      <>
        <ReportAssets />
        <PeriodForm c={c} q={month ? { month } : q} months={stored.map((s) => s.month)} />
        <div class="report-meta">
          <p class="muted small" data-generated={generatedAt ? generatedAt.toISOString() : ''}>
            {generatedAt ? t('reports:generated_at', { at: formatDateTime(generatedAt) }) : t('reports:computed_now')}
          </p>
          <div class="report-actions">
            <a class="button secondary" href={withQuery(href('/reports/report.csv'), params)} download>{t('reports:download_csv')}</a>
            <a class="button secondary" href={withQuery(href('/reports/report.xlsx'), params)} download>{t('reports:download_xlsx')}</a>
            {month && c.get('permissions').has('reports.generate') ? (
              <form method="post" action={href('/reports/generate')}>
                <Csrf token={c.get('csrfToken')} />
                <input type="hidden" name="month" value={month} />
                <button type="submit" class="secondary">{generatedAt ? t('reports:regenerate') : t('reports:generate')}</button>
              </form>
            ) : null}
          </div>
        </div>
        <ReportBody c={c} report={report} sections={sections} />
      </>,
      { title: title(c, period) },
    );
  });

  async function download(c: Context<ConsoleEnv>, q: PeriodQuery, kind: 'csv' | 'xlsx') {
    const t = c.get('t');
    const asked = periodOf(q, clock.now());
    if (!asked.ok) return c.text(t(asked.reason), 400);
    const { report } = await load(asked.period);
    const sections = reportSections(report, t, await names());
    const heading = title(c, asked.period);
    const file = `report-${monthOf(asked.period) ?? `${asked.period.from}_${addDays(asked.period.to, -1)}`}.${kind}`;
    c.header('Content-Disposition', `attachment; filename="${file}"`);
    c.header('Cache-Control', 'no-store');
    if (kind === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(reportCsv(heading, sections));
    }
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return c.body(new Uint8Array(await reportXlsx(heading, t('reports:sheet'), sections)));
  }

  app.get('/report.csv', requires('reports.view'), query(periodQuery), (c) => download(c, c.req.valid('query'), 'csv'));
  app.get('/report.xlsx', requires('reports.view'), query(periodQuery), (c) => download(c, c.req.valid('query'), 'xlsx'));

  app.post('/generate', requires('reports.generate'), form(z.object({ month: z.string().regex(MONTH) })), async (c) => {
    const { month } = c.req.valid('form');
    await reports.generate(month, c.get('user')!.id);
    return c.redirect(`${href('/reports')}?month=${month}`, 303);
  });

  return app;
}

function PeriodForm({ c, q, months = [] }: { c: Context<ConsoleEnv>; q: PeriodQuery; months?: string[] }) {
  const t = c.get('t');
  return (
    <form method="get" action={href('/reports')} class="card report-period">
      <label>
        {t('reports:form.month')}
        <input type="month" name="month" value={q.month ?? ''} />
      </label>
      <span class="muted small or">{t('reports:form.or')}</span>
      <label>
        {t('reports:form.from')}
        <input type="date" name="from" value={q.from ?? ''} />
      </label>
      <label>
        {t('reports:form.to')}
        <input type="date" name="to" value={q.to ?? ''} />
      </label>
      <button type="submit">{t('reports:form.show')}</button>
      {months.length ? (
        <p class="stored-months small">
          {t('reports:stored')}{' '}
          {months.map((m) => (
            <a href={`${href('/reports')}?month=${m}`}>{monthTitle(t, m)}</a>
          ))}
        </p>
      ) : null}
    </form>
  );
}

/** The tables of every section, the charts beside the sections they illustrate. */
function ReportBody({ c, report, sections }: { c: Context<ConsoleEnv>; report: MonthlyReport; sections: Section[] }) {
  const t = c.get('t');
  const charts: Record<string, unknown> = {
    tickets: <><TicketsPerDayChart t={t} report={report} /><ChannelTypeChart t={t} report={report} /></>,
    second_line: <SlaWeeklyChart t={t} report={report} />,
  };
  return (
    <div class="report">
      {sections.map((s) => (
        <section class="report-section card" id={`section-${s.id}`} data-section={s.id}>
          <h2>{s.title}</h2>
          <div class={charts[s.id] ? 'report-pair' : undefined}>
            <div class="table-wrap">
              <table class="report-table">
                <thead>
                  <tr>{s.head.map((h) => <th>{h}</th>)}</tr>
                </thead>
                <tbody>
                  {s.rows.map((row) => (
                    <tr>
                      {row.map((cell, i) => (
                        <td data-label={s.head[i]} class={typeof cell === 'number' ? 'num' : undefined}>{String(cell)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {charts[s.id] ? <div class="report-charts">{charts[s.id] as never}</div> : null}
          </div>
        </section>
      ))}
    </div>
  );
}

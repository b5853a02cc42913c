/**
 * @module The report's charts, drawn on the server as SVG (the CSP allows no script or inline style; colours come from
 * classes in reports.css): tickets per day, tickets by channel × request type, and the second line's callbacks in time
 * per week. Each chart has a title and a text alternative; the numbers are in the tables beside them.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { MonthlyReport } from '../../core/reports/index.ts';
import { TICKET_TYPES } from '../../core/tickets/index.ts';

const W = 640;
const H = 220;
const PAD = { left: 40, right: 12, top: 14, bottom: 34 };

/** A round axis maximum above `max` (1, 2, 5 × 10ⁿ). */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) ?? 10 * p;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Grid lines with whole-number labels: the middle one only where half the top is a whole number (not 1 or 5). */
function Axis({ max, unit }: { max: number; unit?: string }) {
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const plotH = H - PAD.top - PAD.bottom;
  return (
    <g class="axis">
      {ticks.map((v) => {
        const y = round(PAD.top + plotH - (v / max) * plotH);
        return (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} class="grid" />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end">{`${Math.round(v)}${unit ?? ''}`}</text>
          </g>
        );
      })}
    </g>
  );
}

export function TicketsPerDayChart({ t, report }: { t: Translate; report: MonthlyReport }) {
  const days = report.charts.ticketsPerDay;
  const max = niceMax(Math.max(0, ...days.map((d) => d.count)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const title = t('reports:chart.per_day');
  return (
    <figure class="chart" data-chart="per-day">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axis max={max} />
        {days.map((d, i) => {
          const h = round((d.count / max) * plotH);
          const x = round(PAD.left + i * step + step * 0.15);
          return (
            <g>
              <rect x={x} y={round(PAD.top + plotH - h)} width={round(step * 0.7)} height={h} class="bar" data-day={d.key} data-count={String(d.count)}>
                <title>{`${d.key}: ${d.count}`}</title>
              </rect>
              {i % 5 === 0 || i === days.length - 1 ? (
                <text x={round(x + step * 0.35)} y={H - PAD.bottom + 16} text-anchor="middle" class="label">{d.key.slice(8)}</text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function ChannelTypeChart({ t, report }: { t: Translate; report: MonthlyReport }) {
  const rows = report.charts.channelByType;
  const totals = rows.map((r) => r.byType.reduce((s, c) => s + c.count, 0));
  const max = niceMax(Math.max(0, ...totals));
  const rowH = 30;
  const height = PAD.top + rows.length * rowH + 40;
  const labelW = 110;
  const plotW = W - labelW - PAD.right;
  const title = t('reports:chart.channel_type');
  return (
    <figure class="chart" data-chart="channel-type">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={title}>
        {rows.map((r, i) => {
          const y = PAD.top + i * rowH;
          let x = labelW;
          return (
            <g>
              <text x={labelW - 8} y={y + 18} text-anchor="end" class="label">{t(`tickets:channel.${r.channel}`)}</text>
              {r.byType.map((c) => {
                const w = round((c.count / max) * plotW);
                const rect = (
                  <rect x={round(x)} y={y + 4} width={w} height={rowH - 10} class={`seg type-${c.key}`} data-channel={r.channel} data-type={c.key} data-count={String(c.count)}>
                    <title>{`${t(`tickets:channel.${r.channel}`)} · ${t(`tickets:type.${c.key}`)}: ${c.count}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={round(x) + 6} y={y + 18} class="label">{String(totals[i])}</text>
            </g>
          );
        })}
        <g class="legend">
          {TICKET_TYPES.map((type, i) => (
            <g>
              <rect x={labelW + i * 130} y={height - 26} width={12} height={12} class={`seg type-${type}`} />
              <text x={labelW + i * 130 + 18} y={height - 16} class="label">{t(`tickets:type.${type}`)}</text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}

export function SlaWeeklyChart({ t, report }: { t: Translate; report: MonthlyReport }) {
  const weeks = report.charts.slaPerWeek;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, weeks.length);
  const title = t('reports:chart.sla_week');
  const targetY = round(PAD.top + plotH - 0.95 * plotH);
  return (
    <figure class="chart" data-chart="sla-week">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axis max={100} unit="%" />
        <line x1={PAD.left} x2={W - PAD.right} y1={targetY} y2={targetY} class="target" />
        {weeks.map((w, i) => {
          const pct = w.withCallback ? (w.inTime / w.withCallback) * 100 : 0;
          const h = round((pct / 100) * plotH);
          const x = round(PAD.left + i * step + step * 0.2);
          return (
            <g>
              <rect x={x} y={round(PAD.top + plotH - h)} width={round(step * 0.6)} height={h} class={w.withCallback === 0 ? 'bar empty' : pct >= 95 ? 'bar ok' : 'bar late'}
                data-week={w.week} data-pct={w.withCallback ? String(Math.round(pct)) : ''}>
                <title>{`${w.week}: ${w.inTime}/${w.withCallback}`}</title>
              </rect>
              <text x={round(x + step * 0.3)} y={H - PAD.bottom + 16} text-anchor="middle" class="label">{w.week.slice(5)}</text>
              {w.withCallback ? <text x={round(x + step * 0.3)} y={round(PAD.top + plotH - h) - 4} text-anchor="middle" class="label">{`${Math.round(pct)}%`}</text> : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * @module Charts drawn on the server as SVG (the console's CSP allows no inline script or style): horizontal bars of a
 * distribution, one stacked bar of parts of a whole, and a small column series (answers per hour). Colours and type
 * come from classes in campaigns.css, so they print; every chart has a title and each mark its value in text, so it
 * reads without colour and in either language.
 */
const W = 640;
const LABEL_W = 200;
const ROW = 26;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface ChartBar {
  label: string;
  count: number;
}

/** One bar per answer, longest = all who answered; the count and its share written after each bar. */
export function BarChart({ title, bars, total }: { title: string; bars: ChartBar[]; total: number }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const room = W - LABEL_W - 90;
  const height = bars.length * ROW + 4;
  return (
    <svg class="chart bar-chart" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * ROW + 2;
        const w = Math.round((b.count / max) * room);
        const share = total > 0 ? Math.round((b.count / total) * 100) : 0;
        return (
          <g>
            <text x="0" y={y + 16} class="chart-label">{cut(b.label, 28)}</text>
            <rect x={LABEL_W} y={y} width={Math.max(w, 1)} height="20" rx="2" class="bar" />
            <text x={LABEL_W + w + 6} y={y + 15} class="chart-value">{`${b.count} · ${share} %`}</text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Part {
  key: string;
  label: string;
  count: number;
}

/** One bar split into parts (e.g. delivery states), with a legend that carries the numbers. */
export function StackedBar({ title, parts }: { title: string; parts: Part[] }) {
  const total = parts.reduce((n, p) => n + p.count, 0);
  let x = 0;
  return (
    <figure class="stacked">
      <svg class="chart stacked-bar" viewBox={`0 0 ${W} 28`} width="100%" role="img" aria-label={title}>
        <title>{title}</title>
        <rect x="0" y="2" width={W} height="24" class="track" />
        {parts.filter((p) => p.count > 0).map((p) => {
          const w = total ? (p.count / total) * W : 0;
          const rect = <rect x={x.toFixed(1)} y="2" width={w.toFixed(1)} height="24" class={`part part-${p.key}`}><title>{`${p.label}: ${p.count}`}</title></rect>;
          x += w;
          return rect;
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {parts.map((p) => <li><svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect width="10" height="10" class={`part part-${p.key}`} /></svg>{` ${p.label}: ${p.count}`}</li>)}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Columns per hour, the hour (Almaty time) under every sixth one and the highest value on the left. */
export function HourSeries({ title, points, utcOffsetMinutes = 300 }: { title: string; points: Array<{ hour: Date; count: number }>; utcOffsetMinutes?: number }) {
  const height = 120;
  const base = height - 20;
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = Math.min(40, (W - 40) / Math.max(1, points.length));
  const hourOf = (d: Date) => String(new Date(d.getTime() + utcOffsetMinutes * 60_000).getUTCHours()).padStart(2, '0');
  return (
    <svg class="chart hour-series" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      <text x="0" y="12" class="chart-value">{String(max)}</text>
      <line x1="36" y1={base} x2={W} y2={base} class="axis" />
      {points.map((p, i) => {
        const h = Math.round((p.count / max) * (base - 16));
        const x = 40 + i * step;
        return (
          <g>
            <rect x={x.toFixed(1)} y={base - h} width={Math.max(1, step - 2).toFixed(1)} height={h} class="bar"><title>{`${hourOf(p.hour)}:00 — ${p.count}`}</title></rect>
            {i % 6 === 0 ? <text x={x.toFixed(1)} y={height - 4} class="chart-label">{`${hourOf(p.hour)}:00`}</text> : null}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * @module The targets of issue 21, each beside the figure a run measured and marked met or not: what `npm run bench`
 * prints at the end and writes into bench-results/latest.md (the README's Performance table comes from there).
 */
import type { BenchResult } from './report.ts';

export interface Target {
  figure: string;
  /** The measured value, or null when the benchmark did not run (or failed). */
  value: number | null;
  unit: string;
  goal: string;
  met: boolean | null;
}

interface Goal {
  figure: string;
  bench: string;
  /** Which ratio (by name) or figure (by name prefix, its median) of the bench. */
  ratio?: string;
  figurePrefix?: string;
  unit: string;
  atLeast?: number;
  atMost?: number;
}

const GOALS: Goal[] = [
  { figure: 'Telegram: steps/s, 16 users, ours / bare telegraf echo', bench: 'telegram', ratio: 'steps/s ours / baseline', unit: '×', atLeast: 0.5 },
  { figure: 'Telegram: p50 latency, 1 user, ours / echo', bench: 'telegram', ratio: 'p50 latency ours / baseline, 1 user', unit: '×', atMost: 2 },
  { figure: 'Web chat: steps/s, 16 visitors, ours / bare hono echo', bench: 'webchat', ratio: 'steps/s ours / baseline', unit: '×', atLeast: 0.5 },
  { figure: 'Web chat: p50 round trip, 1 visitor, ours / echo', bench: 'webchat', ratio: 'p50 round trip ours / baseline, 1 visitor', unit: '×', atMost: 2 },
  { figure: 'RSS idle after start', bench: 'memory', figurePrefix: 'RSS idle', unit: 'MiB', atMost: 100 },
  { figure: 'RSS with 10,000 chats holding dialog state', bench: 'memory', figurePrefix: 'RSS with', unit: 'MiB', atMost: 150 },
  { figure: 'Cold start to /readyz, million-ticket store (median)', bench: 'cold-start', figurePrefix: 'cold start, 1,000,000', unit: 'ms', atMost: 800 },
];

/** Every target with this run's figure (null where its benchmark did not run). */
export function targets(results: readonly BenchResult[]): Target[] {
  return GOALS.map((g) => {
    const r = results.find((x) => x.id === g.bench);
    const value = !r ? null
      : g.ratio ? (r.ratios.find((q) => q.name === g.ratio)?.value ?? null)
      : (r.figures.find((f) => f.name.startsWith(g.figurePrefix!))?.summary.median ?? null);
    const goal = g.atLeast !== undefined ? `≥ ${g.atLeast}${g.unit === '×' ? '' : ` ${g.unit}`}` : `≤ ${g.atMost}${g.unit === '×' ? ' ×' : ` ${g.unit}`}`;
    const met = value === null ? null : g.atLeast !== undefined ? value >= g.atLeast : value <= g.atMost!;
    return { figure: g.figure, value, unit: g.unit, goal, met };
  });
}

const shown = (t: Target) => (t.value === null ? '—' : t.unit === '×' ? `${t.value.toFixed(2)} ×` : `${t.value.toFixed(0)} ${t.unit}`);
const mark = (t: Target) => (t.met === null ? 'not run' : t.met ? 'MET' : 'NOT MET');

/** The targets as printed lines. */
export function formatTargets(list: readonly Target[]): string {
  const width = Math.max(...list.map((t) => t.figure.length));
  return ['', '== Targets (issue 21)', ...list.map((t) => `   ${t.figure.padEnd(width)}  ${shown(t).padStart(9)}   target ${t.goal.padEnd(9)} ${mark(t)}`)].join('\n');
}

/** The targets as a Markdown table. */
export function markdownTargets(list: readonly Target[]): string {
  return ['| Figure | This run | Target | |', '|---|---:|---|---|', ...list.map((t) => `| ${t.figure} | ${shown(t)} | ${t.goal} | ${mark(t)} |`)].join('\n');
}

/**
 * @module What a benchmark hands back and how it is shown: its workload in words, its figures (each a summary of
 * samples with a unit), ratios against its baseline, and notes. Printed as a table; written as JSON by run.ts.
 */
import type { Summary } from './stats.ts';

export type Unit = 'ms' | 'µs' | 'steps/s' | 'rows/s' | 'MiB' | 's';

export interface Figure {
  name: string;
  unit: Unit;
  summary: Summary;
  /** Samples as taken (omitted for long series, e.g. per-step latencies). */
  samples?: number[];
}

export interface Ratio {
  name: string;
  /** e.g. 0.42 means "ours is 0.42 × the baseline". */
  value: number;
  /** How it was computed, e.g. "median of per-round ratios (5 rounds), range 0.40–0.45". */
  how: string;
}

export interface BenchResult {
  id: string;
  title: string;
  /** What was measured, one line per fact (data sizes, concurrency, repetitions, warm-up). */
  workload: string[];
  figures: Figure[];
  ratios: Ratio[];
  notes: string[];
  /** Wall time of the whole benchmark including set-up, ms. */
  wallMs: number;
}

const fmt = (v: number, unit: Unit): string => {
  if (!Number.isFinite(v)) return '—';
  if (unit === 'steps/s' || unit === 'MiB') return v >= 100 ? v.toFixed(0) : v.toFixed(1);
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toFixed(3);
};

/** The benchmark as text: title, workload, a table of figures (median, p95, p99, min–max, n), ratios, notes. */
export function formatResult(r: BenchResult): string {
  const lines = [``, `== ${r.title}`];
  for (const w of r.workload) lines.push(`   workload: ${w}`);
  const width = Math.max(20, ...r.figures.map((f) => f.name.length + f.unit.length + 3));
  lines.push(`   ${'figure'.padEnd(width)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)}   ${'min–max'.padEnd(19)} n`);
  for (const f of r.figures) {
    const s = f.summary;
    const name = `${f.name} (${f.unit})`.padEnd(width);
    lines.push(
      `   ${name} ${fmt(s.median, f.unit).padStart(9)} ${fmt(s.p95, f.unit).padStart(9)} ${fmt(s.p99, f.unit).padStart(9)}   ${`${fmt(s.min, f.unit)}–${fmt(s.max, f.unit)}`.padEnd(19)} ${s.n}`,
    );
  }
  for (const q of r.ratios) lines.push(`   ratio ${q.name}: ${q.value.toFixed(3)}  (${q.how})`);
  for (const n of r.notes) lines.push(`   note: ${n}`);
  lines.push(`   (took ${(r.wallMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}

/** A figure from samples. `keepSamples` stores them in the JSON too (short series only). */
export function figure(name: string, unit: Unit, summary: Summary, samples?: number[]): Figure {
  return samples ? { name, unit, summary, samples: samples.map((v) => Math.round(v * 1000) / 1000) } : { name, unit, summary };
}

/** The headline figures as a Markdown table (bench-results/latest.md), for the README's "Performance" section. */
export function markdownSummary(results: BenchResult[]): string {
  const lines = ['| Benchmark | Figure | Median | p95 | p99 | min–max | n |', '|---|---|---:|---:|---:|---|---:|'];
  for (const r of results) {
    for (const f of r.figures) {
      const s = f.summary;
      lines.push(`| ${r.title} | ${f.name} (${f.unit}) | ${fmt(s.median, f.unit)} | ${fmt(s.p95, f.unit)} | ${fmt(s.p99, f.unit)} | ${fmt(s.min, f.unit)}–${fmt(s.max, f.unit)} | ${s.n} |`);
    }
    for (const q of r.ratios) lines.push(`| ${r.title} | **ratio ${q.name}** | **${q.value.toFixed(2)}** | | | ${q.how} | |`);
  }
  return lines.join('\n');
}

/** @module Sample statistics for the benchmarks: median, percentiles (nearest rank), min and max. */

export interface Summary {
  /** How many samples. */
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * The value below which `p` percent of the samples fall (nearest-rank method: always one of the samples).
 * @example percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Median (the mean of the two middle samples for an even count). */
export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Summarises samples (any unit; the caller names it). */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    median: median(s),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
    mean: s.length ? sum / s.length : Number.NaN,
  };
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading), as a float. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns each run's duration in ms. */
export async function timeRuns(fn: () => unknown, options: { warmup: number; runs: number }): Promise<number[]> {
  for (let i = 0; i < options.warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(msSince(start));
  }
  return samples;
}

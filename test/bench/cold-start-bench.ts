/**
 * @module Benchmark 6, cold start: time from spawning the product as `npm start` runs it (`node core/build/start.mjs`:
 * the up-to-date check, then the compiled dist/main.js) to `/readyz` answering 200, on the store with a million
 * tickets against an empty store (baseline), alternating. The empty store has been started once before, so both are
 * restarts of an existing store (no first-time set-up); dist/main.js is built before the first start.
 */
import { ensureBuilt } from '../../core/build/fresh.mjs';
import { spawnProduct } from '../helpers/spawn-product.ts';
import { productEnv, type BenchContext } from './context.ts';
import { figure, type BenchResult } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

/** Polls /readyz every few ms (no back-off, so the reading is not rounded up to a poll interval). */
async function untilReady(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (exited()) throw new Error('the product exited before it was ready');
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Starts the product on `dataDir`, returns ms from spawn to ready, and stops it. */
async function coldStart(dataDir: string): Promise<number> {
  const env = await productEnv(dataDir);
  const start = process.hrtime.bigint();
  const spawned = spawnProduct(env, { compiled: true });
  let gone = false;
  void spawned.exited.then(() => (gone = true));
  try {
    await untilReady(`http://127.0.0.1:${env.PORT}/readyz`, 60_000, () => gone);
    return msSince(start);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${spawned.output().slice(-2000)}`);
  } finally {
    spawned.child.kill('SIGTERM');
    const timer = setTimeout(() => spawned.child.kill('SIGKILL'), 5000);
    await spawned.exited;
    clearTimeout(timer);
  }
}

/** Runs benchmark 6 on the run's million-ticket store and an empty one, and returns its figures. */
export async function coldStartBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const data = await ctx.millionStore();
  const built = await ensureBuilt();
  if (built !== null) ctx.log(`cold start: built dist/main.js (${built} ms)`);
  const empty = ctx.dir('cold-empty');
  const warmup = 1;
  const runs = ctx.quick ? 3 : 7;
  ctx.log(`cold start: ${warmup} warm-up + ${runs} measured starts per store …`);
  const times = { empty: [] as number[], million: [] as number[], ratio: [] as number[] };
  for (let i = 0; i < warmup + runs; i += 1) {
    // Alternate which goes first, so neither always follows the other.
    const first = i % 2 ? 'million' : 'empty';
    const t = first === 'empty'
      ? { empty: await coldStart(empty), million: await coldStart(data.dir) }
      : { million: await coldStart(data.dir), empty: await coldStart(empty) };
    if (i < warmup) continue;
    times.empty.push(t.empty);
    times.million.push(t.million);
    times.ratio.push(t.million / t.empty);
  }
  const n = data.tickets.toLocaleString('en');
  return {
    id: 'cold-start',
    title: '6. Cold start to /readyz = 200',
    workload: [
      `spawn \`node core/build/start.mjs\` (what npm start runs: nothing changed, so no build) → GET /readyz answers 200, polled every 5 ms; then SIGTERM`,
      `store with ${n} tickets × ${data.messagesPerTicket} messages (${(data.bytes / 2 ** 30).toFixed(2)} GiB) vs an empty store (started once before)`,
      `${warmup} warm-up + ${runs} measured starts per store, alternating`,
    ],
    figures: [
      figure(`cold start, ${n} tickets`, 'ms', summarize(times.million), times.million),
      figure('cold start, empty store', 'ms', summarize(times.empty), times.empty),
    ],
    ratios: [
      {
        name: `${n} tickets / empty`,
        value: median(times.ratio),
        how: `median of ${runs} per-pair ratios, range ${Math.min(...times.ratio).toFixed(2)}–${Math.max(...times.ratio).toFixed(2)}`,
      },
    ],
    notes: [],
    wallMs: msSince(started),
  };
}

/**
 * @module Benchmark 3, SLA scheduler: how long one scheduler tick takes with 100,000 open tickets (each with an
 * active callback SLA and its pending timer job) when 1,000 are due — every due ticket is breached, audited,
 * noted in its transcript and its chat told — and when nothing is due. The same ticks run against 10,000 open
 * tickets in the same run, alternating round by round, to show the cost follows the due tickets, not the open ones.
 */
import { startProduct, type Product } from '../../main.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { productEnv, type BenchContext } from './context.ts';
import { generateSlaDataset, type SlaDataset } from './dataset.ts';
import { figure, type BenchResult } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

const DUE = 1_000;

interface Setup {
  open: number;
  data: SlaDataset;
  clock: ManualClock;
  product: Product;
}

async function setUp(ctx: BenchContext, open: number, rounds: number, t0: Date): Promise<Setup> {
  const dir = ctx.dir(`sla-${open}`);
  const data = generateSlaDataset(dir, open, rounds, DUE, t0);
  ctx.log(`  ${open.toLocaleString('en')} open tickets written in ${(data.generateMs / 1000).toFixed(1)} s`);
  const clock = new ManualClock(data.before);
  const product = await startProduct({ env: await productEnv(dir), clock, hostname: '127.0.0.1' });
  // The product ticks once at start (nothing is due yet); from here on only the benchmark ticks.
  await product.scheduler.stop();
  return { open, data, clock, product };
}

/** One tick with nothing due, in ms. */
async function idleTick(s: Setup): Promise<number> {
  const start = process.hrtime.bigint();
  const r = await s.product.scheduler.tick();
  const ms = msSince(start);
  if (r.claimed !== 0) throw new Error(`an idle tick claimed ${r.claimed} jobs`);
  return ms;
}

/** Moves the clock to round `r` and ticks: returns the tick's time and the time until every chat was told. */
async function dueTick(s: Setup, r: number): Promise<{ tick: number; told: number }> {
  s.clock.set(s.data.roundTime(r));
  const start = process.hrtime.bigint();
  const result = await s.product.scheduler.tick();
  const tick = msSince(start);
  await s.product.conversations.idle();
  const told = msSince(start);
  if (result.done !== DUE || result.failed !== 0) throw new Error(`round ${r}: fired ${result.done}, failed ${result.failed}; expected ${DUE}`);
  return { tick, told };
}

/** Runs benchmark 3 (both store sizes side by side) and returns its figures. */
export async function slaBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const warmup = 1;
  const runs = ctx.quick ? 3 : 9;
  const idleRuns = ctx.quick ? 20 : 50;
  const sizes = ctx.quick ? [5_000, 50_000] : [10_000, 100_000];
  const t0 = new Date(Date.UTC(2026, 2, 2, 6, 0, 0));
  ctx.log(`SLA scheduler: writing ${sizes.map((n) => n.toLocaleString('en')).join(' and ')} open tickets …`);
  const small = await setUp(ctx, sizes[0]!, warmup + runs, t0);
  const large = await setUp(ctx, sizes[1]!, warmup + runs, t0);
  try {
    const idle = { small: [] as number[], large: [] as number[] };
    for (let i = 0; i < 5; i += 1) {
      await idleTick(small);
      await idleTick(large);
    }
    for (let i = 0; i < idleRuns; i += 1) {
      idle.small.push(await idleTick(small));
      idle.large.push(await idleTick(large));
    }
    const due = { small: [] as number[], large: [] as number[], smallTold: [] as number[], largeTold: [] as number[], ratio: [] as number[] };
    for (let r = 0; r < warmup + runs; r += 1) {
      // Alternate which size goes first, so neither always runs on a warmer machine.
      const order = r % 2 ? [large, small] : [small, large];
      const times = new Map<Setup, { tick: number; told: number }>();
      for (const s of order) times.set(s, await dueTick(s, r));
      if (r < warmup) continue;
      const a = times.get(small)!;
      const b = times.get(large)!;
      due.small.push(a.tick);
      due.large.push(b.tick);
      due.smallTold.push(a.told);
      due.largeTold.push(b.told);
      due.ratio.push(b.tick / a.tick);
    }
    const fmtN = (n: number) => n.toLocaleString('en');
    const [S, L] = [fmtN(sizes[0]!), fmtN(sizes[1]!)];
    return {
      id: 'sla-scheduler',
      title: '3. SLA scheduler tick (embedded store)',
      workload: [
        `${L} open escalated tickets, each with an active callback SLA and a pending timer job; ${fmtN(DUE)} of them due per tick`,
        `a due tick claims the jobs (lease), breaches each ticket (SLA missed, breach row, audit, transcript note, ticket.breached) and the chat is told over web chat`,
        `baseline in the same run: the same ticks on ${S} open tickets, alternating round by round`,
        `due ticks: ${warmup} warm-up + ${runs} measured rounds per size (fresh due tickets each round); idle ticks: 5 warm-up + ${idleRuns} measured`,
        `product started with startProduct (ManualClock), scheduler ticks called directly`,
      ],
      figures: [
        figure(`tick, ${fmtN(DUE)} due, ${L} open`, 'ms', summarize(due.large), due.large),
        figure(`tick, ${fmtN(DUE)} due, ${S} open`, 'ms', summarize(due.small), due.small),
        figure(`tick, nothing due, ${L} open`, 'ms', summarize(idle.large)),
        figure(`tick, nothing due, ${S} open`, 'ms', summarize(idle.small)),
      ],
      ratios: [
        {
          name: `due tick ${L} / ${S} open`,
          value: median(due.ratio),
          how: `median of ${due.ratio.length} per-round ratios, range ${Math.min(...due.ratio).toFixed(2)}–${Math.max(...due.ratio).toFixed(2)}; 1.0 = cost does not grow with open tickets`,
        },
        {
          name: `idle tick ${L} / ${S} open`,
          value: median(idle.large) / median(idle.small),
          how: 'ratio of medians',
        },
      ],
      notes: [
        `per due ticket: ${(median(due.large) / DUE).toFixed(3)} ms (${L} open)`,
        `all ${fmtN(DUE)} chats had been told ${median(due.largeTold).toFixed(0)} ms after the tick began (median, ${L} open)`,
      ],
      wallMs: msSince(started),
    };
  } finally {
    await small.product.stop();
    await large.product.stop();
  }
}

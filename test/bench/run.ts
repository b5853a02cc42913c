/**
 * @module `npm run bench`: runs the benchmarks one after another, prints each one's workload and figures
 * (median, p95/p99, min–max, ratios to its baseline) and writes everything as JSON to bench-results/.
 * `npm run bench -- sla console` runs only those, `npm run bench -- perf` the ones issue 21 sets targets for (Telegram,
 * web chat, memory, cold start); `--quick` shrinks data and repetitions to try the harness. The run ends with each
 * target beside its figure, marked met or not.
 * Not part of `npm test`: figures are printed and stored, never asserted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/spawn-product.ts';
import { createContext, type BenchContext } from './context.ts';
import { codeVersion, machine } from './machine.ts';
import { formatResult, markdownSummary, type BenchResult } from './report.ts';
import { coldStartBench } from './cold-start-bench.ts';
import { consoleBench } from './console-bench.ts';
import { memoryBench } from './memory-bench.ts';
import { slaBench } from './sla-bench.ts';
import { telegramBench } from './telegram-bench.ts';
import { webchatBench } from './webchat-bench.ts';
import { campaignsBench } from './campaigns-bench.ts';
import { reportsBench } from './reports-bench.ts';
import { surveyBench } from './survey-bench.ts';
import { msSince } from './stats.ts';
import { formatTargets, markdownTargets, targets } from './targets.ts';

interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

/**
 * In the order of the issue, except that the two on the million-ticket store run last: they share the store, and
 * writing it would otherwise disturb the latency benchmarks.
 */
const BENCHES: Bench[] = [
  { name: 'telegram', run: telegramBench },
  { name: 'webchat', run: webchatBench },
  { name: 'campaigns', run: campaignsBench },
  { name: 'reports', run: reportsBench },
  { name: 'survey', run: surveyBench },
  { name: 'sla', run: slaBench },
  { name: 'memory', run: memoryBench },
  { name: 'console', run: consoleBench },
  { name: 'cold-start', run: coldStartBench },
];

/** Named groups of benchmarks. */
const GROUPS: Record<string, string[]> = { perf: ['telegram', 'webchat', 'memory', 'cold-start'] };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wanted = args.filter((a) => !a.startsWith('--')).flatMap((a) => GROUPS[a] ?? [a]);
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; choose from ${[...BENCHES.map((b) => b.name), ...Object.keys(GROUPS)].join(', ')}`);
  const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;

  const started = process.hrtime.bigint();
  const host = machine();
  const code = codeVersion();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Benchmarks on ${host.cpuModel}, ${host.cores} cores, ${host.ramGiB} GiB RAM, Node ${host.node}, ${host.platform}; load average ${host.loadAtStart}`);
  log(`Code: commit ${code.commit}${code.dirty ? ' WITH UNCOMMITTED CHANGES' : ''}${quick ? '; QUICK MODE (small data, not for publishing)' : ''}`);
  const scratch = mkdtempSync(join(tmpdir(), 'kt-bench-'));
  const ctx = createContext(scratch, quick, log);
  const results: BenchResult[] = [];
  const failures: { name: string; error: string }[] = [];
  try {
    for (const bench of selected) {
      try {
        const result = await bench.run(ctx);
        results.push(result);
        log(formatResult(result));
      } catch (err) {
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        failures.push({ name: bench.name, error });
        log(`\n== ${bench.name} FAILED: ${error}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const totalMs = msSince(started);
  const goals = targets(results);
  log(formatTargets(goals));
  log(`\nAll benchmarks took ${(totalMs / 1000).toFixed(1)} s${failures.length ? `; ${failures.length} failed` : ''}; load average now ${loadavg()[0]!.toFixed(2)}.`);

  const outDir = join(projectRoot, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const at = new Date().toISOString();
  const loadAtEnd = Math.round(loadavg()[0]! * 100) / 100;
  const report = { at, quick, machine: host, loadAtEnd, code, totalMs, results, targets: goals, failures };
  const file = join(outDir, `bench-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'latest.md'),
    `Taken ${at} on ${host.cpuModel}, ${host.cores} cores, ${host.ramGiB} GiB RAM, Node ${host.node}; commit ${code.commit}` +
      `${code.dirty ? ' (with uncommitted changes)' : ''}; load average ${host.loadAtStart} → ${loadAtEnd}; whole run ${(totalMs / 1000).toFixed(0)} s.\n\n` +
      `${markdownTargets(goals)}\n\n${markdownSummary(results)}\n`,
  );
  log(`Results written to ${file}`);
  // Exit explicitly: a closed server may still hold timers (e.g. an event stream's keep-alive sleep) for a while.
  process.exit(failures.length ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

/**
 * @module Benchmark 5, memory: resident memory (RSS) of the product process holding 10,000 chats that each have
 * dialog state, against the same process idle just before (the baseline). Each run is a fresh child process with
 * a fresh store (memory-child.mjs) running the product as `npm start` does (compiled dist/main.js, plain Node);
 * readings are taken after forced garbage collection. One more run from source under tsx shows what run-time
 * transpiling would cost, and the idle reading is broken down (V8 heap spaces, buffers, the rest: code and natives).
 */
import { ensureBuilt } from '../../core/build/fresh.mjs';
import { startFlags } from '../helpers/spawn-product.ts';
import { productEnv, type BenchContext } from './context.ts';
import { startChild } from './child.ts';
import { figure, type BenchResult } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

interface Memory {
  rssMiB: number;
  heapMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  spaces: Record<string, number>;
}

interface Reading {
  chats: number;
  sessions: number;
  driveMs: number;
  idle: Memory;
  loaded: Memory;
}

async function oneRun(ctx: BenchContext, run: number | string, chats: number, fromSource = false): Promise<Reading> {
  const env = await productEnv(ctx.dir(`memory-${run}`), { BENCH_CHATS: String(chats), ...(fromSource ? { BENCH_SOURCE: 'ts' } : {}) });
  const child = startChild('test/bench/memory-child.mjs', env, ['--expose-gc', ...startFlags(), ...(fromSource ? ['--import', 'tsx'] : [])]);
  const code = await child.exited;
  const line = /BENCH_MEMORY (\{.*\})/.exec(child.output())?.[1];
  if (code !== 0 || !line) throw new Error(`memory child exited ${code}:\n${child.output().slice(-2000)}`);
  return JSON.parse(line) as Reading;
}

/** What an idle reading is made of: the V8 heap (its biggest spaces), buffers, and the rest (code, natives, stacks). */
function composition(m: Memory): string {
  const spaces = Object.entries(m.spaces).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, mib]) => `${name} ${mib}`).join(', ');
  const rest = m.rssMiB - m.heapTotalMiB - m.arrayBuffersMiB;
  return `RSS ${m.rssMiB.toFixed(0)} = V8 heap ${m.heapTotalMiB.toFixed(0)} (used ${m.heapMiB.toFixed(0)}: ${spaces}) + buffers ${m.arrayBuffersMiB.toFixed(1)} + the rest ${rest.toFixed(0)} (Node and V8 code, natives such as SQLite, thread stacks) MiB`;
}

/** Runs benchmark 5 (one child process per run) and returns its figures. */
export async function memoryBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const chats = ctx.quick ? 1_000 : 10_000;
  const runs = ctx.quick ? 1 : 3;
  const built = await ensureBuilt();
  if (built !== null) ctx.log(`memory: built dist/main.js (${built} ms)`);
  const readings: Reading[] = [];
  for (let run = 0; run < runs; run += 1) {
    ctx.log(`memory: run ${run + 1}/${runs} (${chats.toLocaleString('en')} chats) …`);
    const r = await oneRun(ctx, run, chats);
    if (r.sessions < chats) throw new Error(`only ${r.sessions} dialog sessions stored for ${chats} chats`);
    readings.push(r);
  }
  ctx.log('memory: one more run from source under tsx, for comparison …');
  const tsx = await oneRun(ctx, 'tsx', chats, true);
  const idle = readings.map((r) => r.idle.rssMiB);
  const loaded = readings.map((r) => r.loaded.rssMiB);
  const growth = readings.map((r) => r.loaded.rssMiB - r.idle.rssMiB);
  const heapGrowth = readings.map((r) => r.loaded.heapMiB - r.idle.heapMiB);
  return {
    id: 'memory',
    title: `5. Memory with ${chats.toLocaleString('en')} chats holding dialog state`,
    workload: [
      `${chats.toLocaleString('en')} web-chat chats, each /start → "ru" through the engine (language saved, welcome, main menu on screen): ${(2 * chats).toLocaleString('en')} steps, 8 chats at a time`,
      `every chat ends with stored dialog state (its menu) and its messages kept in memory for page reloads, as the web chat does`,
      `baseline: the same process idle after start-up, just before; RSS read after forced GC (node --expose-gc)`,
      `${runs} runs, each a fresh child process running dist/main.js as npm start does (plain node with npm start's flags: ${startFlags().join(' ') || 'none'}; startProduct) with a fresh embedded store; one more from main.ts under tsx (same flags) for comparison`,
    ],
    figures: [
      figure(`RSS with ${chats.toLocaleString('en')} chats`, 'MiB', summarize(loaded), loaded),
      figure('RSS idle (baseline)', 'MiB', summarize(idle), idle),
      figure('RSS growth', 'MiB', summarize(growth), growth),
      figure('JS heap growth', 'MiB', summarize(heapGrowth), heapGrowth),
    ],
    ratios: [
      { name: 'RSS with chats / idle', value: median(loaded) / median(idle), how: 'ratio of medians' },
    ],
    notes: [
      `about ${((median(growth) * 2 ** 20) / chats / 1024).toFixed(1)} KiB per chat`,
      `idle RSS made of (first run): ${composition(readings[0]!.idle)}`,
      `under tsx (from source) instead: idle ${tsx.idle.rssMiB.toFixed(0)} MiB, with ${chats.toLocaleString('en')} chats ${tsx.loaded.rssMiB.toFixed(0)} MiB; idle made of: ${composition(tsx.idle)}`,
      `driving the chats took ${(median(readings.map((r) => r.driveMs)) / 1000).toFixed(1)} s (median)`,
    ],
    wallMs: msSince(started),
  };
}

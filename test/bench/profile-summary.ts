/**
 * @module Reads a V8 CPU profile (`node --cpu-prof`) and summarises it as text: self time per part of the product
 * (our dialogs, engine, store, i18n, telegraf, hono, SQLite, GC, …) and the functions with the most self time, plus
 * total (inclusive) time of the product's own entry points. `tsx test/bench/profile-summary.ts FILE.cpuprofile`.
 */
import { readFileSync } from 'node:fs';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Which part of the process a stack frame belongs to, from its script's path. */
export function partOf(url: string, name: string): string {
  if (!url) {
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)' || name === '(program)') return name;
    return 'native/V8';
  }
  const path = url.replace(/^file:\/\//, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (nm) return `npm:${nm[1]}`;
  if (path.startsWith('node:')) return `node:${path.slice(5).split('/')[0]}`;
  const m = /\/(bot|core|admin|test)\/([^/]+)/.exec(path);
  if (m) return `${m[1]}/${m[2]}`;
  if (path.endsWith('main.ts')) return 'main.ts';
  return path;
}

/** The summary as text; with `steps`, each line also says how many µs per step it is. */
export function summarise(profile: Profile, top = 40, steps = 0): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
  const busy = total - idle;
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  const own = (url: string) => /\/(bot|core|admin)\//.test(url) || url.endsWith('main.ts');
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    const part = partOf(f.url, f.functionName);
    parts.set(part, (parts.get(part) ?? 0) + us);
    const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/(node_modules\/)?/, '')}:${f.lineNumber + 1}  [${part}]`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    // Inclusive time per part: each part counted once per sample however deep it recurs.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      const p = partOf(cf.url, cf.functionName);
      if (!seen.has(p)) {
        seen.add(p);
        inclusive.set(p, (inclusive.get(p) ?? 0) + us);
      }
      if (own(cf.url)) {
        const k = `${cf.functionName || '(anonymous)'}  ${cf.url.replace(/^.*\/(bot|core|admin)\//, '$1/')}`;
        if (!seen.has(k)) {
          seen.add(k);
          ownInclusive.set(k, (ownInclusive.get(k) ?? 0) + us);
        }
      }
    }
  }
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms${steps ? ` ${(us / steps).toFixed(1).padStart(6)} µs/step` : ''}`;
  const lines = [
    `profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s wall, ${(busy / 1e6).toFixed(2)} s busy (not idle)` +
      `${steps ? `, ${(busy / steps).toFixed(0)} µs busy per step` : ''}; percentages are of busy time`,
    '',
    'self time by part (inclusive = with everything it called):',
    ...[...parts].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([p, us]) => `${ms(us)} ${pct(us)}   incl ${pct(inclusive.get(p) ?? 0)}   ${p}`),
    '',
    `our functions by total time (with what they called; 'run'/'get'/'all' are SQLite statements):`,
    ...[...ownInclusive].sort((a, b) => b[1] - a[1]).slice(0, top).map(([f, us]) => `${ms(us)} ${pct(us)}   ${f}`),
    '',
    `top ${top} functions by self time:`,
    ...[...fns].sort((a, b) => b[1] - a[1]).slice(0, top).map(([f, us]) => `${ms(us)} ${pct(us)}   ${f}`),
  ];
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  for (const file of process.argv.slice(2)) {
    process.stdout.write(`== ${file}\n${summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile)}\n\n`);
  }
}

/**
 * @module `npm run bench:profile [-- telegram|webchat] [--seconds N] [--users N]`: profiles a dialog step on each path with
 * V8's CPU profiler (profile-child.ts drives 16 users — or `--users N`, 1 for the single-user latency path, written
 * to <path>-1user.txt — for N seconds, ours only, and profiles just those seconds) and writes, per path, the summary
 * of where the CPU time went (profile-summary.ts) to bench-results/profiles/<path>.txt, the raw profile beside it
 * (<path>.cpuprofile, open it in Chrome DevTools or speedscope for the flame graph; not committed when over 1 MB).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/spawn-product.ts';
import { startChild } from './child.ts';
import { summarise, type Profile } from './profile-summary.ts';

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 6;
const usersAt = args.indexOf('--users');
const users = usersAt >= 0 ? Number(args[usersAt + 1]) : 16;
const valueAt = new Set([secondsAt, usersAt].filter((at) => at >= 0).map((at) => at + 1));
const paths = args.filter((a, i) => !a.startsWith('--') && !valueAt.has(i));
const suffix = users === 16 ? '' : `-${users}user`;
const selected = paths.length ? paths : ['telegram', 'webchat'];
const outDir = join(projectRoot, 'bench-results', 'profiles');
mkdirSync(outDir, { recursive: true });

for (const path of selected) {
  const scratch = mkdtempSync(join(tmpdir(), 'kt-profile-'));
  try {
    const profFile = join(scratch, `${path}.cpuprofile`);
    const child = startChild('test/bench/profile-child.ts', {}, [], [path, String(seconds), join(scratch, 'data'), profFile, String(users)]);
    const code = await child.exited;
    const line = /BENCH_PROFILE (\{.*\})/.exec(child.output())?.[1];
    if (code !== 0 || !line) throw new Error(`profile child (${path}) exited ${code}:\n${child.output().slice(-2000)}`);
    const { steps, seconds: took } = JSON.parse(line) as { steps: number; seconds: number };
    const profile = JSON.parse(readFileSync(profFile, 'utf8')) as Profile;
    const header = `${path}: ${steps} steps in ${took.toFixed(1)} s (${(steps / took).toFixed(0)} steps/s, ${users} user${users === 1 ? '' : 's'}, ours only, under the profiler)`;
    const text = `${header}\n${summarise(profile, 45, steps)}\n`;
    writeFileSync(join(outDir, `${path}${suffix}.txt`), text);
    copyFileSync(profFile, join(outDir, `${path}${suffix}.cpuprofile`));
    process.stdout.write(`${text}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

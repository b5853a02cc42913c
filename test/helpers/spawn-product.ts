/**
 * @module Starts the product in a child process, for lifecycle and crash tests: main.ts through tsx's loader (`node
 * --import tsx`, not the `tsx` launcher, which would run the product in a grandchild: a SIGKILL could not be passed on
 * and would leave the product running), or with `compiled` exactly as `npm start` does (core/build/start.mjs: builds
 * dist/main.js when a source changed, then runs it in the same process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The Node flags `npm start` passes (package.json scripts.start, e.g. a smaller young generation), so a child started
 * `compiled` runs exactly as npm start runs it.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('core/build/start.mjs')).filter((w) => w.startsWith('--'));
}

export function spawnProduct(env: Record<string, string>, options: { compiled?: boolean } = {}): Spawned {
  const args = options.compiled ? [...startFlags(), 'core/build/start.mjs'] : ['--import', 'tsx', 'main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info',
      // The run's log scan reads what spawned products log too (test/setup/log-scan.global.ts).
      ...(process.env.LOG_CAPTURE_DIR ? { LOG_CAPTURE_DIR: process.env.LOG_CAPTURE_DIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Polls `url` until it answers 200 or `timeoutMs` passes; returns the milliseconds it took. */
export async function waitFor200(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

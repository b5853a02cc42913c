/**
 * @module Starting a benchmark child process (`node --import tsx …`, or plain `node` for a .mjs script; one process,
 * so its pid is the product's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../helpers/spawn-product.ts';

export interface Child {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Runs `script` (relative to the project) with Node, with the tsx loader unless it is plain JavaScript (.mjs);
 * `nodeFlags` go before it, `args` after.
 */
export function startChild(script: string, env: Record<string, string>, nodeFlags: string[] = [], args: string[] = []): Child {
  const loader = script.endsWith('.mjs') ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeFlags, ...loader, script, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

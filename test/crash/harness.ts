/**
 * @module Crash runs (issue 20 item 10): the product as `npm start` runs it in a child process on one SQLite store,
 * killed with SIGKILL at seeded random moments while it works, restarted on the same store each time, then left to
 * finish. `kills` records when each kill happened, so a test can tell a message repeated because the crash came in
 * the one window where that cannot be avoided (the message had left, its mark was not yet written) from a bug.
 */
import { freePort, spawnProduct, waitFor200, type Spawned } from '../helpers/spawn-product.ts';
import { Random } from '../fuzz/random.ts';

export interface CrashRunOptions {
  dir: string;
  env: Record<string, string>;
  seed: number;
}

export class CrashRun {
  readonly kills: number[] = [];
  readonly url: string;
  private child: Spawned | null = null;
  private readonly random: Random;

  private constructor(private readonly options: CrashRunOptions, private readonly port: number) {
    this.random = new Random(options.seed);
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(options: CrashRunOptions): Promise<CrashRun> {
    return new CrashRun(options, await freePort());
  }

  /** Starts the product and waits until it is ready. */
  async start(): Promise<void> {
    this.child = spawnProduct({
      PORT: String(this.port), DATA_DIR: this.options.dir, DEMO_DATA: 'false', ADMIN_PASSWORD: 'crash-admin-password',
      SECRET_KEY: 'crash-test-secret-key-0123456789abcdef', SCHEDULER_LEASE_SECONDS: '1', ...this.options.env,
    });
    await waitFor200(`${this.url}/readyz`, 30_000);
  }

  /** Waits a random time up to `maxMs`, then kills the product with SIGKILL. */
  async killWithin(maxMs: number): Promise<void> {
    await new Promise((r) => setTimeout(r, this.random.int(0, maxMs)));
    await this.kill();
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.child.kill('SIGKILL');
    this.kills.push(Date.now());
    const exit = await child.exited;
    if (exit.signal !== 'SIGKILL') throw new Error(`the product ended before the kill (${JSON.stringify(exit)}):\n${child.output().slice(-3000)}`);
    this.child = null;
  }

  /** Stops the product as an operator would (SIGTERM) and checks it ended cleanly. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.child.kill('SIGTERM');
    const exit = await child.exited;
    this.child = null;
    if (exit.code !== 0) throw new Error(`the product did not stop cleanly (${JSON.stringify(exit)}):\n${child.output().slice(-3000)}`);
  }

  output(): string {
    return this.child?.output() ?? '';
  }

  /**
   * True when a message seen at these times (first, repeat) was repeated because of a kill: one came after the first
   * left, before the repeat, and soon enough (`windowMs`) that the step had not yet written its mark. The window
   * allows for a loaded machine, where the product writes the transcript and the mark some hundreds of ms later.
   */
  repeatCausedByKill(sends: number[], windowMs = 1_000): boolean {
    const [first, repeat] = sends;
    if (first === undefined || repeat === undefined) return false;
    return this.kills.some((k) => k >= first && k <= repeat && k - first <= windowMs);
  }

  /** Polls `check` until it holds, or fails after `timeoutMs` with `what`. */
  async until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${this.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

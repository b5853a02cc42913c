import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnProduct, waitFor200 } from '../helpers/spawn-product.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-life-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('process lifecycle (as npm start runs it)', () => {
  it('Should serve /healthz and /readyz on the embedded store, keep data across a restart, and exit 0 on SIGTERM', async () => {
    const port = await freePort();
    const first = spawnProduct({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor200(`http://127.0.0.1:${port}/healthz`, 20_000);
    const ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
    expect(ready).toEqual({ status: 'ready', store: 'sqlite' });
    expect(first.output()).toMatch(/Password \(shown once/);
    first.child.kill('SIGTERM');
    const firstExit = await first.exited;
    expect(firstExit.code).toBe(0);
    expect(existsSync(join(dataDir, 'store.db'))).toBe(true);

    const second = spawnProduct({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor200(`http://127.0.0.1:${port}/healthz`, 20_000);
    // The administrator from the first start is still there, so no new password is generated.
    expect(second.output()).not.toMatch(/Password \(shown once/);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('Should refuse to start on invalid configuration, naming each problem, and write nothing', async () => {
    const missingDir = join(dataDir, 'never-created');
    const run = spawnProduct({ PORT: 'abc', STORE: 'mongo', DATA_DIR: missingDir });
    const exit = await run.exited;
    expect(exit.code).toBe(2);
    expect(run.output()).toMatch(/PORT: must be a number/);
    expect(run.output()).toMatch(/MONGODB_URI: is required when STORE=mongo/);
    expect(existsSync(missingDir)).toBe(false);
  });
});

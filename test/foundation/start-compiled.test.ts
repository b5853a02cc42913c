/**
 * `npm start` runs compiled JavaScript (issue 21): the first start builds dist/main.js from the sources, a start with
 * nothing changed does not build again, and the compiled product is the product — the web chat page in Russian with
 * its styles answering a step, the console's sign-in page, /readyz — and stops cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, projectRoot, spawnProduct, waitFor200 } from '../helpers/spawn-product.ts';

const dir = mkdtempSync(join(tmpdir(), 'kt-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startOnce(): Promise<string> {
  const port = await freePort();
  const spawned = spawnProduct({ PORT: String(port), DATA_DIR: dir, DEMO_DATA: 'false', ADMIN_PASSWORD: 'start-admin-password' }, { compiled: true });
  try {
    await waitFor200(`http://127.0.0.1:${port}/readyz`, 60_000);
    const opened = await fetch(`http://127.0.0.1:${port}/`);
    const page = await opened.text();
    const cookie = /wc_session=[^;]+/.exec(opened.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const step = await fetch(`http://127.0.0.1:${port}/webchat/send`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, cookie },
      body: JSON.stringify({ kind: 'command', name: 'menu', clientId: 'compiled-1' }),
    });
    expect(step.status).toBe(202);
    expect(page).toContain('<html lang="ru">');
    expect(page).toContain('--brand:');
    const signIn = await fetch(`http://127.0.0.1:${port}/admin/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
  } finally {
    spawned.child.kill('SIGTERM');
  }
  const exit = await spawned.exited;
  expect(exit.code, spawned.output().slice(-2000)).toBe(0);
  return spawned.output();
}

describe('npm start', () => {
  it('Should build the compiled product when needed, start it without building again, and stop it cleanly', async () => {
    await startOnce();
    const built = statSync(join(projectRoot, 'dist', 'main.js')).mtimeMs;
    const second = await startOnce();
    expect(second).not.toContain('Built dist/main.js');
    expect(statSync(join(projectRoot, 'dist', 'main.js')).mtimeMs).toBe(built);
  }, 120_000);
});

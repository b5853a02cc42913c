/**
 * Install hygiene (issue 20 item 14): npm 11 runs a dependency's install scripts only when `allowScripts` in
 * package.json approves them. better-sqlite3 must build (or `npm start` fails); esbuild's postinstall only checks its
 * binary, which the optional @esbuild/* package already ships; puppeteer's would download a browser. Every package
 * with an install script must be decided, so a new one fails here (and in .ci/run) until someone reviews it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/spawn-product.ts';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };

describe('install scripts (allowScripts)', () => {
  it('Should approve exactly better-sqlite3 and deny esbuild and puppeteer', () => {
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true, esbuild: false, puppeteer: false });
  });

  it('Should leave no installed package with an install script that allowScripts does not decide', async () => {
    const { stdout } = await run('npm', ['install-scripts', 'ls', '--json'], { cwd: projectRoot, timeout: 60_000 });
    expect((JSON.parse(stdout) as { allowScripts: unknown[] }).allowScripts).toEqual([]);
  }, 60_000);

  it('Should have the approved native module built, and puppeteer told never to download a browser', () => {
    const require = createRequire(join(projectRoot, 'package.json'));
    const Database = require('better-sqlite3') as new (file: string) => { prepare(sql: string): { pluck(): { get(): unknown } }; close(): void };
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 41 + 1').pluck().get()).toBe(42);
    db.close();
    expect(require(join(projectRoot, '.puppeteerrc.cjs'))).toEqual({ skipDownload: true });
  });
});

/**
 * The real whatsapp-web.js on this machine, which has no internet: the product starts with WHATSAPP_ENABLED=true,
 * the library launches the system Chromium, WhatsApp Web cannot be reached, the console says so with the library's
 * own error, the next attempt comes after the backoff delay — and the web chat keeps answering all along. Stopping
 * closes the browser. And with WHATSAPP_ENABLED off, nothing of whatsapp-web.js (or puppeteer) is even loaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import type { WhatsAppStatus } from '../../bot/whatsapp/status.ts';
import { Browser as ConsoleBrowser, visibleText } from '../admin/console.fixture.ts';
import { freePort, projectRoot } from '../helpers/spawn-product.ts';
import { CHROMIUM, browserAvailable } from '../helpers/browsers.ts';

const available = browserAvailable(CHROMIUM, 'the real whatsapp-web.js test');

const ru = translator('ru');
const loadedLibraries = () => Object.keys(createRequire(import.meta.url).cache).filter((p) => /node_modules\/(whatsapp-web\.js|puppeteer)/.test(p));

/** Processes whose command line mentions `needle` (the browser runs with its profile under our DATA_DIR). */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe.skipIf(!available)('the real whatsapp-web.js without internet', () => {
  let product: Product | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'wa-real-'));

  afterAll(async () => {
    await product?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Should launch Chromium, report the library\'s error, retry after the backoff delay, keep the web chat working, and close the browser on stop', { timeout: 40_000 }, async () => {
    product = await startProduct({
      env: {
        PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'wa-admin-password',
        WHATSAPP_ENABLED: 'true', CHROMIUM_PATH: CHROMIUM,
      },
      hostname: '127.0.0.1',
    });
    const control = product.whatsapp!.control;
    const seen: WhatsAppStatus[] = [];
    control.subscribe((s) => void seen.push(s));
    const until = async (probe: () => boolean, what: string, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!probe()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; states: ${seen.map((s) => s.state).join(' → ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    await until(() => ['failed', 'qr'].includes(control.status().state), 'the first attempt to end');
    expect(loadedLibraries().some((p) => p.includes('whatsapp-web.js'))).toBe(true);
    if (control.status().state === 'qr') {
      console.warn('\n!!! WhatsApp Web answered (this machine has internet): the offline failure path was not exercised !!!\n');
      expect(control.status().qr).toBeTruthy();
      return;
    }

    // The library's real error, sorted as "unreachable", with the next attempt 5 s later.
    const failed = control.status();
    expect(failed.problem?.code).toBe('unreachable');
    expect(failed.problem?.detail).toMatch(/net::ERR_\w+ at https:\/\/web\.whatsapp\.com\//);
    expect(failed.failures).toBe(1);
    expect(failed.retryAt!.getTime() - failed.since.getTime()).toBeGreaterThanOrEqual(4_900);
    expect(failed.retryAt!.getTime() - failed.since.getTime()).toBeLessThanOrEqual(5_100);
    const audit = await product.store.audit.list({ action: 'whatsapp.failed', limit: 5 });
    expect(audit[0]?.details).toMatchObject({ problem: 'unreachable' });

    // The console page says what is wrong, in the administrator's language, with the library's own words.
    const admin = new ConsoleBrowser(product.app as never);
    await admin.signIn('admin@example.kz', 'wa-admin-password');
    await admin.get('/admin/whatsapp');
    const page = visibleText(admin.last.html);
    expect(page).toContain(ru('whatsapp:console.state.failed'));
    expect(page).toContain(`${ru('whatsapp:console.problem.unreachable')}: ${failed.problem!.detail}`);

    // Meanwhile the rest of the product answers.
    expect((await fetch(`${product.url}/healthz`)).status).toBe(200);
    const home = await fetch(`${product.url}/`);
    const cookie = home.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const sent = await fetch(`${product.url}/webchat/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: product.url, cookie },
      body: JSON.stringify({ kind: 'command', name: 'start' }),
    });
    expect(sent.status).toBe(202);
    const session = await product.webchat.sessions.resolve(/wc_session=([^;]+)/.exec(cookie)![1]!);
    expect((await product.webchat.history(session!.externalId)).some((m) => m.from === 'bot' && m.text.includes('Выберите язык'))).toBe(true);

    // The second attempt comes after the delay, fails the same way, and waits twice as long.
    await until(() => control.status().failures === 2, 'the second attempt', 15_000);
    const again = control.status();
    expect(again.retryAt!.getTime() - again.since.getTime()).toBeGreaterThanOrEqual(9_900);
    expect(seen.map((s) => s.state)).toEqual(expect.arrayContaining(['starting', 'failed']));
    expect(seen.filter((s) => s.state === 'starting').length).toBeGreaterThanOrEqual(2);

    // Stopping closes the browser: no Chromium with our profile is left.
    await product.stop();
    product = null;
    // Chromium's helper processes may take a moment to exit after the browser closes, more so on a loaded machine.
    const profile = join(dir, 'whatsapp');
    await until(() => processesWith(profile).length === 0, 'Chromium to exit', 10_000).catch(() => undefined);
    expect(processesWith(profile)).toEqual([]);
    // The library's page cache went to DATA_DIR, not the working directory.
    expect(existsSync(join(projectRoot, '.wwebjs_cache'))).toBe(false);
  });
});

describe('WhatsApp off', () => {
  it('Should start the product without loading whatsapp-web.js or puppeteer, and start no browser', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-off-'));
    const script = join(dir, 'probe.mts');
    // A separate process, so nothing another test loaded can hide what the product itself loads.
    writeFileSync(script, `
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).filter((p) => /node_modules\\/(whatsapp-web\\.js|puppeteer)/.test(p));
// Processes started by this one that are a browser (tsx's own esbuild helper is not).
const browsers = () => readdirSync('/proc').filter((d) => /^\\d+$/.test(d)).filter((pid) => {
  try {
    const parent = readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1].split(' ')[1];
    return parent === String(process.pid) && /chrom/i.test(readFileSync('/proc/' + pid + '/cmdline', 'utf8'));
  } catch { return false; }
});
async function run() {
  const { startProduct } = await import(${JSON.stringify(join(projectRoot, 'main.ts'))});
  const product = await startProduct({ env: { PORT: process.env.PROBE_PORT, DATA_DIR: ${JSON.stringify(dir)}, DEMO_DATA: 'false', LOG_LEVEL: 'silent', WHATSAPP_ENABLED: 'false' }, hostname: '127.0.0.1' });
  const page = await product.app.request('/healthz');
  const result = { whatsapp: product.whatsapp, loaded: loaded(), browsers: browsers(), healthz: page.status };
  await product.stop();
  // The check itself works: loading the library shows up the same way.
  await import(${JSON.stringify(join(projectRoot, 'node_modules/whatsapp-web.js/index.js'))});
  result.loadedAfterImport = loaded().length > 0;
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
}
run().catch((err) => { console.error(err); process.exit(1); });
`);
    const port = String(await freePort());
    const run = spawnSync(join(projectRoot, 'node_modules/.bin/tsx'), [script], {
      cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PROBE_PORT: port }, encoding: 'utf8', timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, run.stderr).toBeTruthy();
    const result = JSON.parse(line!.slice('RESULT '.length));
    expect(result).toEqual({ whatsapp: null, loaded: [], browsers: [], healthz: 200, loadedAfterImport: true });
  });
});

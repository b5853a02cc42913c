/**
 * @module The real whatsapp-web.js client: loaded with a dynamic `import()` only when WhatsApp is enabled, so with
 * WHATSAPP_ENABLED off neither the library nor puppeteer is ever loaded. The session is kept by `LocalAuth` under
 * DATA_DIR/whatsapp (it survives restarts, so no new QR code while it is valid); the browser is the system Chromium
 * (CHROMIUM_PATH) — puppeteer's own download is switched off in .puppeteerrc.cjs.
 * @see https://wwebjs.dev/guide/creating-your-bot/authentication.html#localauth-strategy
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { WaClient } from './wire.ts';

export interface LaunchOptions {
  /** DATA_DIR of the product; the session goes to `<DATA_DIR>/whatsapp`. */
  dataDir: string;
  chromiumPath: string;
}

/**
 * Chromium switches for a server without a display: no sandbox (containers run as root), no GPU, and none of
 * Chrome's own background traffic (updates, sync, field trials) — only WhatsApp Web talks to the network.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
];

/** Where LocalAuth keeps the session (and the cached WhatsApp Web page). */
export function sessionRoot(dataDir: string): string {
  return resolve(dataDir, 'whatsapp');
}

/**
 * A new, not yet initialised whatsapp-web.js `Client`.
 * @example const client = await launchClient({ dataDir: './data', chromiumPath: '/usr/bin/chromium' }); await client.initialize();
 */
export async function launchClient(options: LaunchOptions): Promise<WaClient> {
  const library = await import('whatsapp-web.js');
  const { Client, LocalAuth } = library.default ?? library;
  const root = sessionRoot(options.dataDir);
  const client: WaClient = new Client({
    authStrategy: new LocalAuth({ dataPath: root }),
    // The library caches the WhatsApp Web page in ./.wwebjs_cache by default; keep it with the session instead.
    webVersionCache: { type: 'local', path: join(root, 'web-cache') },
    puppeteer: {
      executablePath: options.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      // Our own shutdown closes the browser (client.destroy()); puppeteer must not race it on signals.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
  });
  return client;
}

/** Deletes the saved session (what LocalAuth's logout does), for when the client is not running. */
export async function clearSession(dataDir: string): Promise<void> {
  await rm(join(sessionRoot(dataDir), 'session'), { recursive: true, force: true, maxRetries: 3 });
}

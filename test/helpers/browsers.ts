/**
 * @module The system browsers the browser tests drive, and the one rule for a missing one: in CI it fails the run;
 * outside CI the tests are skipped with a loud warning.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const PACKAGES: Record<string, string> = { [CHROMIUM]: 'chromium', [FIREFOX]: 'firefox-esr' };

/**
 * Whether the browser at `path` is installed, for `describe.skipIf(!…)`.
 * @example const available = browserAvailable(CHROMIUM, 'the web-chat tests');
 */
export function browserAvailable(path: string, what: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI) throw new Error(`${path} is required in CI for ${what} (missing)`);
  console.warn(`\n!!! SKIPPING ${what}: ${path} not found (apt-get install -y ${PACKAGES[path] ?? 'the browser'}) !!!\n`);
  return false;
}

/**
 * The log scan of the whole test run (issue 20 item 13), as vitest's global setup: before any test, every process
 * of the run — test workers and the products they spawn — is told to copy each log line, at every level, into
 * `test-artifacts/logs/` (LOG_CAPTURE_DIR, core/logging/logger.ts); after the last test, every line is scanned for
 * phone numbers, IINs, one-time codes, tokens and passwords (test/helpers/log-scan.ts). Any hit, or a run that
 * captured no log at all (the capture broke), fails the run (exit code 1) with the list, also written to
 * test-artifacts/log-scan.json. Running one test file scans that file's logs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanLine, type Hit } from '../helpers/log-scan.ts';

const artifacts = join(import.meta.dirname, '../../test-artifacts');
const dir = join(artifacts, 'logs');

export function setup(): () => void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.LOG_CAPTURE_DIR = dir;
  return function scanTheRunsLogs() {
    const hits: Hit[] = [];
    let lines = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        lines += 1;
        hits.push(...scanLine(line, `${file}:${i + 1}`));
      });
    }
    writeFileSync(join(artifacts, 'log-scan.json'), `${JSON.stringify({ lines, hits: hits.length, first: hits.slice(0, 200) }, null, 2)}\n`);
    // A teardown error alone does not change vitest's exit code: set it, so `npm test` (and CI) fails.
    if (lines === 0) {
      process.exitCode = 1;
      throw new Error('Log scan: no log line was captured in the whole run; the capture (LOG_CAPTURE_DIR) is broken');
    }
    if (hits.length > 0) {
      process.exitCode = 1;
      const list = hits.slice(0, 20).map((h) => `  ${h.rule}: ${h.where} (${h.masked})`).join('\n');
      throw new Error(`Log scan: ${hits.length} secrets in ${lines} log lines of the test run (phone numbers, IINs, codes, tokens, passwords):\n${list}\nAll in test-artifacts/log-scan.json`);
    }
    console.log(`Log scan: ${lines} log lines from the whole run, 0 phone numbers, IINs, codes, tokens or passwords.`);
  };
}

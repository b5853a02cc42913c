/**
 * Two instances of the product on one embedded store are two processes on one SQLite file: both press "next contact"
 * as fast as they can at the same moment, and no contact is ever handed to both (the claim takes the write lock first).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { projectRoot } from '../helpers/spawn-product.ts';
import { aContact } from './campaigns.contract.ts';

function worker(dir: string, agent: string): Promise<string[]> {
  const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'test/store/claim-worker.ts'), dir, agent], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(err)))));
}

describe('claims across processes (SQLite)', () => {
  it('Should never give the same contact to two processes claiming at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-claims-'));
    try {
      const store = openSqliteStore(dir);
      const contacts = Array.from({ length: 400 }, (_, i) => aContact({ id: `k-${i}`, phone: `+7701${String(1000000 + i).slice(-7)}`, dueAt: new Date('2026-03-10T06:00:00Z') }));
      await store.callListImports.create({
        id: 'i', campaignId: 'c-1', source: 'file', fileName: null, format: null, encoding: null, bytes: 0, segment: null, status: 'importing',
        error: null, totalRows: 400, checkedRows: 400, processedRows: 0, imported: 0, merged: 0, rejected: 0, warnings: 0, createdBy: null,
        createdAt: new Date(), updatedAt: new Date(), finishedAt: null,
      });
      await store.callListImports.applyBatch({ importId: 'i', expectedProcessed: 0, processedAfter: 400, inserts: contacts, merges: [], issues: [], counts: { imported: 400, merged: 0, rejected: 0, warnings: 0 }, at: new Date() });
      await store.close();
      const running = [worker(dir, 'a'), worker(dir, 'b')];
      while (!existsSync(join(dir, 'ready-a')) || !existsSync(join(dir, 'ready-b'))) await new Promise((r) => setTimeout(r, 20));
      writeFileSync(join(dir, 'go'), '');
      const [a, b] = await Promise.all(running);
      expect(a!.length + b!.length).toBe(400);
      expect(new Set([...a!, ...b!]).size).toBe(400);
      // Both really worked at once: each got a share.
      expect(Math.min(a!.length, b!.length)).toBeGreaterThan(0);
      const after = openSqliteStore(dir);
      expect(await after.campaignContacts.quota('2026-01-01')).toEqual({ period: '2026-01-01', used: 0, taken: 400 });
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * @module Running one import to its end, resumably: under a store lease (one runner at a time, on any instance), the
 * check pass reads the whole file first (nothing is imported from a file refused as a whole), then the apply pass
 * feeds batches of rows through `applyBatch`, each moving the checkpoint; after a crash the next runner re-reads the
 * file, skips the rows already applied and goes on, so nothing is lost and nothing counted twice. Between batches the
 * runner yields to the event loop, so the server keeps answering while 100,000 rows go in.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CampaignDeps } from '../deps.ts';
import { auditCampaign, SYSTEM } from '../deps.ts';
import type { CallListImport } from '../model.ts';
import { isBlankRow } from './cells.ts';
import { checkRows, WrongEncoding } from './check.ts';
import { applyBatch, type BatchInput } from './apply.ts';
import { BATCH_ROWS, ImportFileError, YIELD_ROWS } from './limits.ts';
import { readRow } from './row.ts';
import { describeFile, fileRows, storedBytes, type FileMeta } from './source.ts';
import type { AskedEncoding } from './sniff.ts';
import type { HeaderMap } from './headers.ts';

export type ImportDeps = Pick<CampaignDeps, 'imports' | 'contacts' | 'leases' | 'audit' | 'clock' | 'logger'>;

export const IMPORT_LEASE_MS = 30_000;
export const importLease = (id: string) => `campaign.import:${id}`;

/** Stops a runner between batches (the product is shutting down); the next runner resumes. */
export interface StopSignal {
  readonly stopped: boolean;
}

/** Runs the import if nobody else is; returns when it is done, failed, or handed on (stop signal, lost lease). */
export async function runImport(deps: ImportDeps, importId: string, owner: string, signal: StopSignal): Promise<void> {
  const { imports, leases, clock } = deps;
  const lease = importLease(importId);
  if (!(await leases.acquire(lease, owner, clock.now(), IMPORT_LEASE_MS))) return;
  const keep = async () => {
    if (signal.stopped || !(await leases.acquire(lease, owner, clock.now(), IMPORT_LEASE_MS))) throw new HandedOn();
  };
  try {
    const record = await imports.get(importId);
    if (!record || record.status === 'done' || record.status === 'failed') return;
    if (record.source === 'segment') await (await import('./segment.ts')).runSegment(deps, record, keep);
    else await runFile(deps, record, keep);
    await finish(deps, record, null);
  } catch (err) {
    if (err instanceof HandedOn) return;
    if (err instanceof ImportFileError) {
      const record = await imports.get(importId);
      if (record) await finish(deps, record, { reason: err.reason, params: err.params as Record<string, string | number> });
      return;
    }
    throw err;
  } finally {
    await leases.release(lease, owner);
  }
}

class HandedOn extends Error {}

async function finish(deps: ImportDeps, record: CallListImport, error: CallListImport['error']): Promise<void> {
  const at = deps.clock.now();
  await deps.imports.setProgress(record.id, { status: error ? 'failed' : 'done', error, finishedAt: at }, at);
  await deps.imports.deleteChunks(record.id);
  const after = await deps.imports.get(record.id);
  await auditCampaign(deps, SYSTEM, error ? 'campaign.import_failed' : 'campaign.import_done', 'call_list', record.id, {
    campaignId: record.campaignId, ...(error ? { reason: error.reason } : {}),
    imported: after?.imported ?? 0, merged: after?.merged ?? 0, rejected: after?.rejected ?? 0,
  });
}

async function runFile(deps: ImportDeps, record: CallListImport, keep: () => Promise<void>): Promise<void> {
  const { imports, clock } = deps;
  const first = await imports.chunk(record.id, 0);
  if (!first) throw new ImportFileError('import.error.empty');
  const asked = (record.encoding ?? 'auto') as AskedEncoding;
  let meta = describeFile(first, ['utf-8', 'windows-1251'].includes(asked) ? asked : 'auto', first.length === record.bytes);
  if (record.status === 'queued') await imports.setProgress(record.id, { status: 'checking' }, clock.now());
  const progress = async (rows: number) => {
    await keep();
    if (record.status !== 'importing') await imports.setProgress(record.id, { checkedRows: rows }, clock.now());
  };
  let checked;
  try {
    checked = await checkRows(fileRows(storedBytes(imports, record.id), meta), progress);
  } catch (err) {
    if (!(err instanceof WrongEncoding)) throw err;
    // Valid UTF-8 at the start, something else further on: an automatic guess falls back to Windows-1251 once.
    if (asked !== 'auto' || meta.encoding !== 'utf-8') throw new ImportFileError('import.error.encoding', { line: err.line });
    meta = { ...meta, encoding: 'windows-1251' };
    checked = await checkRows(fileRows(storedBytes(imports, record.id), meta), progress);
  }
  await imports.setProgress(record.id, {
    status: 'importing', totalRows: checked.totalRows, checkedRows: checked.totalRows, encoding: meta.encoding ?? 'xlsx',
  }, clock.now());
  await applyFile(deps, record.id, meta, checked.header, keep);
}

async function applyFile(deps: ImportDeps, importId: string, meta: FileMeta, header: HeaderMap, keep: () => Promise<void>): Promise<void> {
  const { imports, contacts, clock } = deps;
  let record = (await imports.get(importId))!;
  let size = Object.values(await contacts.countByState(record.campaignId)).reduce((a, b) => a + b, 0);
  let seen = 0;
  let headerRead = false;
  let batch: BatchInput = { rows: 0, drafts: [], issues: [] };
  const flush = async () => {
    if (batch.rows === 0) return;
    await keep();
    const inserted = await applyBatch(imports, { record, size, reportDuplicates: true, at: clock.now() }, batch);
    if (inserted === null) throw new HandedOn();
    size += inserted;
    record = (await imports.get(importId))!;
    batch = { rows: 0, drafts: [], issues: [] };
    await yieldToLoop();
  };
  for await (const row of fileRows(storedBytes(imports, importId), meta)) {
    if (isBlankRow(row.cells)) continue;
    if (!headerRead) {
      headerRead = true;
      continue;
    }
    seen += 1;
    if (seen <= record.processedRows) continue;
    const read = readRow(row, header);
    batch.rows += 1;
    batch.issues.push(...read.issues);
    if (read.draft) batch.drafts.push(read.draft);
    if (batch.rows >= BATCH_ROWS) await flush();
    else if (batch.rows % YIELD_ROWS === 0) await yieldToLoop();
  }
  await flush();
}

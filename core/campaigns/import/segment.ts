/**
 * @module The audience from a segment of the subscribers in the store (region, plan, account status, customer
 * category, linked channel, language), run as an import: counted first (so the progress bar is honest), then applied
 * in batches through the same checks as a file — do-not-call list, muted notifications, one contact per phone.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CallListImport } from '../model.ts';
import type { SegmentCandidate } from '../repository.ts';
import { applyBatch } from './apply.ts';
import { BATCH_ROWS, ImportFileError } from './limits.ts';
import type { ImportDeps } from './run-import.ts';

async function* candidates(deps: ImportDeps, record: CallListImport): AsyncGenerator<SegmentCandidate> {
  let after: string | null = null;
  do {
    const page = await deps.imports.segmentPage(record.segment!, after, BATCH_ROWS);
    yield* page.candidates;
    after = page.next;
  } while (after);
}

export async function runSegment(deps: ImportDeps, record: CallListImport, keep: () => Promise<void>): Promise<void> {
  const { imports, contacts, clock } = deps;
  let total = 0;
  for await (const _ of candidates(deps, record)) total += 1;
  if (total === 0) throw new ImportFileError('import.error.segment_empty');
  await imports.setProgress(record.id, { status: 'importing', totalRows: total, checkedRows: total }, clock.now());
  let current = (await imports.get(record.id))!;
  let size = Object.values(await contacts.countByState(record.campaignId)).reduce((a, b) => a + b, 0);
  let seen = 0;
  let drafts: Array<SegmentCandidate & { n: number }> = [];
  let handedOn = false;
  const flush = async () => {
    if (!drafts.length) return;
    await keep();
    const input = {
      rows: drafts.length, issues: [],
      drafts: drafts.map((c) => ({ line: c.n, phone: c.phone, name: c.name, accountNumber: c.accountNumber, region: c.region, language: c.language, tags: [], subscriberId: c.subscriberId })),
    };
    const inserted = await applyBatch(imports, { record: current, size, reportDuplicates: false, at: clock.now() }, input);
    if (inserted === null) {
      handedOn = true;
      return;
    }
    size += inserted;
    current = (await imports.get(record.id))!;
    drafts = [];
    await yieldToLoop();
  };
  for await (const c of candidates(deps, record)) {
    seen += 1;
    if (seen <= current.processedRows) continue;
    drafts.push({ ...c, n: seen });
    if (drafts.length >= BATCH_ROWS) await flush();
    if (handedOn) return;
  }
  await flush();
}

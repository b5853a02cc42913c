/**
 * @module Starting an import: an uploaded file (refused at once when it is too big, empty, an old .xls or not text)
 * is kept in the store in chunks, recorded as a queued import and handed to the runner, with a job as the durable
 * reminder; a segment is recorded the same way. One import at a time per campaign.
 */
import { randomUUID } from 'node:crypto';
import type { CampaignDeps, Result } from '../deps.ts';
import { auditCampaign, done, refuse } from '../deps.ts';
import type { Actor, CallListImport, SegmentFilter } from '../model.ts';
import { CHUNK_BYTES, ImportFileError } from './limits.ts';
import type { ImportRunner } from './runner.ts';
import { describeFile } from './source.ts';
import type { AskedEncoding } from './sniff.ts';

export const IMPORT_JOB = 'campaigns.import';

export type UploadDeps = Pick<CampaignDeps, 'campaigns' | 'imports' | 'audit' | 'clock' | 'scheduler' | 'maxFileBytes'> & { runner: ImportRunner };

export interface Upload {
  campaignId: string;
  fileName: string;
  bytes: Buffer;
  encoding: AskedEncoding;
}

const blankImport = (campaignId: string, by: string | null, at: Date): CallListImport => ({
  id: randomUUID(), campaignId, source: 'file', fileName: null, format: null, encoding: null, bytes: 0, segment: null,
  status: 'queued', error: null, totalRows: 0, checkedRows: 0, processedRows: 0, imported: 0, merged: 0, rejected: 0,
  warnings: 0, createdBy: by, createdAt: at, updatedAt: at, finishedAt: null,
});

async function mayImport(deps: Pick<UploadDeps, 'campaigns' | 'imports'>, campaignId: string): Promise<Result<null>> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return refuse('error.no_campaign');
  if (campaign.state === 'finished' || campaign.state === 'archived') return refuse('import.error.campaign_closed');
  const busy = (await deps.imports.listByCampaign(campaignId)).some((i) => ['queued', 'checking', 'importing'].includes(i.status));
  return busy ? refuse('import.error.busy') : done(null);
}

async function queue(deps: UploadDeps, record: CallListImport, actor: Actor, details: Record<string, unknown>): Promise<void> {
  await deps.scheduler.schedule(IMPORT_JOB, `${IMPORT_JOB}:${record.id}`, deps.clock.now(), { importId: record.id });
  await auditCampaign(deps, actor, 'campaign.import_started', 'call_list', record.id, { campaignId: record.campaignId, ...details });
  deps.runner.start(record.id);
}

/** Stores the file and starts its import; refuses at once what can be told from the upload alone. */
export async function startFileImport(deps: UploadDeps, upload: Upload, actor: Actor): Promise<Result<CallListImport>> {
  const allowed = await mayImport(deps, upload.campaignId);
  if (!allowed.ok) return allowed;
  if (upload.bytes.length > deps.maxFileBytes) return refuse('import.error.too_big', { max: Math.floor(deps.maxFileBytes / 1024 / 1024) });
  let format: CallListImport['format'];
  try {
    format = describeFile(upload.bytes.subarray(0, 64 * 1024), upload.encoding, upload.bytes.length <= 64 * 1024).format;
  } catch (err) {
    if (err instanceof ImportFileError) return refuse(err.reason, err.params as Record<string, string | number>);
    throw err;
  }
  const fileName = upload.fileName.split(/[\\/]/).pop()!.slice(0, 200) || 'call-list';
  const record: CallListImport = {
    ...blankImport(upload.campaignId, actor.id, deps.clock.now()), fileName, format, encoding: upload.encoding, bytes: upload.bytes.length,
  };
  await deps.imports.create(record);
  for (let seq = 0, at = 0; at < upload.bytes.length; seq += 1, at += CHUNK_BYTES) {
    await deps.imports.addChunk(record.id, seq, upload.bytes.subarray(at, at + CHUNK_BYTES));
  }
  await queue(deps, record, actor, { fileName, bytes: record.bytes, format });
  return done(record);
}

/** Records an audience from a segment and starts drawing it. */
export async function startSegmentImport(deps: UploadDeps, campaignId: string, segment: SegmentFilter, actor: Actor): Promise<Result<CallListImport>> {
  const allowed = await mayImport(deps, campaignId);
  if (!allowed.ok) return allowed;
  const record: CallListImport = { ...blankImport(campaignId, actor.id, deps.clock.now()), source: 'segment', segment };
  await deps.imports.create(record);
  await queue(deps, record, actor, { segment });
  return done(record);
}

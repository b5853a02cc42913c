/**
 * @module Applying checked rows to a campaign, a batch at a time: duplicates (in the batch, or already in the campaign)
 * merged into the first — empty fields filled, tags joined — numbers on the do-not-call list or of a subscriber who
 * muted notifications (contract cl. 32(21)) rejected, rows beyond the campaign's size limit rejected, every one of
 * them a line of the report; the good rows become contacts. The batch and the checkpoint land together.
 */
import { randomUUID } from 'node:crypto';
import type { CallListImport, Contact, ImportIssue } from '../model.ts';
import type { CallListImportRepository, ImportBatch } from '../repository.ts';
import { regionOffsetMinutes } from '../regions.ts';
import type { ContactDraft, RowIssue } from './row.ts';
import { MAX_CONTACTS_PER_CAMPAIGN, MAX_TAGS } from './limits.ts';

export interface BatchInput {
  /** Rows of the source this batch consumes (the checkpoint moves by as many). */
  rows: number;
  drafts: Array<ContactDraft & { subscriberId?: string }>;
  /** Problems found in the rows themselves (row.ts). */
  issues: RowIssue[];
}

export interface BatchContext {
  record: CallListImport;
  /** Contacts the campaign holds now (for the size limit). */
  size: number;
  /** False for a segment: one subscriber with several accounts is not a duplicate worth a report line. */
  reportDuplicates: boolean;
  at: Date;
}

type Mergeable = Pick<Contact, 'name' | 'accountNumber' | 'region' | 'language' | 'tags' | 'subscriberId'>;

/** What `into` gains from `from`: its empty fields filled, tags joined. */
function mergePatch(into: Mergeable, from: Partial<Mergeable>): Partial<Mergeable> {
  const patch: Partial<Mergeable> = {};
  for (const f of ['name', 'accountNumber', 'region', 'language', 'subscriberId'] as const) {
    if (!into[f] && from[f]) (patch as Record<string, unknown>)[f] = from[f];
  }
  const tags = [...new Set([...into.tags, ...(from.tags ?? [])])].slice(0, MAX_TAGS);
  if (tags.length !== into.tags.length) patch.tags = tags;
  return patch;
}

const newContact = (d: ContactDraft & { subscriberId?: string }, c: BatchContext): Contact => ({
  id: randomUUID(), campaignId: c.record.campaignId, phone: d.phone, name: d.name, accountNumber: d.accountNumber, region: d.region,
  language: d.language, tags: d.tags, subscriberId: d.subscriberId ?? null, utcOffsetMinutes: regionOffsetMinutes(d.region),
  state: 'ready', priority: 1, dueAt: c.at, reservedFor: null, attempts: 0, lastOutcome: null, lastAttemptAt: null, claimId: null,
  claimedBy: null, leaseUntil: null, quotaPeriod: null, excludedReason: null, importId: c.record.source === 'file' ? c.record.id : null,
  line: c.record.source === 'file' ? d.line : null, createdAt: c.at, updatedAt: c.at, closedAt: null,
});

/**
 * Builds and applies one batch; returns how many contacts it inserted, or null when the checkpoint had moved (another
 * runner applied it: stop).
 */
export async function applyBatch(
  imports: Pick<CallListImportRepository, 'contactsByPhone' | 'phoneFacts' | 'applyBatch'>,
  context: BatchContext,
  input: BatchInput,
): Promise<number | null> {
  const { record } = context;
  const issues: ImportIssue[] = input.issues.map((i) => ({ ...i, importId: record.id, mergedIntoLine: null }));
  const rejectedRows = new Set(input.issues.filter((i) => i.outcome === 'rejected').map((i) => i.line));
  const warnedRows = new Set(input.issues.filter((i) => i.outcome === 'warning').map((i) => i.line));
  const phones = [...new Set(input.drafts.map((d) => d.phone))];
  const existing = new Map((await imports.contactsByPhone(record.campaignId, phones)).map((c) => [c.phone, c]));
  const facts = await imports.phoneFacts(phones);
  const fresh = new Map<string, ReturnType<typeof newContact>>();
  const merges = new Map<string, { id: string; patch: Partial<Mergeable> }>();
  let merged = 0;
  const reject = (d: ContactDraft, reason: ImportIssue['reason']) => {
    issues.push({ importId: record.id, line: d.line, column: 'phone', reason, outcome: 'rejected', value: d.phone, mergedIntoLine: null });
    rejectedRows.add(d.line);
  };

  for (const d of input.drafts) {
    const fact = facts.get(d.phone);
    const draft = { ...d, subscriberId: d.subscriberId ?? fact?.subscriberId ?? undefined };
    if (fact?.doNotCall) { reject(d, 'do_not_call'); continue; }
    if (fact?.muted) { reject(d, 'opted_out'); continue; }
    const earlier = fresh.get(d.phone) ?? existing.get(d.phone);
    if (earlier) {
      merged += 1;
      if (context.reportDuplicates) {
        const intoLine = earlier.importId === record.id ? earlier.line : null;
        issues.push({ importId: record.id, line: d.line, column: 'phone', reason: 'duplicate', outcome: 'merged', value: d.phone, mergedIntoLine: intoLine });
      }
      const patch = mergePatch(earlier, { ...draft, subscriberId: draft.subscriberId ?? null });
      if (Object.keys(patch).length === 0) continue;
      if (fresh.has(d.phone)) Object.assign(earlier, patch);
      else merges.set(earlier.id, { id: earlier.id, patch: { ...merges.get(earlier.id)?.patch, ...patch } });
      continue;
    }
    if (context.size + fresh.size >= MAX_CONTACTS_PER_CAMPAIGN) { reject(d, 'over_limit'); continue; }
    fresh.set(d.phone, newContact(draft, context));
  }

  const batch: ImportBatch = {
    importId: record.id, expectedProcessed: record.processedRows, processedAfter: record.processedRows + input.rows,
    inserts: [...fresh.values()], merges: [...merges.values()], issues,
    counts: {
      imported: fresh.size, merged: context.reportDuplicates ? merged : 0, rejected: rejectedRows.size,
      warnings: [...warnedRows].filter((l) => !rejectedRows.has(l)).length,
    },
    at: context.at,
  };
  return (await imports.applyBatch(batch)) ? fresh.size : null;
}

/**
 * @module SQLite repository of call-list imports: the import record, the uploaded file's chunks, the per-row report,
 * batches applied with their checkpoint in one transaction (a repeated batch finds the checkpoint moved and changes
 * nothing), the phone look-ups an import needs, and the audience drawn from the subscribers in the store.
 */
import type { CallListImport, Contact } from '../../campaigns/model.ts';
import type { CallListImportRepository, ImportBatch, PhoneFacts, SegmentCandidate } from '../../campaigns/repository.ts';
import {
  CHUNK_COLUMNS, CONTACT_COLUMNS, IMPORT_COLUMNS, ISSUE_COLUMNS, issueId, type ImportChunkRow, type StoredIssue,
} from '../campaign-columns.ts';
import { codec } from './codec.ts';
import { preparedOnce, type Db } from './database.ts';

type Row = Record<string, unknown>;
const list = (values: readonly string[]) => JSON.stringify(values);
const anyOf = (column: string) => `(json_array_length(?) = 0 OR ${column} IN (SELECT value FROM json_each(?)))`;

export function sqliteCallListImports(db: Db): CallListImportRepository {
  const prepared = preparedOnce(db);
  const imports = codec<CallListImport>('call_list_imports', IMPORT_COLUMNS);
  const chunks = codec<ImportChunkRow>('call_list_import_chunks', CHUNK_COLUMNS);
  const issues = codec<StoredIssue>('call_list_import_issues', ISSUE_COLUMNS);
  const contacts = codec<Contact>('campaign_contacts', CONTACT_COLUMNS);

  const insert = db.prepare(imports.insert);
  const byId = db.prepare('SELECT * FROM call_list_imports WHERE id = ?');
  const byCampaign = db.prepare('SELECT * FROM call_list_imports WHERE campaign_id = ? ORDER BY created_at DESC, id');
  const unfinished = db.prepare(`SELECT * FROM call_list_imports INDEXED BY call_list_imports_unfinished
    WHERE status IN ('queued', 'checking', 'importing') ORDER BY created_at LIMIT ?`);
  const insertChunk = db.prepare(`${chunks.insert} ON CONFLICT (id) DO UPDATE SET data = excluded.data`);
  const chunkOf = db.prepare('SELECT data FROM call_list_import_chunks WHERE id = ?').pluck();
  const dropChunks = db.prepare('DELETE FROM call_list_import_chunks WHERE import_id = ?');
  const advance = db.prepare(`UPDATE call_list_imports SET processed_rows = ?, imported = imported + ?, merged = merged + ?,
    rejected = rejected + ?, warnings = warnings + ?, updated_at = ? WHERE id = ? AND processed_rows = ?`);
  const insertContact = db.prepare(contacts.insert);
  const insertIssue = db.prepare(`${issues.insert} ON CONFLICT (id) DO NOTHING`);
  const issuesFrom = db.prepare('SELECT * FROM call_list_import_issues WHERE import_id = ? AND line > ? ORDER BY line, id LIMIT ?');
  const byPhones = db.prepare('SELECT * FROM campaign_contacts WHERE campaign_id = ? AND phone IN (SELECT value FROM json_each(?))');
  const dncOf = db.prepare('SELECT phone FROM do_not_call WHERE phone IN (SELECT value FROM json_each(?))').pluck();
  const subscribersOf = db.prepare('SELECT id, phone, notifications_muted FROM subscribers WHERE phone IN (SELECT value FROM json_each(?))');
  const segment = db.prepare(`SELECT a.id AS account_id, a.number, a.region, s.id AS subscriber_id, s.phone, s.full_name, s.language
    FROM accounts a JOIN subscribers s ON s.id = a.subscriber_id
    WHERE a.id > ? AND ${anyOf('a.region')} AND ${anyOf('a.plan_id')} AND ${anyOf('a.status')} AND ${anyOf('s.category')}
      AND ${anyOf('s.language')}
      AND (json_array_length(?) = 0 OR EXISTS (SELECT 1 FROM chats c WHERE c.subscriber_id = s.id AND c.linked_at IS NOT NULL
        AND c.channel IN (SELECT value FROM json_each(?))))
    ORDER BY a.id LIMIT ?`);
  const regions = db.prepare('SELECT DISTINCT region FROM accounts ORDER BY region').pluck();

  const apply = db.transaction((b: ImportBatch): boolean => {
    const c = b.counts;
    if (advance.run(b.processedAfter, c.imported, c.merged, c.rejected, c.warnings, b.at.getTime(), b.importId, b.expectedProcessed).changes !== 1) return false;
    for (const contact of b.inserts) insertContact.run(...contacts.values(contact));
    for (const m of b.merges) {
      const set = contacts.set({ ...m.patch, updatedAt: b.at });
      prepared(`UPDATE campaign_contacts SET ${set.sql} WHERE id = ?`).run(...set.values, m.id);
    }
    for (const issue of b.issues) insertIssue.run(...issues.values({ ...issue, id: issueId(issue) }));
    return true;
  });

  return {
    async create(record) {
      insert.run(...imports.values(record));
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? imports.read(r) : null;
    },
    async listByCampaign(campaignId) {
      return (byCampaign.all(campaignId) as Row[]).map(imports.read);
    },
    async listUnfinished(limit) {
      return (unfinished.all(limit) as Row[]).map(imports.read);
    },
    async setProgress(id, patch, at) {
      const set = imports.set({ ...patch, updatedAt: at });
      prepared(`UPDATE call_list_imports SET ${set.sql} WHERE id = ?`).run(...set.values, id);
    },
    async addChunk(importId, seq, data) {
      insertChunk.run(...chunks.values({ id: `${importId}:${seq}`, importId, seq, data: data.toString('base64') }));
    },
    async chunk(importId, seq) {
      const data = chunkOf.get(`${importId}:${seq}`) as string | undefined;
      return data === undefined ? null : Buffer.from(data, 'base64');
    },
    async deleteChunks(importId) {
      dropChunks.run(importId);
    },
    async applyBatch(batch) {
      return apply.immediate(batch);
    },
    async issues(importId, { afterLine, limit }) {
      return (issuesFrom.all(importId, afterLine ?? 0, limit) as Row[]).map((r) => {
        const { id: _id, ...issue } = issues.read(r);
        return issue;
      });
    },
    async contactsByPhone(campaignId, phones) {
      return phones.length ? (byPhones.all(campaignId, list(phones)) as Row[]).map(contacts.read) : [];
    },
    async phoneFacts(phones) {
      const out = new Map<string, PhoneFacts>();
      if (!phones.length) return out;
      for (const p of phones) out.set(p, { doNotCall: false, subscriberId: null, muted: false });
      for (const p of dncOf.all(list(phones)) as string[]) out.get(p)!.doNotCall = true;
      for (const s of subscribersOf.all(list(phones)) as Array<{ id: string; phone: string; notifications_muted: number }>) {
        Object.assign(out.get(s.phone)!, { subscriberId: s.id, muted: s.notifications_muted === 1 });
      }
      return out;
    },
    async segmentPage(f, after, limit) {
      const pairs = [f.regions, f.planIds, f.statuses, f.categories, f.languages, f.channels].flatMap((v) => [list(v), list(v)]);
      const rows = segment.all(after ?? '', ...pairs, limit) as Array<Record<string, string | null>>;
      const candidates: SegmentCandidate[] = rows.map((r) => ({
        subscriberId: r.subscriber_id!, phone: r.phone!, name: r.full_name!, accountNumber: r.number!, region: r.region!,
        language: (r.language as SegmentCandidate['language']) ?? null,
      }));
      return { candidates, next: rows.length === limit ? rows[rows.length - 1]!.account_id! : null };
    },
    async regions() {
      return regions.all() as string[];
    },
  };
}

/**
 * @module MongoDB repository of call-list imports (mirrors sqlite/call-list-imports.ts): a batch is one transaction
 * that first moves the import's checkpoint conditionally (`processedRows` still where the batch started), so a repeated
 * or concurrent batch matches nothing and writes nothing.
 */
import { Schema, type Connection } from 'mongoose';
import { IMPORT_STATUSES, ISSUE_REASONS, type CallListImport, type Contact } from '../../campaigns/model.ts';
import type { CallListImportRepository, PhoneFacts } from '../../campaigns/repository.ts';
import {
  CHUNK_COLUMNS, CONTACT_COLUMNS, IMPORT_COLUMNS, ISSUE_COLUMNS, issueId, type StoredIssue,
} from '../campaign-columns.ts';
import { modelFor, schemaOptions } from './collection.ts';
import { inTransaction } from './connection.ts';
import { campaignSpec, docCodec, type Doc } from './campaign-docs.ts';
import { contactsSpec } from './campaign-contacts.ts';
import { doNotCallSpec } from './campaigns.ts';
import { accountsSpec, chatsSpec, subscribersSpec } from './people.ts';

const text = { type: String, default: null };
const count = { type: Number, required: true, min: 0 };

const importSchema = new Schema({
  _id: { type: String, required: true },
  campaignId: { type: String, required: true },
  source: { type: String, required: true, enum: ['file', 'segment'] },
  fileName: text,
  format: { type: String, enum: ['csv', 'xlsx', null], default: null },
  encoding: text,
  bytes: count,
  segment: { type: Schema.Types.Mixed, default: null },
  status: { type: String, required: true, enum: IMPORT_STATUSES },
  error: { type: Schema.Types.Mixed, default: null },
  totalRows: count, checkedRows: count, processedRows: count, imported: count, merged: count, rejected: count, warnings: count,
  createdBy: text,
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  finishedAt: { type: Date, default: null },
}, schemaOptions);
importSchema.index({ campaignId: 1, createdAt: -1 });
// Unfinished imports (the watchdog's query): a status range, since partial filters cannot say $in.
importSchema.index({ status: 1, createdAt: 1 });
export const importsSpec = campaignSpec('CallListImport', 'call_list_imports', importSchema, IMPORT_COLUMNS, 'id');

const chunkSchema = new Schema({
  _id: { type: String, required: true },
  importId: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  data: { type: String, required: true },
}, schemaOptions);
chunkSchema.index({ importId: 1, seq: 1 });
export const chunksSpec = campaignSpec('CallListImportChunk', 'call_list_import_chunks', chunkSchema, CHUNK_COLUMNS, 'id');

const issueSchema = new Schema({
  _id: { type: String, required: true },
  importId: { type: String, required: true },
  line: { type: Number, required: true, min: 0 },
  column: text,
  reason: { type: String, required: true, enum: ISSUE_REASONS },
  outcome: { type: String, required: true, enum: ['rejected', 'merged', 'warning'] },
  value: text,
  mergedIntoLine: { type: Number, default: null },
}, schemaOptions);
issueSchema.index({ importId: 1, line: 1 });
export const issuesSpec = campaignSpec('CallListImportIssue', 'call_list_import_issues', issueSchema, ISSUE_COLUMNS, 'id');

const anyOf = (values: readonly string[]) => (values.length ? { $in: values } : undefined);
const defined = (o: Doc): Doc => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function mongoCallListImports(conn: Connection): CallListImportRepository {
  const Imports = modelFor<Doc>(conn, importsSpec);
  const Chunks = modelFor<Doc>(conn, chunksSpec);
  const Issues = modelFor<Doc>(conn, issuesSpec);
  const Contacts = modelFor<Doc>(conn, contactsSpec);
  const Dnc = modelFor<Doc>(conn, doNotCallSpec);
  const Subscribers = modelFor<Doc>(conn, subscribersSpec);
  const Accounts = modelFor<Doc>(conn, accountsSpec);
  const Chats = modelFor<Doc>(conn, chatsSpec);
  const imports = docCodec<CallListImport>(IMPORT_COLUMNS, 'id');
  const contacts = docCodec<Contact>(CONTACT_COLUMNS, 'id');
  const issues = docCodec<StoredIssue>(ISSUE_COLUMNS, 'id');

  return {
    async create(record) {
      await Imports.create(imports.toDoc(record));
    },
    async get(id) {
      const d = await Imports.findById(id).lean<Doc>();
      return d ? imports.fromDoc(d) : null;
    },
    async listByCampaign(campaignId) {
      return (await Imports.find({ campaignId }).sort({ createdAt: -1, _id: 1 }).lean<Doc[]>()).map(imports.fromDoc);
    },
    async listUnfinished(limit) {
      const docs = await Imports.find({ status: { $in: ['queued', 'checking', 'importing'] } }).sort({ createdAt: 1 }).limit(limit).lean<Doc[]>();
      return docs.map(imports.fromDoc);
    },
    async setProgress(id, patch, at) {
      await Imports.updateOne({ _id: id }, { $set: imports.set({ ...patch, updatedAt: at }) });
    },
    async addChunk(importId, seq, data) {
      await Chunks.updateOne({ _id: `${importId}:${seq}` }, { $set: { importId, seq, data: data.toString('base64') } }, { upsert: true });
    },
    async chunk(importId, seq) {
      const d = await Chunks.findById(`${importId}:${seq}`).lean<Doc>();
      return d ? Buffer.from(d.data as string, 'base64') : null;
    },
    async deleteChunks(importId) {
      await Chunks.deleteMany({ importId });
    },
    async applyBatch(b) {
      return inTransaction(conn, async (session) => {
        const c = b.counts;
        const moved = await Imports.updateOne({ _id: b.importId, processedRows: b.expectedProcessed }, {
          $set: { processedRows: b.processedAfter, updatedAt: b.at },
          $inc: { imported: c.imported, merged: c.merged, rejected: c.rejected, warnings: c.warnings },
        }, { session });
        if (moved.matchedCount !== 1) return false;
        if (b.inserts.length) await Contacts.insertMany(b.inserts.map(contacts.toDoc), { session });
        for (const m of b.merges) await Contacts.updateOne({ _id: m.id }, { $set: contacts.set({ ...m.patch, updatedAt: b.at }) }, { session });
        if (b.issues.length) {
          await Issues.bulkWrite(b.issues.map((issue) => {
            const { _id, ...rest } = issues.toDoc({ ...issue, id: issueId(issue) });
            return { updateOne: { filter: { _id }, update: { $setOnInsert: rest }, upsert: true } };
          }), { session });
        }
        return true;
      });
    },
    async issues(importId, { afterLine, limit }) {
      const docs = await Issues.find({ importId, line: { $gt: afterLine ?? 0 } }).sort({ line: 1, _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map((d) => {
        const { id: _id, ...issue } = issues.fromDoc(d);
        return issue;
      });
    },
    async contactsByPhone(campaignId, phones) {
      if (!phones.length) return [];
      return (await Contacts.find({ campaignId, phone: { $in: phones } }).lean<Doc[]>()).map(contacts.fromDoc);
    },
    async phoneFacts(phones) {
      const out = new Map<string, PhoneFacts>();
      if (!phones.length) return out;
      for (const p of phones) out.set(p, { doNotCall: false, subscriberId: null, muted: false });
      for (const d of await Dnc.find({ _id: { $in: phones } }, { _id: 1 }).lean<Doc[]>()) out.get(d._id as string)!.doNotCall = true;
      for (const s of await Subscribers.find({ phone: { $in: phones } }).lean<Doc[]>()) {
        Object.assign(out.get(s.phone as string)!, { subscriberId: s._id as string, muted: Boolean(s.notificationsMuted) });
      }
      return out;
    },
    async segmentPage(f, after, limit) {
      const accounts = await Accounts.find(defined({
        _id: after ? { $gt: after } : undefined, region: anyOf(f.regions), planId: anyOf(f.planIds), status: anyOf(f.statuses),
      })).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      const ids = [...new Set(accounts.map((a) => a.subscriberId as string))];
      const subscribers = new Map((await Subscribers.find(defined({
        _id: { $in: ids }, category: anyOf(f.categories), language: anyOf(f.languages),
      })).lean<Doc[]>()).map((s) => [s._id as string, s]));
      const linked = f.channels.length
        ? new Set((await Chats.find({ subscriberId: { $in: ids }, linkedAt: { $ne: null }, channel: { $in: f.channels } }).lean<Doc[]>()).map((c) => c.subscriberId as string))
        : null;
      const candidates = accounts.flatMap((a) => {
        const s = subscribers.get(a.subscriberId as string);
        if (!s || (linked && !linked.has(s._id as string))) return [];
        return [{
          subscriberId: s._id as string, phone: s.phone as string, name: s.fullName as string, accountNumber: a.number as string,
          region: a.region as string, language: (s.language as 'kk' | 'ru' | null) ?? null,
        }];
      });
      return { candidates, next: accounts.length === limit ? (accounts[accounts.length - 1]!._id as string) : null };
    },
    async regions() {
      return ((await Accounts.distinct('region')) as string[]).sort();
    },
  };
}

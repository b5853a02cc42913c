/**
 * @module MongoDB repositories of the reports module (mirrors sqlite/reports.ts): chat contacts, agents' status
 * spans (a new status closes the open span in one transaction), stored monthly reports, and the tickets of a period
 * with their callback SLA.
 */
import { Schema, type Connection } from 'mongoose';
import type {
  AgentStatusRepository, ChatContactRepository, MonthlyReportRepository, ReportTicketSource,
} from '../../reports/repository.ts';
import { AGENT_STATUSES, CONTACT_CHANNELS, type AgentStatusSpan, type ChatContact, type MonthlyReport, type ReportTicket } from '../../reports/model.ts';
import { TICKET_TYPES } from '../../tickets/model.ts';
import { CHAT_CONTACT_COLUMNS, REPORT_COLUMNS, STATUS_SPAN_COLUMNS, type StoredReportRow } from '../report-columns.ts';
import { modelFor, schemaOptions } from './collection.ts';
import { inTransaction } from './connection.ts';
import { campaignSpec, docCodec, type Doc } from './campaign-docs.ts';
import { slaSpec, ticketsSpec, type TicketDoc } from './tickets.ts';

const text = { type: String, default: null };
const when = { type: Date, default: null };

const contactSchema = new Schema({
  _id: { type: String, required: true },
  chatKey: { type: String, required: true },
  channel: { type: String, required: true, enum: CONTACT_CHANNELS },
  language: { type: String, required: true, enum: ['kk', 'ru'] },
  startedAt: { type: Date, required: true },
  lastActivityAt: { type: Date, required: true },
  type: { type: String, required: true, enum: TICKET_TYPES },
  ticketId: text,
  handedOffAt: when,
  answerBy: when,
  answeredAt: when,
  agentId: text,
  leftAt: when,
  endedAt: when,
}, schemaOptions);
contactSchema.index({ chatKey: 1, startedAt: -1 });
contactSchema.index({ ticketId: 1, startedAt: -1 });
contactSchema.index({ startedAt: 1, _id: 1 });
contactSchema.index({ handedOffAt: 1, answeredAt: 1 });

export const chatContactsSpec = campaignSpec('ChatContact', 'chat_contacts', contactSchema, CHAT_CONTACT_COLUMNS, 'id');

export function mongoChatContacts(conn: Connection): ChatContactRepository {
  const M = modelFor<Doc>(conn, chatContactsSpec);
  const c = docCodec<ChatContact>(CHAT_CONTACT_COLUMNS, 'id');
  const one = async (filter: Doc) => {
    const d = await M.findOne(filter).sort({ startedAt: -1, _id: -1 }).lean<Doc>();
    return d ? c.fromDoc(d) : null;
  };
  return {
    async create(contact) {
      await M.create(c.toDoc(contact));
    },
    get: (id) => one({ _id: id }),
    latestForChat: (chatKey) => one({ chatKey }),
    latestForTicket: (ticketId) => one({ ticketId }),
    async update(id, patch, onlyIfUnset = []) {
      const set = c.set(patch);
      // A field written only where still empty keeps the first value: one conditional update per such field.
      const plain = Object.fromEntries(Object.entries(set).filter(([f]) => !onlyIfUnset.includes(f as keyof ChatContact)));
      if (Object.keys(plain).length) await M.updateOne({ _id: id }, { $set: plain });
      for (const f of onlyIfUnset) {
        if (set[f] !== undefined) await M.updateOne({ _id: id, [f]: null }, { $set: { [f]: set[f] } });
      }
    },
    async scan(from, to, after, limit) {
      const filter: Doc = after
        ? { startedAt: { $gte: from, $lt: to }, $or: [{ startedAt: { $gt: after.startedAt } }, { startedAt: after.startedAt, _id: { $gt: after.id } }] }
        : { startedAt: { $gte: from, $lt: to } };
      const docs = await M.find(filter).sort({ startedAt: 1, _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map((d) => c.fromDoc(d));
    },
    async waiting(since, limit) {
      const docs = await M.find({ handedOffAt: { $gte: since }, answeredAt: null }).sort({ handedOffAt: 1 }).limit(limit).lean<Doc[]>();
      return docs.map((d) => c.fromDoc(d));
    },
  };
}

const spanSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: String, required: true },
  status: { type: String, required: true, enum: AGENT_STATUSES },
  reason: text,
  since: { type: Date, required: true },
  until: when,
  setBy: text,
}, schemaOptions);
spanSchema.index({ userId: 1, until: 1 });
spanSchema.index({ since: 1 });

export const statusSpansSpec = campaignSpec('AgentStatusSpan', 'agent_status_spans', spanSchema, STATUS_SPAN_COLUMNS, 'id');

export function mongoAgentStatuses(conn: Connection): AgentStatusRepository {
  const M = modelFor<Doc>(conn, statusSpansSpec);
  const c = docCodec<AgentStatusSpan>(STATUS_SPAN_COLUMNS, 'id');
  return {
    async set(span) {
      return inTransaction(conn, async (session) => {
        const open = await M.findOne({ userId: span.userId, until: null }).session(session).lean<Doc>();
        if (open) await M.updateOne({ _id: open._id, until: null }, { $set: { until: span.since } }).session(session);
        await M.create([c.toDoc({ ...span, until: null })], { session });
        return open ? { ...c.fromDoc(open), until: span.since } : null;
      });
    },
    async current(userId) {
      const d = await M.findOne({ userId, until: null }).lean<Doc>();
      return d ? c.fromDoc(d) : null;
    },
    async listCurrent() {
      return (await M.find({ until: null }).sort({ userId: 1 }).lean<Doc[]>()).map((d) => c.fromDoc(d));
    },
    async overlapping(from, to) {
      const docs = await M.find({ since: { $lt: to }, $or: [{ until: null }, { until: { $gt: from } }] }).sort({ since: 1, _id: 1 }).lean<Doc[]>();
      return docs.map((d) => c.fromDoc(d));
    },
  };
}

const reportSchema = new Schema({
  _id: { type: String, required: true },
  generatedAt: { type: Date, required: true },
  report: { type: Schema.Types.Mixed, required: true },
}, schemaOptions);

export const monthlyReportsSpec = campaignSpec('MonthlyReport', 'monthly_reports', reportSchema, REPORT_COLUMNS, 'month');

export function mongoMonthlyReports(conn: Connection): MonthlyReportRepository {
  const M = modelFor<Doc>(conn, monthlyReportsSpec);
  const c = docCodec<StoredReportRow>(REPORT_COLUMNS, 'month');
  return {
    async save(report) {
      const { _id, ...rest } = c.toDoc(report);
      await M.updateOne({ _id }, { $set: rest }, { upsert: true });
    },
    async get(month) {
      const d = await M.findOne({ _id: month }).lean<Doc>();
      if (!d) return null;
      const row = c.fromDoc(d);
      return { month: row.month, generatedAt: row.generatedAt, report: row.report as MonthlyReport };
    },
    async list(limit) {
      const docs = await M.find({}, { _id: 1, generatedAt: 1 }).sort({ _id: -1 }).limit(limit).lean<Doc[]>();
      return docs.map((d) => ({ month: d._id as string, generatedAt: d.generatedAt as Date }));
    },
  };
}

type SlaDoc = { _id: string; status: ReportTicket['slaStatus']; dueAt: Date; callbackAt: Date | null };

export function mongoReportTickets(conn: Connection): ReportTicketSource {
  const T = modelFor<TicketDoc>(conn, ticketsSpec);
  const S = modelFor<SlaDoc>(conn, slaSpec);
  const fields = { _id: 1, number: 1, createdAt: 1, type: 1, channel: 1, region: 1, service: 1, breached: 1 };
  async function withSla(docs: TicketDoc[]): Promise<ReportTicket[]> {
    const slas = docs.length ? await S.find({ _id: { $in: docs.map((d) => d._id) } }).lean<SlaDoc[]>() : [];
    const byId = new Map(slas.map((s) => [s._id, s]));
    return docs.map((d) => {
      const s = byId.get(d._id);
      return {
        id: d._id, number: d.number, createdAt: d.createdAt, type: d.type, channel: d.channel, region: d.region ?? null,
        service: d.service ?? null, breached: Boolean(d.breached), slaStatus: s?.status ?? null, slaDueAt: s?.dueAt ?? null,
        callbackAt: s?.callbackAt ?? null,
      };
    });
  }
  return {
    async scan(from, to, after, limit) {
      const filter: Doc = after
        ? { createdAt: { $gte: from, $lt: to }, $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, number: { $gt: after.number } }] }
        : { createdAt: { $gte: from, $lt: to } };
      return withSla(await T.find(filter, fields).sort({ createdAt: 1, number: 1 }).limit(limit).lean<TicketDoc[]>());
    },
    async dueCallbacks(from, to, limit) {
      const docs = await T.find({ active: true, callbackDueAt: { $gte: from, $lt: to } }, fields).sort({ callbackDueAt: 1 }).limit(limit * 4).lean<TicketDoc[]>();
      return (await withSla(docs)).filter((t) => t.slaStatus === 'active').slice(0, limit);
    },
  };
}

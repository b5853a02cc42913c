/**
 * @module SQLite repositories of the reports module (core/reports): chat contacts, agents' status spans, stored
 * monthly reports, and the tickets of a period as the report reads them. Rows come from core/store/report-columns.ts.
 */
import type {
  AgentStatusRepository, ChatContactRepository, MonthlyReportRepository, ReportTicketSource,
} from '../../reports/repository.ts';
import type { AgentStatusSpan, ChatContact, MonthlyReport, ReportTicket } from '../../reports/model.ts';
import { CHAT_CONTACT_COLUMNS, REPORT_COLUMNS, STATUS_SPAN_COLUMNS, type StoredReportRow } from '../report-columns.ts';
import { codec } from './codec.ts';
import { bool, date, dateOrNull, ms, preparedOnce, type Db } from './database.ts';

type Row = Record<string, unknown>;

export function sqliteChatContacts(db: Db): ChatContactRepository {
  const c = codec<ChatContact>('chat_contacts', CHAT_CONTACT_COLUMNS);
  const insert = db.prepare(c.insert);
  const get = db.prepare('SELECT * FROM chat_contacts WHERE id = ?');
  const prepared = preparedOnce(db);
  const latestForChat = db.prepare('SELECT * FROM chat_contacts WHERE chat_key = ? ORDER BY started_at DESC, id DESC LIMIT 1');
  const latestForTicket = db.prepare('SELECT * FROM chat_contacts WHERE ticket_id = ? ORDER BY started_at DESC, id DESC LIMIT 1');
  const scanFirst = db.prepare('SELECT * FROM chat_contacts WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id LIMIT ?');
  // A row-value comparison, so each page is one range of the (started_at, id) index, whatever page it is.
  const scanAfter = db.prepare(`SELECT * FROM chat_contacts WHERE (started_at, id) > (?, ?) AND started_at < ?
    ORDER BY started_at, id LIMIT ?`);
  const waiting = db.prepare(`SELECT * FROM chat_contacts WHERE handed_off_at IS NOT NULL AND answered_at IS NULL AND handed_off_at >= ?
    ORDER BY handed_off_at LIMIT ?`);
  return {
    async create(contact) {
      insert.run(...c.values(contact));
    },
    async get(id) {
      const r = get.get(id) as Row | undefined;
      return r ? c.read(r) : null;
    },
    async latestForChat(chatKey) {
      const r = latestForChat.get(chatKey) as Row | undefined;
      return r ? c.read(r) : null;
    },
    async latestForTicket(ticketId) {
      const r = latestForTicket.get(ticketId) as Row | undefined;
      return r ? c.read(r) : null;
    },
    async update(id, patch, onlyIfUnset = []) {
      const fields = Object.keys(patch) as Array<keyof ChatContact>;
      if (fields.length === 0) return;
      const parts: string[] = [];
      const values: unknown[] = [];
      for (const f of fields) {
        const { sql, values: v } = c.set({ [f]: (patch as Partial<ChatContact>)[f] } as Partial<ChatContact>);
        const column = c.column(f);
        // A field written only where still empty keeps the first value (the first answer stays the first).
        parts.push(onlyIfUnset.includes(f) ? `${column} = COALESCE(${column}, ?)` : sql);
        values.push(...v);
      }
      prepared(`UPDATE chat_contacts SET ${parts.join(', ')} WHERE id = ?`).run(...values, id);
    },
    async scan(from, to, after, limit) {
      const rows = (after
        ? scanAfter.all(ms(after.startedAt), after.id, ms(to), limit)
        : scanFirst.all(ms(from), ms(to), limit)) as Row[];
      return rows.map((r) => c.read(r));
    },
    async waiting(since, limit) {
      return (waiting.all(ms(since), limit) as Row[]).map((r) => c.read(r));
    },
  };
}

export function sqliteAgentStatuses(db: Db): AgentStatusRepository {
  const c = codec<AgentStatusSpan>('agent_status_spans', STATUS_SPAN_COLUMNS);
  const insert = db.prepare(c.insert);
  const current = db.prepare('SELECT * FROM agent_status_spans WHERE user_id = ? AND until IS NULL');
  const close = db.prepare('UPDATE agent_status_spans SET until = ? WHERE id = ?');
  const listCurrent = db.prepare('SELECT * FROM agent_status_spans WHERE until IS NULL ORDER BY user_id');
  const overlapping = db.prepare(`SELECT * FROM agent_status_spans WHERE since < ? AND (until IS NULL OR until > ?) ORDER BY since, id`);
  const set = db.transaction((span: AgentStatusSpan): AgentStatusSpan | null => {
    const open = current.get(span.userId) as Row | undefined;
    let ended: AgentStatusSpan | null = null;
    if (open) {
      ended = { ...c.read(open), until: span.since };
      close.run(ms(span.since), ended.id);
    }
    insert.run(...c.values({ ...span, until: null }));
    return ended;
  });
  return {
    async set(span) {
      return set.immediate(span);
    },
    async current(userId) {
      const r = current.get(userId) as Row | undefined;
      return r ? c.read(r) : null;
    },
    async listCurrent() {
      return (listCurrent.all() as Row[]).map((r) => c.read(r));
    },
    async overlapping(from, to) {
      return (overlapping.all(ms(to), ms(from)) as Row[]).map((r) => c.read(r));
    },
  };
}

export function sqliteMonthlyReports(db: Db): MonthlyReportRepository {
  const c = codec<StoredReportRow>('monthly_reports', REPORT_COLUMNS);
  const upsert = db.prepare(`${c.insert} ON CONFLICT(month) DO UPDATE SET generated_at = excluded.generated_at, report = excluded.report`);
  const get = db.prepare('SELECT * FROM monthly_reports WHERE month = ?');
  const list = db.prepare('SELECT month, generated_at FROM monthly_reports ORDER BY month DESC LIMIT ?');
  return {
    async save(report) {
      upsert.run(...c.values(report));
    },
    async get(month) {
      const r = get.get(month) as Row | undefined;
      if (!r) return null;
      const row = c.read(r);
      return { month: row.month, generatedAt: row.generatedAt, report: row.report as MonthlyReport };
    },
    async list(limit) {
      return (list.all(limit) as Row[]).map((r) => ({ month: r.month as string, generatedAt: date(r.generated_at as number) }));
    },
  };
}

const TICKET_FIELDS = `t.id, t.number, t.created_at, t.type, t.channel, t.region, t.service, t.breached,
  s.status AS sla_status, s.due_at AS sla_due_at, s.callback_at AS sla_callback_at`;

const toReportTicket = (r: Row): ReportTicket => ({
  id: r.id as string,
  number: r.number as number,
  createdAt: date(r.created_at as number),
  type: r.type as ReportTicket['type'],
  channel: r.channel as ReportTicket['channel'],
  region: (r.region as string | null) ?? null,
  service: (r.service as string | null) ?? null,
  breached: bool(r.breached as number),
  slaStatus: (r.sla_status as ReportTicket['slaStatus']) ?? null,
  slaDueAt: dateOrNull(r.sla_due_at as number | null),
  callbackAt: dateOrNull(r.sla_callback_at as number | null),
});

export function sqliteReportTickets(db: Db): ReportTicketSource {
  const first = db.prepare(`SELECT ${TICKET_FIELDS} FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id
    WHERE t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.number LIMIT ?`);
  const after = db.prepare(`SELECT ${TICKET_FIELDS} FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id
    WHERE (t.created_at, t.number) > (?, ?) AND t.created_at < ? ORDER BY t.created_at, t.number LIMIT ?`);
  const due = db.prepare(`SELECT ${TICKET_FIELDS} FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id
    WHERE t.active = 1 AND t.callback_due_at IS NOT NULL AND t.callback_due_at >= ? AND t.callback_due_at < ?
    AND s.status = 'active' ORDER BY t.callback_due_at LIMIT ?`);
  return {
    async scan(from, to, keyset, limit) {
      const rows = (keyset
        ? after.all(ms(keyset.createdAt), keyset.number, ms(to), limit)
        : first.all(ms(from), ms(to), limit)) as Row[];
      return rows.map(toReportTicket);
    },
    async dueCallbacks(from, to, limit) {
      return (due.all(ms(from), ms(to), limit) as Row[]).map(toReportTicket);
    },
  };
}

/** @module SQLite repositories for tickets (with status history, SLA, breaches, ratings) and their transcripts. */
import type { TicketChange, TicketMessageRepository, TicketRepository } from '../../tickets/repository.ts';
import type { SlaBreach, TicketSla } from '../../sla/model.ts';
import {
  isActiveStatus, type StatusChange, type Ticket, type TicketMessage, type TicketQuery, type TicketRating,
} from '../../tickets/model.ts';
import { sortRegions } from '../text.ts';
import { bool, date, dateOrNull, json, ms, msOrNull, type Db } from './database.ts';

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

const toTicket = (r: Row): Ticket => ({
  id: r.id as string,
  number: r.number as number,
  type: r.type as Ticket['type'],
  channel: r.channel as Ticket['channel'],
  status: r.status as Ticket['status'],
  line: r.line as Ticket['line'],
  handedOff: bool(r.handed_off as number),
  breached: bool(r.breached as number),
  subscriberId: str(r.subscriber_id),
  accountId: str(r.account_id),
  chatKey: str(r.chat_key),
  phone: str(r.phone),
  language: r.language as Ticket['language'],
  region: str(r.region),
  service: str(r.service),
  symptom: str(r.symptom),
  topic: str(r.topic),
  result: str(r.result),
  comment: str(r.comment),
  assigneeId: str(r.assignee_id),
  callbackDueAt: dateOrNull(r.callback_due_at as number | null),
  callbackOutcome: str(r.callback_outcome) as Ticket['callbackOutcome'],
  firstActionAt: dateOrNull(r.first_action_at as number | null),
  createdAt: date(r.created_at as number),
  updatedAt: date(r.updated_at as number),
  escalatedAt: dateOrNull(r.escalated_at as number | null),
  resolvedAt: dateOrNull(r.resolved_at as number | null),
  closedAt: dateOrNull(r.closed_at as number | null),
  version: r.version as number,
});

/** Ticket field → [column, to-SQL]. */
const columns: Record<string, [string, (v: never) => unknown]> = {
  type: ['type', (v: string) => v],
  status: ['status', (v: string) => v],
  line: ['line', (v: number) => v],
  handedOff: ['handed_off', (v: boolean) => (v ? 1 : 0)],
  breached: ['breached', (v: boolean) => (v ? 1 : 0)],
  subscriberId: ['subscriber_id', (v: string | null) => v],
  accountId: ['account_id', (v: string | null) => v],
  chatKey: ['chat_key', (v: string | null) => v],
  phone: ['phone', (v: string | null) => v],
  language: ['language', (v: string) => v],
  region: ['region', (v: string | null) => v],
  service: ['service', (v: string | null) => v],
  symptom: ['symptom', (v: string | null) => v],
  topic: ['topic', (v: string | null) => v],
  result: ['result', (v: string | null) => v],
  comment: ['comment', (v: string | null) => v],
  assigneeId: ['assignee_id', (v: string | null) => v],
  callbackDueAt: ['callback_due_at', (v: Date | null) => msOrNull(v)],
  callbackOutcome: ['callback_outcome', (v: string | null) => v],
  firstActionAt: ['first_action_at', (v: Date | null) => msOrNull(v)],
  updatedAt: ['updated_at', (v: Date) => ms(v)],
  escalatedAt: ['escalated_at', (v: Date | null) => msOrNull(v)],
  resolvedAt: ['resolved_at', (v: Date | null) => msOrNull(v)],
  closedAt: ['closed_at', (v: Date | null) => msOrNull(v)],
};

const slaColumns: Record<string, [string, (v: never) => unknown]> = {
  callbackMinutes: ['callback_minutes', (v: number) => v],
  clock: ['clock', (v: string) => v],
  startedAt: ['started_at', (v: Date) => ms(v)],
  dueAt: ['due_at', (v: Date) => ms(v)],
  status: ['status', (v: string) => v],
  callbackAt: ['callback_at', (v: Date | null) => msOrNull(v)],
  breachedAt: ['breached_at', (v: Date | null) => msOrNull(v)],
};

const toSla = (r: Row): TicketSla => ({
  ticketId: r.ticket_id as string,
  callbackMinutes: r.callback_minutes as number,
  clock: r.clock as TicketSla['clock'],
  startedAt: date(r.started_at as number),
  dueAt: date(r.due_at as number),
  status: r.status as TicketSla['status'],
  callbackAt: dateOrNull(r.callback_at as number | null),
  breachedAt: dateOrNull(r.breached_at as number | null),
});

const toHistory = (r: Row): StatusChange => ({
  ticketId: r.ticket_id as string,
  at: date(r.at as number),
  from: str(r.from_status) as StatusChange['from'],
  to: r.to_status as StatusChange['to'],
  actor: { type: r.actor_type as StatusChange['actor']['type'], id: str(r.actor_id) },
  note: str(r.note),
});

const toBreach = (r: Row): SlaBreach => ({
  id: r.id as string,
  ticketId: r.ticket_id as string,
  kind: r.kind as SlaBreach['kind'],
  dueAt: date(r.due_at as number),
  breachedAt: date(r.breached_at as number),
});

const toRating = (r: Row): TicketRating => ({
  id: r.id as string,
  ticketId: r.ticket_id as string,
  supervisorId: r.supervisor_id as string,
  agentId: str(r.agent_id),
  scores: json<TicketRating['scores']>(r.scores as string),
  comment: str(r.comment),
  createdAt: date(r.created_at as number),
});

/** The queue's conditions and the index hint (see `buildQueueSql`). */
function queueWhere(q: TicketQuery): { where: string; params: unknown[]; hint: string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  // A status filter also pins `active`, so the queue's (…, active, number) index still yields number order.
  const activeOrStatus = () => {
    if (q.status) add('status = ?', q.status);
    add('active = ?', q.status && !isActiveStatus(q.status) ? 0 : 1);
  };
  switch (q.queue) {
    case 'mine':
      add('assignee_id = ?', q.userId ?? '');
      activeOrStatus();
      break;
    case 'unassigned':
      add('assignee_id IS NULL');
      activeOrStatus();
      break;
    case 'second_line':
      add('line = 2');
      activeOrStatus();
      break;
    case 'breached':
      add('breached = 1');
      activeOrStatus();
      break;
    case 'all':
      if (q.status) add('status = ?', q.status);
      break;
  }
  if (q.type) add('type = ?', q.type);
  if (q.channel) add('channel = ?', q.channel);
  if (q.region) add('region = ?', q.region);
  if (q.service) add('service = ?', q.service);
  if (q.from) add('created_at >= ?', ms(q.from));
  if (q.to) add('created_at < ?', ms(q.to));
  if (q.number !== undefined) add('number = ?', q.number);
  if (q.phone) add('phone = ?', q.phone);
  if (q.subscriberIds) {
    if (q.subscriberIds.length === 0) add('0 = 1');
    else add(`subscriber_id IN (${q.subscriberIds.map(() => '?').join(', ')})`, ...q.subscriberIds);
  }
  const cursor = q.cursor ? Number.parseInt(q.cursor, 10) : NaN;
  if (Number.isFinite(cursor)) add('number < ?', cursor);
  // The planner may walk another index for an agent with few active tickets (its statistics say so) and read
  // thousands of rows; "mine" always has its own index, so name it unless a number or phone search is sharper.
  const hint = q.queue === 'mine' && q.number === undefined && !q.phone && !q.subscriberIds ? ' INDEXED BY tickets_assignee_number' : '';
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, hint };
}

/**
 * Builds the console queue query: one queue condition that matches a partial or composite index ending in
 * `number`, optional filters, and a keyset cursor on `number`. Exported so a test can EXPLAIN it.
 */
export function buildQueueSql(q: TicketQuery): { sql: string; params: unknown[] } {
  const { where, params, hint } = queueWhere(q);
  return { sql: `SELECT * FROM tickets${hint} ${where} ORDER BY number DESC LIMIT ?`, params: [...params, q.limit + 1] };
}

/** Counts the queue's tickets, stopping at `cap`, so a tab's count costs at most `cap` index entries. */
export function buildQueueCountSql(q: TicketQuery, cap: number): { sql: string; params: unknown[] } {
  const { where, params, hint } = queueWhere({ ...q, cursor: null });
  return { sql: `SELECT COUNT(*) FROM (SELECT 1 FROM tickets${hint} ${where} LIMIT ?)`, params: [...params, cap] };
}

export function sqliteTickets(db: Db): TicketRepository {
  const bump = db.prepare(`INSERT INTO counters (name, value) VALUES ('ticket', 1)
    ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`).pluck();
  const insert = db.prepare(`INSERT INTO tickets (id, number, type, channel, status, active, line, handed_off, breached,
    subscriber_id, account_id, chat_key, phone, language, region, service, symptom, topic, result, comment, assignee_id,
    callback_due_at, callback_outcome, first_action_at, created_at, updated_at, escalated_at, resolved_at, closed_at, version)
    VALUES (@id, @number, @type, @channel, @status, @active, @line, @handedOff, @breached, @subscriberId, @accountId, @chatKey,
    @phone, @language, @region, @service, @symptom, @topic, @result, @comment, @assigneeId, @callbackDueAt, @callbackOutcome,
    @firstActionAt, @createdAt, @updatedAt, @escalatedAt, @resolvedAt, @closedAt, 1)`);
  const insertHistory = db.prepare(`INSERT INTO ticket_status_history (ticket_id, at, from_status, to_status, actor_type, actor_id, note)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertSla = db.prepare(`INSERT INTO ticket_sla (ticket_id, callback_minutes, clock, started_at, due_at, status, callback_at, breached_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBreach = db.prepare('INSERT INTO sla_breaches (id, ticket_id, kind, due_at, breached_at) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM tickets WHERE id = ?');
  const byNumber = db.prepare('SELECT * FROM tickets WHERE number = ?');
  const history = db.prepare('SELECT * FROM ticket_status_history WHERE ticket_id = ? ORDER BY seq');
  const slaById = db.prepare('SELECT * FROM ticket_sla WHERE ticket_id = ?');
  const breaches = db.prepare('SELECT * FROM sla_breaches WHERE ticket_id = ? ORDER BY breached_at');
  const bySubscriber = db.prepare('SELECT * FROM tickets WHERE subscriber_id = ? ORDER BY number DESC LIMIT ?');
  const activeBySubscriber = db.prepare('SELECT * FROM tickets WHERE subscriber_id = ? AND active = 1 ORDER BY number DESC LIMIT ?');
  const byChat = db.prepare('SELECT * FROM tickets WHERE chat_key = ? ORDER BY number DESC LIMIT ?');
  const activeByChat = db.prepare('SELECT * FROM tickets WHERE chat_key = ? AND active = 1 ORDER BY number DESC LIMIT 1');
  const insertRating = db.prepare(`INSERT INTO ticket_ratings (id, ticket_id, supervisor_id, agent_id, scores, comment, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const ratings = db.prepare('SELECT * FROM ticket_ratings WHERE ticket_id = ? ORDER BY seq');
  const countActive = db.prepare('SELECT COUNT(*) FROM tickets WHERE active = 1').pluck();
  const regions = db.prepare(`SELECT DISTINCT region FROM tickets WHERE region IS NOT NULL AND region <> ''`).pluck();

  const writeHistory = (h: StatusChange) =>
    insertHistory.run(h.ticketId, ms(h.at), h.from, h.to, h.actor.type, h.actor.id, h.note);

  const create = db.transaction((t: Omit<Ticket, 'number' | 'version'>, first: { history: StatusChange; sla: TicketSla | null }) => {
    const number = bump.get() as number;
    insert.run({
      ...t,
      number,
      active: isActiveStatus(t.status) ? 1 : 0,
      handedOff: t.handedOff ? 1 : 0,
      breached: t.breached ? 1 : 0,
      callbackDueAt: msOrNull(t.callbackDueAt),
      firstActionAt: msOrNull(t.firstActionAt),
      createdAt: ms(t.createdAt),
      updatedAt: ms(t.updatedAt),
      escalatedAt: msOrNull(t.escalatedAt),
      resolvedAt: msOrNull(t.resolvedAt),
      closedAt: msOrNull(t.closedAt),
    });
    writeHistory(first.history);
    const s = first.sla;
    if (s) insertSla.run(s.ticketId, s.callbackMinutes, s.clock, ms(s.startedAt), ms(s.dueAt), s.status, msOrNull(s.callbackAt), msOrNull(s.breachedAt));
    return toTicket(byId.get(t.id) as Row);
  });

  const change = db.transaction((id: string, expectedVersion: number, c: TicketChange): Ticket | null => {
    const sets: string[] = ['version = version + 1'];
    const values: unknown[] = [];
    for (const [field, value] of Object.entries(c.patch)) {
      const column = columns[field];
      if (!column || value === undefined) continue;
      sets.push(`${column[0]} = ?`);
      values.push(column[1](value as never));
      if (field === 'status') {
        sets.push('active = ?');
        values.push(isActiveStatus(value as Ticket['status']) ? 1 : 0);
      }
    }
    const updated = db.prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ? AND version = ?`).run(...values, id, expectedVersion);
    if (updated.changes !== 1) return null;
    if (c.history) writeHistory(c.history);
    if (c.sla) {
      const slaSets: string[] = [];
      const slaValues: unknown[] = [];
      for (const [field, value] of Object.entries(c.sla)) {
        const column = slaColumns[field];
        if (!column || value === undefined) continue;
        slaSets.push(`${column[0]} = ?`);
        slaValues.push(column[1](value as never));
      }
      if (slaSets.length) db.prepare(`UPDATE ticket_sla SET ${slaSets.join(', ')} WHERE ticket_id = ?`).run(...slaValues, id);
    }
    if (c.breach) {
      const b = c.breach;
      insertBreach.run(b.id, b.ticketId, b.kind, ms(b.dueAt), ms(b.breachedAt));
    }
    return toTicket(byId.get(id) as Row);
  });

  return {
    async create(ticket, first) {
      return create.immediate(ticket, first);
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toTicket(r) : null;
    },
    async getByNumber(number) {
      const r = byNumber.get(number) as Row | undefined;
      return r ? toTicket(r) : null;
    },
    async change(id, expectedVersion, c) {
      return change.immediate(id, expectedVersion, c);
    },
    async history(id) {
      return (history.all(id) as Row[]).map(toHistory);
    },
    async sla(id) {
      const r = slaById.get(id) as Row | undefined;
      return r ? toSla(r) : null;
    },
    async breaches(id) {
      return (breaches.all(id) as Row[]).map(toBreach);
    },
    async queue(q) {
      const { sql, params } = buildQueueSql(q);
      const rows = (db.prepare(sql).all(...params) as Row[]).map(toTicket);
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > q.limit && last ? String(last.number) : null };
    },
    async countQueue(q, cap) {
      const { sql, params } = buildQueueCountSql(q, cap);
      return db.prepare(sql).pluck().get(...params) as number;
    },
    async regions() {
      return sortRegions(regions.all() as string[]);
    },
    async listBySubscriber(subscriberId, { activeOnly, limit }) {
      const stmt = activeOnly ? activeBySubscriber : bySubscriber;
      return (stmt.all(subscriberId, limit) as Row[]).map(toTicket);
    },
    async listByChat(chatKey, limit) {
      return (byChat.all(chatKey, limit) as Row[]).map(toTicket);
    },
    async findActiveByChat(chatKey) {
      const r = activeByChat.get(chatKey) as Row | undefined;
      return r ? toTicket(r) : null;
    },
    async addRating(r) {
      insertRating.run(r.id, r.ticketId, r.supervisorId, r.agentId, JSON.stringify(r.scores), r.comment, ms(r.createdAt));
    },
    async ratings(id) {
      return (ratings.all(id) as Row[]).map(toRating);
    },
    async countActive() {
      return countActive.get() as number;
    },
  };
}

const toMessage = (r: Row): TicketMessage => ({
  id: r.id as string,
  ticketId: r.ticket_id as string,
  direction: r.direction as TicketMessage['direction'],
  sender: r.sender as TicketMessage['sender'],
  senderId: str(r.sender_id),
  private: bool(r.private as number),
  text: r.text as string,
  params: r.params === null ? null : json<Record<string, unknown>>(r.params as string),
  createdAt: date(r.created_at as number),
  delivery: r.delivery as TicketMessage['delivery'],
  externalId: str(r.external_id),
  error: str(r.error),
});

export function sqliteTicketMessages(db: Db): TicketMessageRepository {
  const insert = db.prepare(`INSERT INTO ticket_messages (id, ticket_id, direction, sender, sender_id, private, text, params, created_at,
    delivery, external_id, error) VALUES (@id, @ticketId, @direction, @sender, @senderId, @private, @text, @params, @createdAt,
    @delivery, @externalId, @error)`);
  const byId = db.prepare('SELECT * FROM ticket_messages WHERE id = ?');
  const list = db.prepare('SELECT * FROM ticket_messages WHERE ticket_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const seqOf = db.prepare('SELECT seq FROM ticket_messages WHERE id = ?').pluck();
  const setDelivery = db.prepare('UPDATE ticket_messages SET delivery = ?, external_id = ?, error = ? WHERE id = ?');
  return {
    async append(m) {
      insert.run({
        ...m,
        private: m.private ? 1 : 0,
        params: m.params ? JSON.stringify(m.params) : null,
        createdAt: ms(m.createdAt),
      });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toMessage(r) : null;
    },
    async list(ticketId, options = {}) {
      const after = options.after ? ((seqOf.get(options.after) as number | undefined) ?? 0) : 0;
      return (list.all(ticketId, after, options.limit ?? 1000) as Row[]).map(toMessage);
    },
    async setDelivery(id, d) {
      setDelivery.run(d.delivery, d.externalId, d.error ? d.error.slice(0, 500) : null, id);
      const r = byId.get(id) as Row | undefined;
      return r ? toMessage(r) : null;
    },
  };
}

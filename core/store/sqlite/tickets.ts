/** @module SQLite repositories for tickets (with status history, SLA, breaches, ratings) and their transcripts. */
import type { TicketChange, TicketMessageRepository, TicketRepository } from '../../tickets/repository.ts';
import type { SlaBreach, TicketSla } from '../../sla/model.ts';
import {
  isActiveStatus, type StatusChange, type Ticket, type TicketMessage, type TicketQuery, type TicketRating,
} from '../../tickets/model.ts';
import { queueConditions } from '../../tickets/queues.ts';
import { TICKET_COLUMNS, TICKET_PATCH_FIELDS, TICKET_SLA_COLUMNS, TICKET_SLA_PATCH_FIELDS } from '../ticket-columns.ts';
import { sortRegions } from '../text.ts';
import { codec } from './codec.ts';
import { bool, date, json, ms, preparedOnce, type Db } from './database.ts';

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

/** Tickets and their SLA rows, from the one column map both stores share. */
const tickets = codec<Ticket>('tickets', TICKET_COLUMNS);
const slas = codec<TicketSla>('ticket_sla', TICKET_SLA_COLUMNS);
const toTicket = (r: Row): Ticket => tickets.read(r);
const toSla = (r: Row): TicketSla => slas.read(r);

/** Only the fields a change may set (anything else in a patch is ignored). */
function only<T, K extends keyof T>(source: Partial<T>, fields: readonly K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) if (source[f] !== undefined) out[f] = source[f];
  return out;
}

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
  const c = queueConditions(q);
  if (c.assigneeId === null) add('assignee_id IS NULL');
  else if (c.assigneeId !== undefined) add('assignee_id = ?', c.assigneeId);
  if (c.line !== undefined) add(`line = ${Number(c.line)}`);
  if (c.breached) add('breached = 1');
  if (c.status) add('status = ?', c.status);
  if (c.active !== undefined) add('active = ?', c.active ? 1 : 0);
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
  const prepared = preparedOnce(db);
  const bump = db.prepare(`INSERT INTO counters (name, value) VALUES ('ticket', 1)
    ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`).pluck();
  // The shared columns plus `active`, which follows the status (the queue indexes read it).
  const insert = db.prepare(tickets.insert.replace(') VALUES (', ', active) VALUES (?, '));
  const insertHistory = db.prepare(`INSERT INTO ticket_status_history (ticket_id, at, from_status, to_status, actor_type, actor_id, note)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertSla = db.prepare(slas.insert);
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
    insert.run(...tickets.values({ ...t, number, version: 1 }), isActiveStatus(t.status) ? 1 : 0);
    writeHistory(first.history);
    const s = first.sla;
    if (s) insertSla.run(...slas.values(s));
    return toTicket(byId.get(t.id) as Row);
  });

  const change = db.transaction((id: string, expectedVersion: number, c: TicketChange): Ticket | null => {
    const patch = tickets.set(only(c.patch, TICKET_PATCH_FIELDS));
    const sets: string[] = ['version = version + 1', ...(patch.sql ? [patch.sql] : [])];
    const values: unknown[] = [...patch.values];
    if (c.patch.status !== undefined) {
      sets.push('active = ?');
      values.push(isActiveStatus(c.patch.status) ? 1 : 0);
    }
    const updated = prepared(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ? AND version = ?`).run(...values, id, expectedVersion);
    if (updated.changes !== 1) return null;
    if (c.history) writeHistory(c.history);
    if (c.sla) {
      const sla = slas.set(only(c.sla, TICKET_SLA_PATCH_FIELDS));
      if (sla.sql) prepared(`UPDATE ticket_sla SET ${sla.sql} WHERE ticket_id = ?`).run(...sla.values, id);
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

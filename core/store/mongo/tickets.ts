/**
 * @module MongoDB repositories for tickets (with status history, SLA, breaches, ratings) and their transcripts
 * (mirrors sqlite/tickets.ts: the same collections as its tables). Creating a ticket and changing one touch several
 * collections at once, so each is one mongoose transaction, as each is one SQLite transaction; the version check
 * inside it makes a lost race return null, and a refused breach (unique index) roll the whole change back.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import type { TicketRepository } from '../../tickets/repository.ts';
import { CALLBACK_OUTCOMES, isActiveStatus, TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES, type StatusChange, type Ticket, type TicketQuery } from '../../tickets/model.ts';
import { queueConditions } from '../../tickets/queues.ts';
import { columns, IS_SET, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { inTransaction, jsonValue } from './connection.ts';
import { nextSequence } from './counters.ts';
import { specColumns } from '../campaign-columns.ts';
import { TICKET_COLUMNS, TICKET_PATCH_FIELDS, TICKET_SLA_PATCH_FIELDS } from '../ticket-columns.ts';
import { sortRegions } from '../text.ts';
import { docCodec } from './campaign-docs.ts';
import { nullableEnum, breachesSpec, historySpec, ratingsSpec, slaSpec, toBreach, toHistory, toRating, toSla, type BreachDoc, type HistoryDoc, type RatingDoc, type SlaDoc } from './ticket-records.ts';
export { breachSchema, breachesSpec, historySchema, historySpec, ratingSchema, ratingsSpec, slaSchema, slaSpec } from './ticket-records.ts';
export { messageSchema, messagesSpec, mongoTicketMessages } from './ticket-messages.ts';

// === Tickets

/** `active` (status not resolved/closed) is kept as a field, as in SQLite, so the queue indexes can use it. */
export type TicketDoc = Omit<Ticket, 'id'> & { _id: string; active: boolean };


/** Every field of a ticket document (a field of `TicketDoc` missing here does not compile). */
const ticketFields = {
  _id: { type: String, required: true },
  number: { type: Number, required: true },
  type: { type: String, required: true, enum: TICKET_TYPES },
  channel: { type: String, required: true, enum: TICKET_CHANNELS },
  status: { type: String, required: true, enum: TICKET_STATUSES },
  active: { type: Boolean, required: true },
  line: { type: Number, required: true, enum: [1, 2] },
  handedOff: { type: Boolean, required: true, default: false },
  breached: { type: Boolean, required: true, default: false },
  subscriberId: { type: String, default: null },
  accountId: { type: String, default: null },
  chatKey: { type: String, default: null },
  phone: { type: String, default: null },
  language: { type: String, required: true, enum: ['kk', 'ru'] },
  region: { type: String, default: null },
  service: { type: String, default: null },
  symptom: { type: String, default: null },
  topic: { type: String, default: null },
  result: { type: String, default: null },
  comment: { type: String, default: null },
  assigneeId: { type: String, default: null },
  callbackDueAt: { type: Date, default: null },
  callbackOutcome: nullableEnum(CALLBACK_OUTCOMES),
  firstActionAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  escalatedAt: { type: Date, default: null },
  resolvedAt: { type: Date, default: null },
  closedAt: { type: Date, default: null },
  version: { type: Number, required: true, min: 1 },
} satisfies Record<keyof TicketDoc, unknown>;

export const ticketSchema = new Schema<TicketDoc>(ticketFields, schemaOptions);
// Every console queue is a walk down one index ending in `number`, newest first (SQLite migration 030's indexes;
// no two share a key pattern, so none depends on MongoDB telling partial variants of one pattern apart).
ticketSchema.index({ number: -1 }, { unique: true });
ticketSchema.index({ active: 1, number: -1 });
// `mine` (assigneeId = me) and `unassigned` (assigneeId = null) share one compound index.
ticketSchema.index({ assigneeId: 1, active: 1, number: -1 });
ticketSchema.index({ line: 1, active: 1, number: -1 });
ticketSchema.index({ breached: 1, active: 1, number: -1 }, { partialFilterExpression: { breached: true } });
ticketSchema.index({ status: 1, number: -1 });
ticketSchema.index({ type: 1, number: -1 });
ticketSchema.index({ channel: 1, number: -1 });
ticketSchema.index({ region: 1, number: -1 });
ticketSchema.index({ service: 1, number: -1 });
ticketSchema.index({ phone: 1, number: -1 }, { partialFilterExpression: { phone: IS_SET } });
ticketSchema.index({ createdAt: 1 });
// The monthly report walks a period by registration; the live view reads callbacks due soon (SQLite migration 080).
ticketSchema.index({ createdAt: 1, number: 1 });
ticketSchema.index({ active: 1, callbackDueAt: 1 });
ticketSchema.index({ subscriberId: 1, number: -1 }, { partialFilterExpression: { subscriberId: IS_SET } });
ticketSchema.index({ chatKey: 1, active: 1, number: -1 }, { partialFilterExpression: { chatKey: IS_SET } });
ticketSchema.index({ chatKey: 1, number: -1 }, { partialFilterExpression: { chatKey: IS_SET } });

export const ticketsSpec: CollectionSpec = {
  model: 'Ticket', collection: 'tickets', table: 'tickets', schema: ticketSchema,
  columns: { ...specColumns(TICKET_COLUMNS, 'id'), active: { field: 'active', kind: 'bool' } },
  counters: { ticket: 'number' },
};

const tickets = docCodec<Ticket>(TICKET_COLUMNS, 'id');
const toTicket = (d: TicketDoc): Ticket => tickets.fromDoc(d);

function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (source[f] !== undefined) out[f] = source[f];
  return out;
}

/** The `$set` of a ticket change: the patch's known fields, with `active` kept in step with the status. */
export function ticketPatchSet(patch: Record<string, unknown>): Record<string, unknown> {
  const set = pick(patch, TICKET_PATCH_FIELDS);
  if (typeof set.status === 'string') set.active = isActiveStatus(set.status as Ticket['status']);
  return set;
}

/**
 * The console queue as a MongoDB filter (the same conditions as sqlite/tickets.ts `buildQueueSql`): one queue
 * condition matching an index that ends in `number`, the filters, and a keyset cursor on `number`.
 * Sort `{ number: -1 }`, limit `q.limit + 1` (one more tells whether a next page exists).
 */
export function queueFilter(q: TicketQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  // The queue's own conditions (core/tickets/queues.ts), then the filters.
  Object.assign(f, queueConditions(q));
  if (q.type) f.type = q.type;
  if (q.channel) f.channel = q.channel;
  if (q.region) f.region = q.region;
  if (q.service) f.service = q.service;
  const created: Record<string, Date> = {};
  if (q.from) created.$gte = q.from;
  if (q.to) created.$lt = q.to;
  if (Object.keys(created).length) f.createdAt = created;
  if (q.phone) f.phone = q.phone;
  if (q.subscriberIds) f.subscriberId = { $in: q.subscriberIds };
  const number: Record<string, number> = {};
  if (q.number !== undefined) number.$eq = q.number;
  const cursor = q.cursor ? Number.parseInt(q.cursor, 10) : NaN;
  if (Number.isFinite(cursor)) number.$lt = cursor;
  if (Object.keys(number).length) f.number = number;
  return f;
}

/**
 * The index the `mine` queue always walks (SQLite: INDEXED BY tickets_assignee_number): the planner could pick
 * another one for an agent with few active tickets and read thousands; a number or phone search is sharper still.
 */
export function queueHint(q: TicketQuery): Record<string, 1 | -1> | null {
  return q.queue === 'mine' && q.number === undefined && !q.phone && !q.subscriberIds ? { assigneeId: 1, active: 1, number: -1 } : null;
}


/** Tickets with their history, SLA, breaches and ratings; create and change are transactions. */
export function mongoTickets(conn: Connection): TicketRepository {
  const M = modelFor<TicketDoc>(conn, ticketsSpec);
  const History = modelFor<HistoryDoc>(conn, historySpec);
  const Sla = modelFor<SlaDoc>(conn, slaSpec);
  const Breaches = modelFor<BreachDoc>(conn, breachesSpec);
  const Ratings = modelFor<RatingDoc>(conn, ratingsSpec);

  // Numbers are taken before the transaction (see nextSequence), so a retried transaction reuses them.
  const historySeq = () => nextSequence(conn, 'ticket_status_history');
  const writeHistory = async (h: StatusChange, seq: number, session: ClientSession) => {
    await History.create([{
      seq, ticketId: h.ticketId, at: h.at, fromStatus: h.from, toStatus: h.to, actorType: h.actor.type, actorId: h.actor.id, note: h.note,
    }], { session });
  };
  const byId = async (id: string, session?: ClientSession) => {
    const d = await M.findById(id, null, { session }).lean<TicketDoc>();
    return d ? toTicket(d) : null;
  };

  return {
    async create(t, first) {
      const number = await nextSequence(conn, 'ticket');
      const seq = await historySeq();
      return inTransaction(conn, async (session) => {
        const { id, ...rest } = t;
        await M.create([{ _id: id, ...rest, number, active: isActiveStatus(t.status), version: 1 }], { session });
        await writeHistory(first.history, seq, session);
        if (first.sla) {
          const { ticketId, ...sla } = first.sla;
          await Sla.create([{ _id: ticketId, ...sla }], { session });
        }
        return (await byId(id, session))!;
      });
    },
    get: (id) => byId(id),
    async getByNumber(number) {
      const d = await M.findOne({ number }).lean<TicketDoc>();
      return d ? toTicket(d) : null;
    },
    async change(id, expectedVersion, c) {
      const seq = c.history ? await historySeq() : 0;
      return inTransaction(conn, async (session) => {
        const updated = await M.updateOne(
          { _id: id, version: expectedVersion },
          { $set: ticketPatchSet(c.patch as Record<string, unknown>), $inc: { version: 1 } },
          { session, runValidators: true },
        );
        if (updated.matchedCount !== 1) return null;
        if (c.history) await writeHistory(c.history, seq, session);
        if (c.sla) {
          const set = pick(c.sla as Record<string, unknown>, TICKET_SLA_PATCH_FIELDS);
          if (Object.keys(set).length) await Sla.updateOne({ _id: id }, { $set: set }, { session });
        }
        if (c.breach) {
          const { id: breachId, ...b } = c.breach;
          await Breaches.create([{ _id: breachId, ...b }], { session });
        }
        return byId(id, session);
      });
    },
    async history(id) {
      return (await History.find({ ticketId: id }).sort({ seq: 1 }).lean<HistoryDoc[]>()).map(toHistory);
    },
    async sla(id) {
      const d = await Sla.findById(id).lean<SlaDoc>();
      return d ? toSla(d) : null;
    },
    async breaches(id) {
      return (await Breaches.find({ ticketId: id }).sort({ breachedAt: 1 }).lean<BreachDoc[]>()).map(toBreach);
    },
    async queue(q) {
      const query = M.find(queueFilter(q)).sort({ number: -1 }).limit(q.limit + 1);
      const hint = queueHint(q);
      if (hint) query.hint(hint);
      const docs = await query.lean<TicketDoc[]>();
      const rows = docs.map(toTicket);
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > q.limit && last ? String(last.number) : null };
    },
    async countQueue(q, cap) {
      const hint = queueHint(q);
      return M.countDocuments(queueFilter({ ...q, cursor: null }), { limit: cap, ...(hint ? { hint } : {}) });
    },
    async regions() {
      return sortRegions((await M.distinct('region', { region: { $nin: [null, ''] } })) as string[]);
    },
    async listBySubscriber(subscriberId, { activeOnly, limit }) {
      const filter = activeOnly ? { subscriberId, active: true } : { subscriberId };
      return (await M.find(filter).sort({ number: -1 }).limit(limit).lean<TicketDoc[]>()).map(toTicket);
    },
    async listByChat(chatKey, limit) {
      return (await M.find({ chatKey }).sort({ number: -1 }).limit(limit).lean<TicketDoc[]>()).map(toTicket);
    },
    async findActiveByChat(chatKey) {
      const d = await M.findOne({ chatKey, active: true }).sort({ number: -1 }).lean<TicketDoc>();
      return d ? toTicket(d) : null;
    },
    async addRating(r) {
      const { id, ...rest } = r;
      const seq = await nextSequence(conn, 'ticket_ratings');
      await Ratings.create({ _id: id, seq, ...rest, scores: jsonValue(r.scores) });
    },
    async ratings(id) {
      return (await Ratings.find({ ticketId: id }).sort({ seq: 1 }).lean<RatingDoc[]>()).map(toRating);
    },
    async countActive() {
      return M.countDocuments({ active: true });
    },
  };
}

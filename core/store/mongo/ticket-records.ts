/** @module MongoDB documents of a ticket's status history, SLA, breaches and ratings (the collections beside `tickets`). */
import { Schema } from 'mongoose';
import type { SlaBreach, TicketSla } from '../../sla/model.ts';
import { TICKET_STATUSES, type StatusChange, type TicketRating } from '../../tickets/model.ts';
import { columns, schemaOptions, type CollectionSpec } from './collection.ts';
import { specColumns } from '../campaign-columns.ts';
import { TICKET_SLA_COLUMNS } from '../ticket-columns.ts';
import { docCodec } from './campaign-docs.ts';

export const nullableEnum = (values: readonly string[]) => ({ type: String, enum: [...values, null], default: null });

// === History, SLA, breaches, ratings

export interface HistoryDoc {
  seq: number;
  ticketId: string;
  at: Date;
  fromStatus: StatusChange['from'];
  toStatus: StatusChange['to'];
  actorType: StatusChange['actor']['type'];
  actorId: string | null;
  note: string | null;
}

export const historySchema = new Schema<HistoryDoc>({
  seq: { type: Number, required: true },
  ticketId: { type: String, required: true },
  at: { type: Date, required: true },
  fromStatus: nullableEnum(TICKET_STATUSES),
  toStatus: { type: String, required: true, enum: TICKET_STATUSES },
  actorType: { type: String, required: true, enum: ['user', 'subscriber', 'system'] },
  actorId: { type: String, default: null },
  note: { type: String, default: null },
}, schemaOptions);
historySchema.index({ ticketId: 1, seq: 1 });
historySchema.index({ seq: 1 }, { unique: true });

export const historySpec: CollectionSpec = {
  model: 'TicketStatusChange', collection: 'ticket_status_history', table: 'ticket_status_history', schema: historySchema,
  columns: columns({
    seq: 'plain', ticket_id: 'plain', at: 'date', from_status: 'plain', to_status: 'plain', actor_type: 'plain',
    actor_id: 'plain', note: 'plain',
  }),
  counters: { ticket_status_history: 'seq' },
};

export const toHistory = (d: HistoryDoc): StatusChange => ({
  ticketId: d.ticketId,
  at: d.at,
  from: d.fromStatus ?? null,
  to: d.toStatus,
  actor: { type: d.actorType, id: d.actorId ?? null },
  note: d.note ?? null,
});

export type SlaDoc = Omit<TicketSla, 'ticketId'> & { _id: string };

const slaFields = {
  _id: { type: String, required: true },
  callbackMinutes: { type: Number, required: true },
  clock: { type: String, required: true, enum: ['working-hours', 'calendar'] },
  startedAt: { type: Date, required: true },
  dueAt: { type: Date, required: true },
  status: { type: String, required: true, enum: ['active', 'hit', 'missed', 'cancelled'] },
  callbackAt: { type: Date, default: null },
  breachedAt: { type: Date, default: null },
} satisfies Record<keyof SlaDoc, unknown>;

export const slaSchema = new Schema<SlaDoc>(slaFields, schemaOptions);

export const slaSpec: CollectionSpec = {
  model: 'TicketSla', collection: 'ticket_sla', table: 'ticket_sla', schema: slaSchema,
  columns: specColumns(TICKET_SLA_COLUMNS, 'ticketId'),
};

export const slas = docCodec<TicketSla>(TICKET_SLA_COLUMNS, 'ticketId');
export const toSla = (d: SlaDoc): TicketSla => slas.fromDoc(d);

export type BreachDoc = Omit<SlaBreach, 'id'> & { _id: string };

export const breachSchema = new Schema<BreachDoc>({
  _id: { type: String, required: true },
  ticketId: { type: String, required: true },
  kind: { type: String, required: true, enum: ['callback'] },
  dueAt: { type: Date, required: true },
  breachedAt: { type: Date, required: true },
}, schemaOptions);
// A ticket misses each deadline at most once.
breachSchema.index({ ticketId: 1, kind: 1 }, { unique: true });
breachSchema.index({ ticketId: 1, breachedAt: 1 });

export const breachesSpec: CollectionSpec = {
  model: 'SlaBreach', collection: 'sla_breaches', table: 'sla_breaches', schema: breachSchema,
  columns: columns({ id: 'key', ticket_id: 'plain', kind: 'plain', due_at: 'date', breached_at: 'date' }),
};

export const toBreach = ({ _id, ...d }: BreachDoc): SlaBreach => ({ id: _id, ticketId: d.ticketId, kind: d.kind, dueAt: d.dueAt, breachedAt: d.breachedAt });

export type RatingDoc = Omit<TicketRating, 'id'> & { _id: string; seq: number };

export const ratingSchema = new Schema<RatingDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  ticketId: { type: String, required: true },
  supervisorId: { type: String, required: true },
  agentId: { type: String, default: null },
  scores: { type: Schema.Types.Mixed, required: true },
  comment: { type: String, default: null },
  createdAt: { type: Date, required: true },
}, schemaOptions);
ratingSchema.index({ ticketId: 1, seq: 1 });
ratingSchema.index({ seq: 1 }, { unique: true });

export const ratingsSpec: CollectionSpec = {
  model: 'TicketRating', collection: 'ticket_ratings', table: 'ticket_ratings', schema: ratingSchema,
  columns: columns({
    seq: 'plain', id: 'key', ticket_id: 'plain', supervisor_id: 'plain', agent_id: 'plain', scores: 'json', comment: 'plain',
    created_at: 'date',
  }),
  counters: { ticket_ratings: 'seq' },
};

export const toRating = ({ _id, seq: _s, ...d }: RatingDoc): TicketRating => ({
  id: _id,
  ticketId: d.ticketId,
  supervisorId: d.supervisorId,
  agentId: d.agentId ?? null,
  scores: d.scores,
  comment: d.comment ?? null,
  createdAt: d.createdAt,
});

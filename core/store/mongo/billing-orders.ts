/**
 * @module MongoDB documents of plan-change and refusal orders (the body kept whole, as SQLite keeps it as JSON): their
 * schemas, collection specs, the due-orders filter and how a stored order is read back. Used by billing.ts.
 */
import { Schema } from 'mongoose';
import type { PlanChangeOrder, RefusalOrder } from '../../billing/model.ts';
import { columns, IS_SET, schemaOptions, type CollectionSpec } from './collection.ts';

export interface OrderDoc<T> { _id: string; accountId: string; applicationId?: string; orderedAt: Date; appliedAt: Date | null; data: T }
export type PlanChangeDoc = OrderDoc<PlanChangeOrder> & { effectiveDate: string };
export type RefusalDoc = OrderDoc<RefusalOrder> & { terminationDate: string };

const orderFields = {
  _id: { type: String, required: true },
  accountId: { type: String, required: true },
  /** The signed application the order rests on: one order per application (unique where set). */
  applicationId: { type: String },
  orderedAt: { type: Date, required: true },
  appliedAt: { type: Date, default: null },
  data: { type: Schema.Types.Mixed, required: true },
};
const isoDate = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ };

export const planChangeSchema = new Schema<PlanChangeDoc>({ ...orderFields, effectiveDate: isoDate }, schemaOptions);
planChangeSchema.index({ accountId: 1, orderedAt: -1, _id: -1 });
// Due orders: not applied (appliedAt = null) and effective by a date, in date order.
planChangeSchema.index({ appliedAt: 1, effectiveDate: 1, orderedAt: 1 });
planChangeSchema.index({ applicationId: 1 }, { unique: true, partialFilterExpression: { applicationId: IS_SET } });

export const planChangesSpec: CollectionSpec = {
  model: 'PlanChange', collection: 'plan_changes', table: 'plan_changes', schema: planChangeSchema,
  columns: columns({ id: 'key', account_id: 'plain', effective_date: 'plain', ordered_at: 'date', applied_at: 'date', data: 'json', application_id: 'plain' }),
};

export const refusalSchema = new Schema<RefusalDoc>({ ...orderFields, terminationDate: isoDate }, schemaOptions);
refusalSchema.index({ accountId: 1, orderedAt: -1, _id: -1 });
refusalSchema.index({ appliedAt: 1, terminationDate: 1, orderedAt: 1 });
refusalSchema.index({ applicationId: 1 }, { unique: true, partialFilterExpression: { applicationId: IS_SET } });

export const refusalsSpec: CollectionSpec = {
  model: 'Refusal', collection: 'refusals', table: 'refusals', schema: refusalSchema,
  columns: columns({ id: 'key', account_id: 'plain', termination_date: 'plain', ordered_at: 'date', applied_at: 'date', data: 'json', application_id: 'plain' }),
};

/** The order as stored whole, with its two times taken from their own fields (SQLite revives them the same way). */
export const toOrder = <T extends { orderedAt: Date; appliedAt: Date | null }>(d: OrderDoc<T>): T =>
  ({ ...d.data, orderedAt: d.orderedAt, appliedAt: d.appliedAt ?? null });

/** The filter of due orders: not yet applied and effective on or before `date`. */
export function dueOrdersFilter(dateField: 'effectiveDate' | 'terminationDate', date: string): Record<string, unknown> {
  return { appliedAt: null, [dateField]: { $lte: date } };
}

/**
 * @module MongoDB repository for the billing ledger (mirrors sqlite/billing.ts; orders' documents in billing-orders.ts,
 * the outage registry in outages.ts). Ledger entries are registered once per external id by a unique index; "mark once" stamps are conditional updates.
 */
import { Schema, type Connection } from 'mongoose';
import type { BillingRepository } from '../../billing/repository.ts';
import type {
  Equipment, Invoice, LedgerPayment, Plan, Restoration,
} from '../../billing/model.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { insertUnlessDuplicate, jsonValue, upsertWithRetry } from './connection.ts';
import { dueOrdersFilter, planChangesSpec, refusalsSpec, toOrder, type PlanChangeDoc, type RefusalDoc } from './billing-orders.ts';

export { dueOrdersFilter, planChangeSchema, planChangesSpec, refusalSchema, refusalsSpec } from './billing-orders.ts';
export { activeOutagesFilter, mongoOutages, outageSchema, outagesSpec } from './outages.ts';

const money = { type: Number, required: true, validate: { validator: Number.isInteger, message: 'money is a whole number of tiyn' } };

// === Plans (kept whole, as SQLite keeps them as JSON)

interface PlanDoc { _id: string; sort: number; data: Plan }

export const planSchema = new Schema<PlanDoc>({
  _id: { type: String, required: true },
  sort: { type: Number, required: true },
  data: { type: Schema.Types.Mixed, required: true },
}, schemaOptions);
planSchema.index({ sort: 1, _id: 1 });

export const plansSpec: CollectionSpec = {
  model: 'Plan', collection: 'plans', table: 'plans', schema: planSchema,
  columns: columns({ id: 'key', sort: 'plain', data: 'json' }),
};

// === Invoices

type InvoiceDoc = Omit<Invoice, 'id'> & { _id: string };

export const invoiceSchema = new Schema<InvoiceDoc>({
  _id: { type: String, required: true },
  accountId: { type: String, required: true },
  kind: { type: String, required: true, enum: ['monthly', 'fee', 'collection'] },
  period: { type: String, required: true },
  issuedAt: { type: Date, required: true },
  dueDate: { type: String, required: true },
  amountTiyn: money,
  lines: { type: Schema.Types.Mixed, required: true },
}, schemaOptions);
invoiceSchema.index({ accountId: 1, issuedAt: 1, _id: 1 });

export const invoicesSpec: CollectionSpec = {
  model: 'Invoice', collection: 'invoices', table: 'invoices', schema: invoiceSchema,
  columns: columns({
    id: 'key', account_id: 'plain', kind: 'plain', period: 'plain', issued_at: 'date', due_date: 'plain', amount_tiyn: 'plain',
    lines: 'json',
  }),
};

const toInvoice = ({ _id, ...d }: InvoiceDoc): Invoice => ({
  id: _id, accountId: d.accountId, kind: d.kind, period: d.period, issuedAt: d.issuedAt, dueDate: d.dueDate,
  amountTiyn: d.amountTiyn, lines: d.lines,
});

// === Ledger payments

type LedgerPaymentDoc = Omit<LedgerPayment, 'id'> & { _id: string };

export const ledgerPaymentSchema = new Schema<LedgerPaymentDoc>({
  _id: { type: String, required: true },
  externalId: { type: String, required: true },
  accountId: { type: String, required: true },
  kind: { type: String, required: true, enum: ['payment', 'adjustment', 'transfer_out'] },
  amountTiyn: money,
  paidAt: { type: Date, required: true },
  registeredAt: { type: Date, required: true },
}, schemaOptions);
// A gateway payment (or an adjustment's deterministic id) is registered once, whichever instance gets it.
ledgerPaymentSchema.index({ externalId: 1 }, { unique: true });
ledgerPaymentSchema.index({ accountId: 1, paidAt: 1, registeredAt: 1, _id: 1 });

export const ledgerPaymentsSpec: CollectionSpec = {
  model: 'LedgerPayment', collection: 'ledger_payments', table: 'ledger_payments', schema: ledgerPaymentSchema,
  columns: columns({
    id: 'key', external_id: 'plain', account_id: 'plain', kind: 'plain', amount_tiyn: 'plain', paid_at: 'date',
    registered_at: 'date',
  }),
};

const toLedgerPayment = ({ _id, ...d }: LedgerPaymentDoc): LedgerPayment => ({
  id: _id, externalId: d.externalId, accountId: d.accountId, kind: d.kind, amountTiyn: d.amountTiyn, paidAt: d.paidAt,
  registeredAt: d.registeredAt,
});

// === Equipment and traffic

type EquipmentDoc = Omit<Equipment, 'id'> & { _id: string };

export const equipmentSchema = new Schema<EquipmentDoc>({
  _id: { type: String, required: true },
  accountId: { type: String, required: true },
  type: { type: String, required: true },
  model: { type: String, required: true },
  serial: { type: String, required: true },
  costTiyn: money,
  returnedAt: { type: Date, default: null },
}, schemaOptions);
equipmentSchema.index({ accountId: 1, _id: 1 });

export const equipmentSpec: CollectionSpec = {
  model: 'Equipment', collection: 'equipment', table: 'equipment', schema: equipmentSchema,
  columns: columns({ id: 'key', account_id: 'plain', type: 'plain', model: 'plain', serial: 'plain', cost_tiyn: 'plain', returned_at: 'date' }),
};

const toEquipment = ({ _id, ...d }: EquipmentDoc): Equipment => ({
  id: _id, accountId: d.accountId, type: d.type, model: d.model, serial: d.serial, costTiyn: d.costTiyn, returnedAt: d.returnedAt ?? null,
});

interface TrafficDoc { accountId: string; month: string; incomingMb: number }

export const trafficSchema = new Schema<TrafficDoc>({
  accountId: { type: String, required: true },
  month: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
  incomingMb: { type: Number, required: true },
}, schemaOptions);
trafficSchema.index({ accountId: 1, month: 1 }, { unique: true });

export const trafficSpec: CollectionSpec = {
  model: 'Traffic', collection: 'traffic', table: 'traffic', schema: trafficSchema,
  columns: columns({ account_id: 'plain', month: 'plain', incoming_mb: 'plain' }),
};

// === Restorations

type RestorationDoc = Omit<Restoration, 'id'> & { _id: string };

export const restorationSchema = new Schema<RestorationDoc>({
  _id: { type: String, required: true },
  accountId: { type: String, required: true },
  paymentExternalId: { type: String, required: true },
  paidInFullAt: { type: Date, required: true },
  restoreBy: { type: Date, required: true },
  latestBy: { type: Date, required: true },
  restoredAt: { type: Date, default: null },
  flaggedAt: { type: Date, default: null },
  breachedAt: { type: Date, default: null },
}, schemaOptions);
// Open restorations (restoredAt = null) in payment order, overall and per account.
restorationSchema.index({ restoredAt: 1, paidInFullAt: 1, _id: 1 });
restorationSchema.index({ accountId: 1, restoredAt: 1, paidInFullAt: 1 });

export const restorationsSpec: CollectionSpec = {
  model: 'Restoration', collection: 'restorations', table: 'restorations', schema: restorationSchema,
  columns: columns({
    id: 'key', account_id: 'plain', payment_external_id: 'plain', paid_in_full_at: 'date', restore_by: 'date',
    latest_by: 'date', restored_at: 'date', flagged_at: 'date', breached_at: 'date',
  }),
};

const toRestoration = ({ _id, ...d }: RestorationDoc): Restoration => ({
  id: _id, accountId: d.accountId, paymentExternalId: d.paymentExternalId, paidInFullAt: d.paidInFullAt, restoreBy: d.restoreBy,
  latestBy: d.latestBy, restoredAt: d.restoredAt ?? null, flaggedAt: d.flaggedAt ?? null, breachedAt: d.breachedAt ?? null,
});

// === Plan-change and refusal orders: in billing-orders.ts

/** The billing ledger over plans, invoices, ledger_payments, equipment, traffic, restorations, plan_changes, refusals. */
export function mongoBilling(conn: Connection): BillingRepository {
  const Plans = modelFor<PlanDoc>(conn, plansSpec);
  const Invoices = modelFor<InvoiceDoc>(conn, invoicesSpec);
  const Payments = modelFor<LedgerPaymentDoc>(conn, ledgerPaymentsSpec);
  const Equip = modelFor<EquipmentDoc>(conn, equipmentSpec);
  const Traffic = modelFor<TrafficDoc>(conn, trafficSpec);
  const Restorations = modelFor<RestorationDoc>(conn, restorationsSpec);
  const PlanChanges = modelFor<PlanChangeDoc>(conn, planChangesSpec);
  const Refusals = modelFor<RefusalDoc>(conn, refusalsSpec);

  return {
    async upsertPlan(plan) {
      await upsertWithRetry(() => Plans.updateOne({ _id: plan.id }, { $set: { sort: plan.sort, data: jsonValue(plan) } }, { upsert: true }));
    },
    async listPlans() {
      return (await Plans.find().sort({ sort: 1, _id: 1 }).lean<PlanDoc[]>()).map((d) => d.data);
    },
    async addInvoice(i) {
      const { id, ...rest } = i;
      return insertUnlessDuplicate(() => Invoices.create({ _id: id, ...rest, lines: jsonValue(i.lines) }));
    },
    async listInvoices(accountId) {
      return (await Invoices.find({ accountId }).sort({ issuedAt: 1, _id: 1 }).lean<InvoiceDoc[]>()).map(toInvoice);
    },
    async addPayment(p) {
      const { id, ...rest } = p;
      // INSERT OR IGNORE: the unique externalId (or id) makes a repeat a no-op; the stored entry is returned either way.
      const created = await insertUnlessDuplicate(() => Payments.create({ _id: id, ...rest }));
      const stored = await Payments.findOne({ externalId: p.externalId }).lean<LedgerPaymentDoc>();
      return { created, payment: toLedgerPayment(stored!) };
    },
    async listPayments(accountId) {
      return (await Payments.find({ accountId }).sort({ paidAt: 1, registeredAt: 1, _id: 1 }).lean<LedgerPaymentDoc[]>()).map(toLedgerPayment);
    },
    async addEquipment(e) {
      const { id, ...rest } = e;
      await Equip.create({ _id: id, ...rest });
    },
    async listEquipment(accountId) {
      return (await Equip.find({ accountId }).sort({ _id: 1 }).lean<EquipmentDoc[]>()).map(toEquipment);
    },
    async setTraffic(accountId, month, incomingMb) {
      await upsertWithRetry(() => Traffic.updateOne({ accountId, month }, { $set: { incomingMb } }, { upsert: true, runValidators: true }));
    },
    async getTraffic(accountId, month) {
      return (await Traffic.findOne({ accountId, month }).lean<TrafficDoc>())?.incomingMb ?? 0;
    },
    async addRestoration(r) {
      const { id, ...rest } = r;
      return insertUnlessDuplicate(() => Restorations.create({ _id: id, ...rest }));
    },
    async getRestoration(id) {
      const d = await Restorations.findById(id).lean<RestorationDoc>();
      return d ? toRestoration(d) : null;
    },
    async listOpenRestorations(accountId) {
      const filter = accountId ? { accountId, restoredAt: null } : { restoredAt: null };
      return (await Restorations.find(filter).sort({ paidInFullAt: 1, _id: 1 }).lean<RestorationDoc[]>()).map(toRestoration);
    },
    async markRestoration(id, field, at) {
      const r = await Restorations.updateOne({ _id: id, [field]: null }, { $set: { [field]: at } });
      return r.matchedCount === 1;
    },
    async addPlanChange(o) {
      const created = await insertUnlessDuplicate(() => PlanChanges.create({
        _id: o.id, accountId: o.accountId, applicationId: o.applicationId, effectiveDate: o.effectiveDate, orderedAt: o.orderedAt,
        appliedAt: o.appliedAt, data: jsonValue(o),
      }));
      const stored = await PlanChanges.findOne({ applicationId: o.applicationId }).lean<PlanChangeDoc>() ?? await PlanChanges.findById(o.id).lean<PlanChangeDoc>();
      return { created, order: toOrder(stored!) };
    },
    async listPlanChanges(accountId) {
      return (await PlanChanges.find({ accountId }).sort({ orderedAt: -1, _id: -1 }).lean<PlanChangeDoc[]>()).map(toOrder);
    },
    async listDuePlanChanges(date, limit) {
      const docs = await PlanChanges.find(dueOrdersFilter('effectiveDate', date)).sort({ effectiveDate: 1, orderedAt: 1 }).limit(limit).lean<PlanChangeDoc[]>();
      return docs.map(toOrder);
    },
    async markPlanChangeApplied(id, at) {
      return (await PlanChanges.updateOne({ _id: id, appliedAt: null }, { $set: { appliedAt: at } })).matchedCount === 1;
    },
    async addRefusal(o) {
      const created = await insertUnlessDuplicate(() => Refusals.create({
        _id: o.id, accountId: o.accountId, applicationId: o.applicationId, terminationDate: o.terminationDate, orderedAt: o.orderedAt,
        appliedAt: o.appliedAt, data: jsonValue(o),
      }));
      const stored = await Refusals.findOne({ applicationId: o.applicationId }).lean<RefusalDoc>() ?? await Refusals.findById(o.id).lean<RefusalDoc>();
      return { created, order: toOrder(stored!) };
    },
    async listRefusals(accountId) {
      return (await Refusals.find({ accountId }).sort({ orderedAt: -1, _id: -1 }).lean<RefusalDoc[]>()).map(toOrder);
    },
    async listDueRefusals(date, limit) {
      const docs = await Refusals.find(dueOrdersFilter('terminationDate', date)).sort({ terminationDate: 1, orderedAt: 1 }).limit(limit).lean<RefusalDoc[]>();
      return docs.map(toOrder);
    },
    async markRefusalApplied(id, at) {
      return (await Refusals.updateOne({ _id: id, appliedAt: null }, { $set: { appliedAt: at } })).matchedCount === 1;
    },
  };
}

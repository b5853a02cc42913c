/**
 * @module MongoDB repository for payment links and their settlement (mirrors sqlite/payments.ts). Every status
 * change is one conditional single-document update, so a repeated or racing callback settles a payment once.
 */
import { Schema, type Connection } from 'mongoose';
import type { PaymentRepository } from '../../payments/repository.ts';
import type { Payment, SettleOutcome } from '../../payments/model.ts';
import { columns, IS_SET, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { isDuplicateKey } from './connection.ts';

export type PaymentDoc = Omit<Payment, 'id'> & { _id: string; notifiedAt?: Date | null };

export const paymentSchema = new Schema<PaymentDoc>({
  _id: { type: String, required: true },
  provider: { type: String, required: true, enum: ['test', 'freedompay'] },
  accountId: { type: String, required: true },
  accountNumber: { type: String, required: true },
  subscriberId: { type: String, default: null },
  chatKey: { type: String, default: null },
  language: { type: String, required: true, enum: ['kk', 'ru'] },
  amountTiyn: {
    type: Number, required: true, min: 1,
    validate: { validator: Number.isInteger, message: 'amountTiyn must be a whole number of tiyn' },
  },
  currency: { type: String, required: true, enum: ['KZT'] },
  description: { type: String, required: true },
  status: { type: String, required: true, enum: ['created', 'paid', 'declined', 'failed'] },
  gatewayPaymentId: { type: String, default: null },
  url: { type: String, default: null },
  failureReason: { type: String, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  paidAt: { type: Date, default: null },
  registeredAt: { type: Date, default: null },
  /** When the subscriber was told (receipt or decline notice sent); null while the notice of its outcome is owed. */
  notifiedAt: { type: Date, default: null },
}, schemaOptions);
// One gateway payment settles one order: its id is unique per provider once set.
paymentSchema.index({ provider: 1, gatewayPaymentId: 1 }, { unique: true, partialFilterExpression: { gatewayPaymentId: IS_SET } });
paymentSchema.index({ accountId: 1, createdAt: -1, _id: -1 });
paymentSchema.index({ status: 1, registeredAt: 1, paidAt: 1, _id: 1 });
paymentSchema.index({ notifiedAt: 1, registeredAt: 1, _id: 1 });
paymentSchema.index({ status: 1, notifiedAt: 1, updatedAt: 1, _id: 1 });

export const paymentsSpec: CollectionSpec = {
  model: 'Payment', collection: 'payments', table: 'payments', schema: paymentSchema,
  columns: columns({
    id: 'key', provider: 'plain', account_id: 'plain', account_number: 'plain', subscriber_id: 'plain', chat_key: 'plain',
    language: 'plain', amount_tiyn: 'plain', currency: 'plain', description: 'plain', status: 'plain',
    gateway_payment_id: 'plain', url: 'plain', failure_reason: 'plain', created_at: 'date', updated_at: 'date',
    paid_at: 'date', registered_at: 'date', notified_at: 'date',
  }),
};

const toPayment = ({ _id, ...d }: PaymentDoc): Payment => ({
  id: _id,
  provider: d.provider,
  accountId: d.accountId,
  accountNumber: d.accountNumber,
  subscriberId: d.subscriberId ?? null,
  chatKey: d.chatKey ?? null,
  language: d.language,
  amountTiyn: d.amountTiyn,
  currency: d.currency,
  description: d.description,
  status: d.status,
  gatewayPaymentId: d.gatewayPaymentId ?? null,
  url: d.url ?? null,
  failureReason: d.failureReason ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  paidAt: d.paidAt ?? null,
  registeredAt: d.registeredAt ?? null,
});

/**
 * The filter of a settlement: `created` → paid/declined, or `declined` → paid (a late success); and only for the
 * gateway id the payment carries, or binds now.
 */
export function settleFilter(id: string, outcome: SettleOutcome): Record<string, unknown> {
  const from = outcome.status === 'paid' ? ['created', 'declined'] : ['created'];
  return {
    _id: id,
    status: { $in: from },
    $or: [{ gatewayPaymentId: null }, { gatewayPaymentId: outcome.gatewayPaymentId }],
  };
}

/** The update of a settlement; paidAt is stamped only when paid. */
export function settleUpdate(outcome: SettleOutcome): Record<string, unknown> {
  return {
    $set: {
      status: outcome.status,
      gatewayPaymentId: outcome.gatewayPaymentId,
      failureReason: outcome.failureReason,
      updatedAt: outcome.at,
      // Paid after a decline was told: the receipt is owed now.
      ...(outcome.status === 'paid' ? { paidAt: outcome.at, notifiedAt: null } : {}),
    },
  };
}

/** Payment links over `payments`, settled by conditional updates. */
export function mongoPayments(conn: Connection): PaymentRepository {
  const M = modelFor<PaymentDoc>(conn, paymentsSpec);
  const byId = async (id: string) => {
    const d = await M.findById(id).lean<PaymentDoc>();
    return d ? toPayment(d) : null;
  };
  return {
    async create(p) {
      const { id, ...rest } = p;
      await M.create({ _id: id, ...rest });
    },
    get: byId,
    async findByGatewayId(provider, gatewayPaymentId) {
      const d = await M.findOne({ provider, gatewayPaymentId }).lean<PaymentDoc>();
      return d ? toPayment(d) : null;
    },
    async attachGateway(id, gatewayPaymentId, url, at) {
      await M.updateOne({ _id: id, status: 'created' }, { $set: { gatewayPaymentId, url, updatedAt: at } });
    },
    async markFailed(id, reason, at) {
      const r = await M.updateOne({ _id: id, status: 'created' }, { $set: { status: 'failed', failureReason: reason, updatedAt: at } });
      return r.matchedCount === 1;
    },
    async settle(id, outcome) {
      let changed = false;
      try {
        changed = (await M.updateOne(settleFilter(id, outcome), settleUpdate(outcome))).matchedCount === 1;
      } catch (err) {
        // Another payment already carries this gateway id: one gateway payment never pays two orders.
        if (!isDuplicateKey(err)) throw err;
      }
      const payment = await byId(id);
      return payment ? { payment, changed } : null;
    },
    async markRegistered(id, at) {
      const r = await M.updateOne({ _id: id, status: 'paid', registeredAt: null }, { $set: { registeredAt: at, updatedAt: at } });
      return r.matchedCount === 1;
    },
    async listUnregistered(limit) {
      const docs = await M.find({ status: 'paid', registeredAt: null }).sort({ paidAt: 1, _id: 1 }).limit(limit).lean<PaymentDoc[]>();
      return docs.map(toPayment);
    },
    async markNotified(id, at) {
      const r = await M.updateOne({ _id: id, notifiedAt: null, $or: [{ registeredAt: { $ne: null } }, { status: 'declined' }] }, { $set: { notifiedAt: at } });
      return r.matchedCount === 1;
    },
    async listDeclinedUnnotified(after, before, limit) {
      // `$exists`: as for receipts, documents stored before the field existed were told then.
      const docs = await M.find({ status: 'declined', notifiedAt: { $exists: true, $eq: null }, updatedAt: { $gte: after, $lte: before } })
        .sort({ updatedAt: 1, _id: 1 }).limit(limit).lean<PaymentDoc[]>();
      return docs.map(toPayment);
    },
    async listUnnotified(registeredBefore, limit) {
      // `$exists`: documents stored before the field existed were told when they were registered.
      const docs = await M.find({ notifiedAt: { $exists: true, $eq: null }, registeredAt: { $ne: null, $lte: registeredBefore } })
        .sort({ registeredAt: 1, _id: 1 }).limit(limit).lean<PaymentDoc[]>();
      return docs.map(toPayment);
    },
    async listByAccount(accountId, limit) {
      return (await M.find({ accountId }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<PaymentDoc[]>()).map(toPayment);
    },
  };
}

/** @module MongoDB repository for instalment agreements (mirrors sqlite/instalments.ts). */
import { Schema, type Connection } from 'mongoose';
import type { InstalmentAgreement } from '../../instalments/model.ts';
import type { InstalmentRepository } from '../../instalments/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';

type AgreementDoc = Omit<InstalmentAgreement, 'id'> & { _id: string };

export const instalmentSchema = new Schema<AgreementDoc>({
  _id: { type: String, required: true },
  accountId: { type: String, required: true },
  subscriberId: { type: String, required: true },
  applicationId: { type: String, required: true },
  status: { type: String, required: true, enum: ['requested', 'active', 'broken', 'paid'] },
  requestedAt: { type: Date, required: true },
  debtTiyn: { type: Number, required: true },
  parts: { type: [{ _id: false, dueDate: { type: String, required: true }, amountTiyn: { type: Number, required: true } }], default: [] },
  concludedAt: { type: Date, default: null },
  concludedBy: { type: String, default: null },
  endedAt: { type: Date, default: null },
}, schemaOptions);
instalmentSchema.index({ accountId: 1, requestedAt: -1 });

export const instalmentsSpec: CollectionSpec = {
  model: 'InstalmentAgreement', collection: 'instalment_agreements', table: 'instalment_agreements', schema: instalmentSchema,
  columns: columns({
    id: 'key', account_id: 'plain', subscriber_id: 'plain', application_id: 'plain', status: 'plain', requested_at: 'date',
    debt_tiyn: 'plain', parts: 'json', concluded_at: 'date', concluded_by: 'plain', ended_at: 'date',
  }),
};

const toAgreement = ({ _id, ...rest }: AgreementDoc): InstalmentAgreement => ({
  id: _id, ...rest, parts: rest.parts.map((p) => ({ dueDate: p.dueDate, amountTiyn: p.amountTiyn })),
});

export function mongoInstalments(conn: Connection): InstalmentRepository {
  const M = modelFor<AgreementDoc>(conn, instalmentsSpec);
  return {
    async add({ id, ...rest }) {
      await M.create({ _id: id, ...rest });
    },
    async get(id) {
      const d = await M.findById(id).lean<AgreementDoc>();
      return d ? toAgreement(d) : null;
    },
    async listByAccount(accountId) {
      return (await M.find({ accountId }).sort({ requestedAt: -1, _id: -1 }).lean<AgreementDoc[]>()).map(toAgreement);
    },
    async conclude(id, terms) {
      const r = await M.updateOne({ _id: id, status: 'requested' }, {
        $set: { status: 'active', parts: terms.parts, debtTiyn: terms.debtTiyn, concludedBy: terms.by, concludedAt: terms.at },
      });
      return r.matchedCount === 1;
    },
    async end(id, status, at) {
      return (await M.updateOne({ _id: id, status: 'active' }, { $set: { status, endedAt: at } })).matchedCount === 1;
    },
  };
}

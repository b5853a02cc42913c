/**
 * @module MongoDB repository for the outage registry (mirrors the outage part of sqlite/billing.ts).
 */
import { Schema, type Connection } from 'mongoose';
import type { OutageRepository } from '../../billing/repository.ts';
import type { Outage } from '../../billing/model.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';

type OutageDoc = Omit<Outage, 'id'> & { _id: string };

export const outageSchema = new Schema<OutageDoc>({
  _id: { type: String, required: true },
  kind: { type: String, required: true, enum: ['planned', 'accident'] },
  region: { type: String, required: true },
  addressPrefix: { type: String, default: null },
  services: { type: [String], required: true },
  startsAt: { type: Date, required: true },
  endsAt: { type: Date, default: null },
  notifiedAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
}, schemaOptions);
outageSchema.index({ region: 1, startsAt: 1 });
outageSchema.index({ createdAt: -1, _id: -1 });

export const outagesSpec: CollectionSpec = {
  model: 'Outage', collection: 'outages', table: 'outages', schema: outageSchema,
  columns: columns({
    id: 'key', kind: 'plain', region: 'plain', address_prefix: 'plain', services: 'json', starts_at: 'date', ends_at: 'date',
    notified_at: 'date', created_at: 'date',
  }),
};

const toOutage = ({ _id, ...d }: OutageDoc): Outage => ({
  id: _id, kind: d.kind, region: d.region, addressPrefix: d.addressPrefix ?? null, services: [...d.services], startsAt: d.startsAt,
  endsAt: d.endsAt ?? null, notifiedAt: d.notifiedAt ?? null, createdAt: d.createdAt,
});

/** Outages of the region going on at `at`: started, and not ended (an unknown end counts as ongoing). */
export function activeOutagesFilter(region: string, at: Date): Record<string, unknown> {
  return { region, startsAt: { $lte: at }, $or: [{ endsAt: null }, { endsAt: { $gt: at } }] };
}

/** The outage registry over `outages`. */
export function mongoOutages(conn: Connection): OutageRepository {
  const M = modelFor<OutageDoc>(conn, outagesSpec);
  return {
    async add(o) {
      const { id, ...rest } = o;
      await M.create({ _id: id, ...rest });
    },
    async listActive(region, at) {
      return (await M.find(activeOutagesFilter(region, at)).sort({ startsAt: 1, _id: 1 }).lean<OutageDoc[]>()).map(toOutage);
    },
    async list(limit) {
      return (await M.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean<OutageDoc[]>()).map(toOutage);
    },
    async setEnd(id, endsAt) {
      await M.updateOne({ _id: id }, { $set: { endsAt } });
    },
  };
}

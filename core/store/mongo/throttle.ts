/**
 * @module MongoDB repository for throttle hits (mirrors sqlite/throttle.ts). A TTL index removes expired hits on its
 * own; `purge` does the same on demand.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import type { ThrottleHit } from '../../throttle/model.ts';
import type { ThrottleRepository } from '../../throttle/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';

export type ThrottleDoc = ThrottleHit & { _id: string };

export const throttleSchema = new Schema<ThrottleDoc>({
  _id: { type: String, required: true },
  scope: { type: String, required: true },
  key: { type: String, required: true },
  value: { type: String, default: null },
  at: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
}, schemaOptions);
throttleSchema.index({ scope: 1, key: 1, at: 1 });
throttleSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const throttleSpec: CollectionSpec = {
  model: 'ThrottleHit', collection: 'throttle_hits', table: 'throttle_hits', schema: throttleSchema,
  columns: columns({ id: 'key', scope: 'plain', key: 'plain', value: 'plain', at: 'date', expires_at: 'date' }),
};

export function mongoThrottle(conn: Connection): ThrottleRepository {
  const M = modelFor<ThrottleDoc>(conn, throttleSpec);
  return {
    async hit(h) {
      await M.create({ _id: randomUUID(), ...h });
    },
    async times(scope, key, since) {
      const docs = await M.find({ scope, key, at: { $gte: since } }, { at: 1 }).sort({ at: 1, _id: 1 }).lean<Array<Pick<ThrottleDoc, 'at'>>>();
      return docs.map((d) => d.at);
    },
    async distinctValues(scope, key, since) {
      const values = (await M.distinct('value', { scope, key, at: { $gte: since }, value: { $ne: null } })) as string[];
      return values.sort();
    },
    async clear(scope, key) {
      await M.deleteMany({ scope, key });
    },
    async purge(now, limit) {
      const ids = (await M.find({ expiresAt: { $lt: now } }, { _id: 1 }).limit(limit).lean<Array<{ _id: string }>>()).map((d) => d._id);
      if (ids.length === 0) return 0;
      return (await M.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
  };
}

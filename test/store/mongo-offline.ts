/**
 * @module Helpers for the MongoDB tests that need no server: a connection that never connects (models compile and
 * validate offline), and filters evaluated on documents by the matcher mongoose itself ships (sift, see
 * fake-mongod-values.ts), after mongoose has cast them against the schema.
 */
import mongoose, { type Connection, type Model } from 'mongoose';
import { matcher } from './fake-mongod-values.ts';
import type { CollectionSpec } from '../../core/store/mongo/collection.ts';
import { modelFor } from '../../core/store/mongo/collection.ts';

/** A connection that is never opened; nothing is created or indexed on it. */
export function offlineConnection(): Connection {
  const conn = mongoose.createConnection();
  conn.set('autoCreate', false);
  conn.set('autoIndex', false);
  return conn;
}

/** The documents of `docs` that a MongoDB filter selects, after mongoose casts the filter against the model's schema. */
export function select<T extends object>(model: Model<any>, filter: Record<string, unknown>, docs: T[]): T[] {
  const query = model.find(filter);
  query.cast(model);
  const test = matcher(query.getFilter());
  return docs.filter((d) => test(d as Record<string, unknown>));
}

export const offlineModel = <T>(conn: Connection, spec: CollectionSpec): Model<T> => modelFor<T>(conn, spec);

/**
 * @module Helpers for the MongoDB tests that need no server: a connection that never connects (models compile and
 * validate offline), and the matcher mongoose itself ships (sift, used by its populate `match`) to evaluate our
 * filters against documents the way MongoDB does. sift is resolved through mongoose, so no new dependency.
 */
import { createRequire } from 'node:module';
import mongoose, { type Connection, type Model } from 'mongoose';
import type { CollectionSpec } from '../../core/store/mongo/collection.ts';
import { modelFor } from '../../core/store/mongo/collection.ts';

/** A connection that is never opened; nothing is created or indexed on it. */
export function offlineConnection(): Connection {
  const conn = mongoose.createConnection();
  conn.set('autoCreate', false);
  conn.set('autoIndex', false);
  return conn;
}

const requireFromMongoose = createRequire(createRequire(import.meta.url).resolve('mongoose'));
const sift = (requireFromMongoose('sift') as { default: (query: object) => (doc: unknown) => boolean }).default;

/** The documents of `docs` that a MongoDB filter selects, after mongoose casts the filter against the model's schema. */
export function select<T extends object>(model: Model<any>, filter: Record<string, unknown>, docs: T[]): T[] {
  const query = model.find(filter);
  query.cast(model);
  const test = sift(query.getFilter());
  return docs.filter((d) => test(d));
}

export const offlineModel = <T>(conn: Connection, spec: CollectionSpec): Model<T> => modelFor<T>(conn, spec);

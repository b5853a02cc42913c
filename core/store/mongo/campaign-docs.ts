/**
 * @module Documents ⇄ domain objects for the campaign collections, from the same `Columns<T>` maps the SQLite store
 * uses (core/store/campaign-columns.ts): the key field is `_id`, JSON-kept values go through `jsonValue` as SQLite's
 * TEXT columns do, and reading fills every field of the model (absent → null), so both stores hand back the same.
 */
import type { Columns } from '../campaign-columns.ts';
import { specColumns } from '../campaign-columns.ts';
import type { CollectionSpec } from './collection.ts';
import type { Schema } from 'mongoose';
import { jsonValue } from './connection.ts';

export type Doc = Record<string, unknown>;

export interface DocCodec<T> {
  toDoc(value: T): Doc;
  fromDoc(doc: Doc): T;
  /** The `$set` of a patch (the key is never set). */
  set(patch: Partial<T>): Doc;
}

export function docCodec<T>(map: Columns<T>, key: keyof T & string): DocCodec<T> {
  const fields = Object.keys(map) as Array<keyof T & string>;
  const store = (f: keyof T & string, v: unknown) => (v === undefined ? null : map[f][1] === 'json' ? jsonValue(v) : v);
  return {
    toDoc(value) {
      const doc: Doc = {};
      for (const f of fields) doc[f === key ? '_id' : f] = store(f, value[f]);
      return doc;
    },
    fromDoc(doc) {
      const out: Doc = {};
      for (const f of fields) out[f] = (f === key ? doc._id : doc[f]) ?? null;
      return out as T;
    },
    set(patch) {
      const out: Doc = {};
      for (const f of fields) if (f !== key && patch[f] !== undefined) out[f] = store(f, patch[f]);
      return out;
    },
  };
}

/** A collection spec whose export/import column map comes from the `Columns<T>` map. */
export function campaignSpec<T>(model: string, table: string, schema: Schema, map: Columns<T>, key: keyof T & string): CollectionSpec {
  return { model, collection: table, table, schema, columns: specColumns(map, key) };
}

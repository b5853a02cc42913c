/**
 * @module Rows ⇄ domain objects for tables described by a `Columns<T>` map (core/store/campaign-columns.ts): the
 * insert statement, the values of an object in column order, `SET` clauses for a patch, and reading a row back.
 * Every field goes through the map, so none is forgotten by a hand-written list.
 */
import { fromColumn as decode, toColumn as encode } from '../mongo/collection.ts';
import type { Columns } from '../campaign-columns.ts';

type Row = Record<string, unknown>;

export interface Codec<T> {
  /** `INSERT INTO table (…) VALUES (?, …)`; append a conflict clause as needed. */
  insert: string;
  values(value: T): unknown[];
  read(row: Row): T;
  /** `a = ?, b = ?` and the values for the fields present in `patch`. */
  set(patch: Partial<T>): { sql: string; values: unknown[] };
  column(field: keyof T): string;
}

export function codec<T>(table: string, map: Columns<T>): Codec<T> {
  const fields = Object.keys(map) as Array<keyof T & string>;
  const columns = fields.map((f) => map[f][0]);
  return {
    insert: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    values: (value) => fields.map((f) => encode(map[f][1], value[f])),
    read(row) {
      const out: Record<string, unknown> = {};
      for (const f of fields) out[f] = decode(map[f][1], row[map[f][0]]);
      return out as T;
    },
    set(patch) {
      const present = fields.filter((f) => patch[f] !== undefined);
      return {
        sql: present.map((f) => `${map[f][0]} = ?`).join(', '),
        values: present.map((f) => encode(map[f][1], patch[f])),
      };
    },
    column: (field) => map[field][0],
  };
}

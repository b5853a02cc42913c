/**
 * @module How one MongoDB collection is described: its mongoose schema, and the mapping between its documents and
 * the rows of the SQLite table that holds the same data. The mapping is what the export/import command
 * (core/store/transfer/) uses, so every collection declares it next to its schema.
 */
import type { Connection, Model, Schema } from 'mongoose';

/** How a SQLite column's value becomes a document field: as is, 0/1 → boolean, epoch ms → Date, JSON text → value. */
export type ColumnKind = 'plain' | 'bool' | 'date' | 'json';

export interface Column {
  /** Document field; `_id` for the primary key. */
  field: string;
  kind: ColumnKind;
}

export interface CollectionSpec {
  /** mongoose model name. */
  model: string;
  /** MongoDB collection name. */
  collection: string;
  /** The SQLite table with the same rows. */
  table: string;
  schema: Schema;
  /** Every SQLite column of `table` → its document field. A column missing here makes the transfer fail loudly. */
  columns: Record<string, Column>;
  /** Fields only the MongoDB store keeps, computed from the others (lower-cased e-mail, pending flag, purge time). */
  derive?: (doc: Record<string, unknown>) => Record<string, unknown>;
  /**
   * The counter whose numbers the documents carry in `seq`, their insertion order — what SQLite gets from rowid
   * (`ORDER BY created_at DESC, rowid DESC`). Assigned at insert; on import, from the order of the exported rows.
   * Never exported (SQLite keeps it implicitly).
   */
  rowOrder?: string;
  /** Counters continuing numbers kept in a field (counter → field); after an import each is raised to the highest. */
  counters?: Record<string, string>;
}

/**
 * A partial-index filter for "this optional string field is set" (SQLite: `WHERE x IS NOT NULL`). A range rather
 * than `$type`, because the query planner can prove that an equality on the field falls inside a range.
 */
export const IS_SET = { $gt: '' } as const;

/**
 * Options every schema shares: no `__v`, empty objects kept (mongoose drops `{}` by default, SQLite keeps it), and
 * a write or a filter naming a field the schema does not know throws instead of being silently dropped or ignored.
 */
export const schemaOptions = { versionKey: false, minimize: false, strict: 'throw', strictQuery: 'throw', id: false } as const;

const camel = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Builds a column map from a compact description: `{ id: 'key', full_name: 'plain', created_at: 'date' }`;
 * the field is the camelCase of the column, `'key'` maps to `_id`, and `[kind, field]` names a field explicitly.
 */
export function columns(spec: Record<string, ColumnKind | 'key' | [ColumnKind, string]>): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const [column, v] of Object.entries(spec)) {
    if (v === 'key') out[column] = { field: '_id', kind: 'plain' };
    else if (Array.isArray(v)) out[column] = { field: v[1], kind: v[0] };
    else out[column] = { field: camel(column), kind: v };
  }
  return out;
}

/** A SQLite row (as exported) → the document the MongoDB store keeps. */
export function rowToDoc(spec: CollectionSpec, row: Record<string, unknown>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    const c = spec.columns[column];
    if (!c) throw new Error(`Column ${spec.table}.${column} has no field in the MongoDB collection "${spec.collection}"; add it to its column map`);
    doc[c.field] = fromColumn(c.kind, value);
  }
  return spec.derive ? { ...doc, ...spec.derive(doc) } : doc;
}

/** A MongoDB document → the SQLite row with the same data (derived fields are dropped). */
export function docToRow(spec: CollectionSpec, doc: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, c] of Object.entries(spec.columns)) row[column] = toColumn(c.kind, doc[c.field]);
  return row;
}

/** A SQLite column's value as the domain (and a document) keeps it. */
export function fromColumn(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'plain': return v;
    case 'bool': return v === 1 || v === true;
    case 'date': return new Date(v as number);
    case 'json': return JSON.parse(v as string);
  }
}

/** A domain value as a SQLite column keeps it. */
export function toColumn(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'plain': return v;
    case 'bool': return v ? 1 : 0;
    case 'date': return (v as Date).getTime();
    case 'json': return JSON.stringify(v);
  }
}

/** The connection's model for a spec (compiled once per connection). */
export function modelFor<T>(conn: Connection, spec: CollectionSpec): Model<T> {
  return (conn.models[spec.model] as Model<T> | undefined) ?? conn.model<T>(spec.model, spec.schema as Schema<T>, spec.collection);
}

/**
 * @module Named counters for the MongoDB store: the one place numbers are handed out in order (the audit log's
 * insertion sequence, human-friendly numbers). Each step is a single-document atomic `$inc`, so instances never
 * hand out one number twice. Mirrors SQLite's `counters` table (ticket numbers); the sequences SQLite gets from
 * AUTOINCREMENT or rowid live here too, and are raised past the imported data on import.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { upsertWithRetry } from './connection.ts';

interface CounterDoc {
  _id: string;
  value: number;
}

export const counterSchema = new Schema<CounterDoc>({
  _id: { type: String, required: true },
  value: { type: Number, required: true },
}, schemaOptions);

export const countersSpec: CollectionSpec = {
  model: 'Counter', collection: 'counters', table: 'counters', schema: counterSchema,
  columns: columns({ name: 'key', value: 'plain' }),
};

export function counterModel(conn: Connection): Model<CounterDoc> {
  return modelFor<CounterDoc>(conn, countersSpec);
}

/**
 * The next number of the named sequence: 1, 2, 3, … Take it before a transaction, never inside one: a counter is
 * one hot document, and inside transactions every concurrent writer of it would conflict and retry. A number taken
 * for a write that then fails is skipped (a gap), never handed out twice.
 */
export async function nextSequence(conn: Connection, name: string): Promise<number> {
  const M = counterModel(conn);
  const d = await upsertWithRetry(() =>
    M.findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' }).lean<CounterDoc>());
  return d!.value;
}

/** Makes sure the sequence continues after `atLeast` (used after importing rows that already carry numbers). */
export async function raiseSequence(conn: Connection, name: string, atLeast: number): Promise<void> {
  await upsertWithRetry(() => counterModel(conn).updateOne({ _id: name }, { $max: { value: atLeast } }, { upsert: true }));
}

/**
 * @module Dump and restore for the MongoDB store, driven by its collection list (core/store/mongo/collections.ts):
 * each collection says which SQLite table it mirrors and how its fields map to columns. A collection or table with
 * no such description stops the transfer rather than lose data.
 */
import type { Connection } from 'mongoose';
import { COLLECTIONS, specForTable } from '../mongo/collections.ts';
import { docToRow, modelFor, rowToDoc, type CollectionSpec } from '../mongo/collection.ts';
import { countersSpec, raiseSequence } from '../mongo/counters.ts';
import { batches, TransferError, type Row } from './format.ts';
import type { StoreDump, StoreRestore } from './transfer.ts';

/** Counters that number rows where SQLite uses rowid or AUTOINCREMENT (not its `counters` table). */
const REBUILT_COUNTERS = new Set(COLLECTIONS.flatMap((c) => [
  ...(c.rowOrder ? [c.rowOrder] : []),
  ...Object.entries(c.counters ?? {}).filter(([, field]) => field === 'seq').map(([counter]) => counter),
]));

/** Documents in insertion order where the store keeps one (`seq`), else by id. */
const exportOrder = (spec: CollectionSpec): Record<string, 1> => (spec.schema.path('seq') ? { seq: 1 } : { _id: 1 });

export function mongoDump(conn: Connection): StoreDump {
  return {
    kind: 'mongo',
    async tables() {
      const names = (await conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.'));
      const unknown = names.filter((n) => !COLLECTIONS.some((c) => c.collection === n));
      if (unknown.length) throw new TransferError(`collection(s) ${unknown.join(', ')} have no transfer mapping in core/store/mongo/collections.ts`);
      return COLLECTIONS.map((c) => c.table);
    },
    async *rows(table) {
      const spec = specForTable(table)!;
      const cursor = modelFor<Record<string, unknown>>(conn, spec).find().sort(exportOrder(spec)).lean().cursor();
      for await (const doc of cursor) {
        // Sequences only this store keeps are rebuilt from the data on import; SQLite has no use for them.
        if (spec === countersSpec && REBUILT_COUNTERS.has(doc._id as string)) continue;
        yield docToRow(spec, doc as Record<string, unknown>);
      }
    },
  };
}

export function mongoRestore(conn: Connection): StoreRestore {
  return {
    kind: 'mongo',
    async assertEmpty() {
      const filled: string[] = [];
      for (const spec of COLLECTIONS) if (await modelFor(conn, spec).exists({})) filled.push(spec.collection);
      if (filled.length) throw new TransferError(`the target MongoDB database is not empty (${filled.join(', ')}); import only into an empty one`);
    },
    async restore(table, rows) {
      const spec = specForTable(table);
      if (!spec) throw new TransferError(`table "${table}" has no MongoDB collection; add one to core/store/mongo/collections.ts`);
      if (spec === countersSpec) return restoreCounters(conn, rows);
      const model = modelFor(conn, spec);
      const highest: Record<string, number> = {};
      let n = 0;
      for await (const batch of batches(rows, 1000)) {
        const docs = batch.map((row) => {
          const doc = rowToDoc(spec, row);
          n++;
          if (spec.rowOrder) doc.seq = n;
          for (const [counter, field] of Object.entries(spec.counters ?? {})) highest[counter] = Math.max(highest[counter] ?? 0, doc[field] as number);
          return doc;
        });
        // Validated by mongoose like any write; ordered, so the first bad row stops the import.
        await model.insertMany(docs, { ordered: true });
      }
      if (spec.rowOrder) highest[spec.rowOrder] = n;
      for (const [counter, value] of Object.entries(highest)) await raiseSequence(conn, counter, value);
      return n;
    },
    async finish() {},
  };
}

/** Counters continue from the higher of the imported value and what the imported rows already raised them to. */
async function restoreCounters(conn: Connection, rows: AsyncIterable<Row>): Promise<number> {
  let n = 0;
  for await (const row of rows) {
    const doc = rowToDoc(countersSpec, row);
    await raiseSequence(conn, doc._id as string, doc.value as number);
    n++;
  }
  return n;
}

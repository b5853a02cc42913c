/**
 * @module Dump and restore for the embedded SQLite store. Generic over every table the migrations created, so a
 * table another module adds is exported without any change here; rows keep their rowid order.
 */
import type { Db } from '../sqlite/database.ts';
import { batches, TransferError, type Row } from './format.ts';
import type { StoreDump, StoreRestore } from './transfer.ts';

const INTERNAL = new Set(['schema_migrations', 'sqlite_sequence']);

/** The store's tables in creation order (migrations create referenced tables first). */
function tablesOf(db: Db): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid`).pluck().all() as string[])
    .filter((t) => !INTERNAL.has(t) && !t.startsWith('sqlite_'));
}

const columnsOf = (db: Db, table: string): string[] => db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const hasRowid = (db: Db, table: string): boolean =>
  !/WITHOUT\s+ROWID/i.test(db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string);

export function sqliteDump(db: Db): StoreDump {
  return {
    kind: 'sqlite',
    async tables() {
      return tablesOf(db);
    },
    async *rows(table) {
      // Insertion order (rowid), so ties in "newest first" lists break the same way after an import.
      const order = hasRowid(db, table) ? 'rowid' : columnsOf(db, table).map(quote).join(', ');
      yield* db.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).iterate() as IterableIterator<Row>;
    },
  };
}

export function sqliteRestore(db: Db): StoreRestore {
  const tables = new Set(tablesOf(db));
  return {
    kind: 'sqlite',
    async assertEmpty() {
      const filled = [...tables].filter((t) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${quote(t)})`).pluck().get() === 1);
      if (filled.length) throw new TransferError(`the target SQLite store is not empty (${filled.join(', ')}); import only into an empty store`);
    },
    async restore(table, rows) {
      if (!tables.has(table)) throw new TransferError(`table "${table}" is not in the target SQLite store (an older version of the product?)`);
      const known = new Set(columnsOf(db, table));
      // References are checked once at the end, so the order of tables in the export does not matter.
      db.pragma('foreign_keys = OFF');
      let n = 0;
      let insert: ReturnType<Db['prepare']> | null = null;
      const write = db.transaction((list: Row[]) => {
        for (const row of list) insert!.run(row);
      });
      for await (const batch of batches(rows, 1000)) {
        if (!insert) {
          // Every row of a table file has the same columns (the source table's).
          const columns = Object.keys(batch[0]!);
          const unknown = columns.filter((c) => !known.has(c));
          if (unknown.length) throw new TransferError(`table "${table}" in the target has no column ${unknown.join(', ')}`);
          insert = db.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
        }
        write(batch);
        n += batch.length;
      }
      return n;
    },
    async finish() {
      const broken = db.pragma('foreign_key_check') as unknown[];
      db.pragma('foreign_keys = ON');
      if (broken.length) throw new TransferError(`${broken.length} imported rows reference rows that are not there`);
    },
  };
}

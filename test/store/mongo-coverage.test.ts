/**
 * @module The MongoDB store covers the whole store port, checked without a server: every repository and method the
 * SQLite store has, and every SQLite table with a collection that maps each of its columns (what export/import needs).
 */
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { mongoRepositories } from '../../core/store/mongo/index.ts';
import { COLLECTIONS, specForTable } from '../../core/store/mongo/collections.ts';
import { offlineConnection } from './mongo-offline.ts';

const methodsOf = (repo: object): string[] => Object.keys(repo).filter((k) => typeof (repo as Record<string, unknown>)[k] === 'function').sort();

describe('MongoDB store coverage of the store port', () => {
  const sqlite = openSqliteStore(':memory:');
  const mongo = mongoRepositories(offlineConnection());
  const repositories = Object.keys(sqlite).filter((k) => !['kind', 'db', 'ping', 'close'].includes(k));

  it('Should implement every repository the SQLite store has, method for method', () => {
    expect(Object.keys(mongo).sort()).toEqual(repositories.sort());
    for (const name of repositories) {
      const own = (sqlite as unknown as Record<string, object>)[name]!;
      expect({ name, methods: methodsOf((mongo as Record<string, object>)[name]!) }).toEqual({ name, methods: methodsOf(own) });
    }
  });

  const tables = (sqlite.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence') ORDER BY name`)
    .pluck().all() as string[]);

  it('Should have a MongoDB collection for every SQLite table', () => {
    expect(tables.filter((t) => !specForTable(t))).toEqual([]);
    expect(COLLECTIONS.map((c) => c.table).filter((t) => !tables.includes(t))).toEqual([]);
  });

  it.each(tables)('Should map every column of %s to a field of its MongoDB schema', (table) => {
    const spec = specForTable(table)!;
    const columns = (sqlite.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).sort();
    expect(Object.keys(spec.columns).sort()).toEqual(columns);
    const missing = Object.values(spec.columns).map((c) => c.field).filter((f) => !spec.schema.path(f));
    expect(missing).toEqual([]);
  });
});

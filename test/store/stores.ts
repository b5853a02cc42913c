/**
 * @module The stores the contract suite runs against: SQLite always; MongoDB when one is reachable
 * (MONGODB_URI, or mongodb-memory-server with a system mongod binary), otherwise reported as skipped, loudly; and the
 * MongoDB store's code on a loopback wire-protocol fake (fake-mongod.ts), always, named as the fake it is.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../core/store/store.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { fakeMongoStoreFactory, mongoStoreFactory } from './mongo-factory.ts';

export interface StoreFactory {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** Two handles on one fresh, empty store, as two instances of the product would have. */
  openPair(): Promise<[Store, Store]>;
  /** Why this store cannot run here, or null when it can. */
  unavailable: string | null;
  /** Releases what the factory holds (connections, test databases, a server it started). */
  dispose?(): Promise<void>;
}

export const sqliteFactory: StoreFactory = {
  name: 'sqlite',
  unavailable: null,
  open: async () => openSqliteStore(':memory:'),
  async openPair() {
    // Two connections on one database file, like two processes sharing DATA_DIR (the OS removes the temp folder).
    const dir = mkdtempSync(join(tmpdir(), 'kt-store-pair-'));
    return [openSqliteStore(dir), openSqliteStore(dir)];
  },
};

const mongoFactories: StoreFactory[] = [];

/** Lets the MongoDB store module register itself without the suite importing it statically. */
export function registerStoreFactory(factory: StoreFactory): void {
  mongoFactories.push(factory);
}

registerStoreFactory(await mongoStoreFactory());
registerStoreFactory(fakeMongoStoreFactory());

export function storeFactories(): StoreFactory[] {
  return [sqliteFactory, ...mongoFactories];
}

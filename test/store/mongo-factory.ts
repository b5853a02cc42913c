/**
 * @module The MongoDB store for the contract suite: `MONGODB_URI` when set (a replica set), else a one-node replica
 * set started by mongodb-memory-server from the `mongod` at `MONGOMS_SYSTEM_BINARY`, else unavailable — and the
 * suite reports the MongoDB part as SKIPPED, never as passed. Nothing is ever downloaded. Each `open()` gets its own
 * database; `dispose()` drops them and stops the server it started.
 */
import { accessSync, constants } from 'node:fs';
import type { StoreFactory } from './stores.ts';
import type { MongoStore } from '../../core/store/mongo/index.ts';
import { startFakeMongod, type FakeMongod } from './fake-mongod.ts';

const NO_SERVER =
  'no MongoDB server is reachable here: set MONGODB_URI to a replica set, or MONGOMS_SYSTEM_BINARY to a mongod binary ' +
  '(mongodb-memory-server then starts a one-node replica set with it); nothing is downloaded';

/** Where a server can come from, decided before any test runs. */
export async function mongoStoreFactory(env: Record<string, string | undefined> = process.env): Promise<StoreFactory> {
  const uri = env.MONGODB_URI;
  if (uri) {
    const problem = await probe(uri);
    return problem ? unavailable(`MONGODB_URI is set but ${problem}`) : factory(async () => uri, async () => {});
  }
  const binary = env.MONGOMS_SYSTEM_BINARY;
  if (binary) {
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      return unavailable(`MONGOMS_SYSTEM_BINARY=${binary} is not an executable file`);
    }
    let server: { getUri(): string; stop(): Promise<boolean> } | null = null;
    return factory(
      async () => {
        if (!server) {
          const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
          // Transactions need a replica set; one node is enough.
          server = await MongoMemoryReplSet.create({ binary: { systemBinary: binary }, replSet: { count: 1, storageEngine: 'wiredTiger' } });
        }
        return server.getUri();
      },
      async () => {
        await server?.stop();
        server = null;
      },
    );
  }
  return unavailable(NO_SERVER);
}

/**
 * The MongoDB store's code through mongoose and the real driver, against the loopback wire-protocol fake
 * (fake-mongod.ts). Always available; named so nobody takes it for a MongoDB server.
 */
export function fakeMongoStoreFactory(): StoreFactory {
  let fake: FakeMongod | null = null;
  const inner = factory(
    async () => (fake ??= await startFakeMongod()).uri(),
    async () => {
      await fake?.stop();
      fake = null;
    },
  );
  return { ...inner, name: 'mongo store code on a wire-protocol fake (not a MongoDB server)' };
}

const unavailable = (why: string): StoreFactory => ({
  name: 'mongo',
  unavailable: why,
  open: () => Promise.reject(new Error(why)),
  openPair: () => Promise.reject(new Error(why)),
});

function factory(uri: () => Promise<string>, stopServer: () => Promise<void>): StoreFactory {
  const opened: MongoStore[] = [];
  let n = 0;
  const openOne = async (dbName: string) => {
    const { openMongoStore } = await import('../../core/store/mongo/index.ts');
    const store = await openMongoStore(await uri(), { dbName, serverSelectionTimeoutMS: 5000 });
    opened.push(store);
    return store;
  };
  return {
    name: 'mongo',
    unavailable: null,
    async open() {
      return openOne(`kt_contract_${process.pid}_${Date.now()}_${++n}`);
    },
    async openPair() {
      // Two connections on one database, like two instances of the product.
      const dbName = `kt_contract_${process.pid}_${Date.now()}_${++n}`;
      return [await openOne(dbName), await openOne(dbName)];
    },
    async dispose() {
      // Ten at a time: one database per test adds up, and the suite's hook has a time limit.
      const stores = opened.splice(0);
      for (let i = 0; i < stores.length; i += 10) {
        await Promise.all(stores.slice(i, i + 10).map(async (store) => {
          await store.connection.dropDatabase().catch(() => {});
          await store.close().catch(() => {});
        }));
      }
      await stopServer();
    },
  };
}

/** Null when a server answers a ping at `uri` within 3 s, else why not. */
async function probe(uri: string): Promise<string | null> {
  const mongoose = (await import('mongoose')).default;
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3000 });
  try {
    await conn.asPromise();
    await conn.db!.command({ ping: 1 });
    return null;
  } catch (err) {
    return `no server answered there within 3 s (${(err as Error).message})`;
  } finally {
    await conn.close().catch(() => {});
  }
}

/** @module Opens the configured store: SQLite in DATA_DIR (default) or MongoDB (STORE=mongo). */
import type { Config } from '../config/config.ts';
import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/index.ts';

export async function openStore(config: Config): Promise<Store> {
  if (config.STORE === 'mongo') {
    // Loaded only when chosen, so the default start never pulls in mongoose.
    const { openMongoStore } = await import('./mongo/index.ts');
    return openMongoStore(config.MONGODB_URI!);
  }
  return openSqliteStore(config.DATA_DIR);
}

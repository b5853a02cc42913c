/**
 * @module The export/import command (`npm run store:export`, `npm run store:import`): moves a whole store between
 * the embedded SQLite store and MongoDB through a directory of JSON-lines files. The store comes from the same
 * variables as the product (`STORE`, `DATA_DIR`, `MONGODB_URI`, also read from `.env`) unless flags name it:
 *
 *   npm run store:export -- --dir ./export                                  # the configured store
 *   npm run store:export -- --dir ./export --from sqlite --data-dir ./data
 *   npm run store:import -- --dir ./export --to mongo --uri mongodb://…/kt?replicaSet=rs0
 *   npm run store:import -- --dir ./export --to sqlite --data-dir ./data-copy
 *
 * Import refuses a target that holds any data. Only table names and row counts are printed.
 */
import { config as loadDotenv } from 'dotenv';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openSqliteStore } from '../sqlite/index.ts';
import { sqliteDump, sqliteRestore } from './sqlite.ts';
import { mongoDump, mongoRestore } from './mongo.ts';
import { exportStore, importStore, type StoreDump, type StoreRestore } from './transfer.ts';

export interface StoreChoice {
  kind: 'sqlite' | 'mongo';
  dataDir: string;
  uri: string | undefined;
}

const USAGE = `usage:
  store:export --dir DIR [--from sqlite --data-dir PATH | --from mongo --uri MONGODB_URI]
  store:import --dir DIR [--to sqlite --data-dir PATH | --to mongo --uri MONGODB_URI]`;

/** Which store a command works on: flags first, then the product's environment variables, then the defaults. */
export function chooseStore(flags: { kind?: string; dataDir?: string; uri?: string }, env: Record<string, string | undefined>): StoreChoice {
  const kind = flags.kind ?? env.STORE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'mongo') throw new Error(`the store must be sqlite or mongo, not "${kind}"\n${USAGE}`);
  const uri = flags.uri ?? env.MONGODB_URI;
  if (kind === 'mongo' && !uri) throw new Error(`a MongoDB store needs --uri or MONGODB_URI\n${USAGE}`);
  return { kind, dataDir: flags.dataDir ?? env.DATA_DIR ?? './data', uri };
}

/** Opens the chosen store and hands its dump or restore side to `use`, closing it afterwards. */
async function withStore<T>(choice: StoreChoice, use: (side: { dump: StoreDump; restore: StoreRestore }) => Promise<T>): Promise<T> {
  if (choice.kind === 'mongo') {
    const { openMongoStore } = await import('../mongo/index.ts');
    const store = await openMongoStore(choice.uri!);
    try {
      return await use({ dump: mongoDump(store.connection), restore: mongoRestore(store.connection) });
    } finally {
      await store.close();
    }
  }
  const store = openSqliteStore(choice.dataDir);
  try {
    return await use({ dump: sqliteDump(store.db), restore: sqliteRestore(store.db) });
  } finally {
    await store.close();
  }
}

/** Runs `export` or `import` with the given arguments; resolves to the process exit code. */
export async function run(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      dir: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'data-dir': { type: 'string' }, uri: { type: 'string' },
    },
  });
  if ((command !== 'export' && command !== 'import') || !values.dir) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const choice = chooseStore({ kind: command === 'export' ? values.from : values.to, dataDir: values['data-dir'], uri: values.uri }, env);
  const report = (table: string, rows: number) => process.stdout.write(`  ${table}: ${rows}\n`);
  const where = choice.kind === 'mongo' ? 'MongoDB' : `SQLite in ${choice.dataDir}`;
  if (command === 'export') {
    process.stdout.write(`Exporting ${where} to ${values.dir}\n`);
    const m = await withStore(choice, ({ dump }) => exportStore(dump, values.dir!, report));
    process.stdout.write(`Done: ${m.tables.length} tables, ${m.tables.reduce((s, t) => s + t.rows, 0)} rows.\n`);
  } else {
    process.stdout.write(`Importing ${values.dir} into ${where}\n`);
    const m = await withStore(choice, ({ restore }) => importStore(restore, values.dir!, report));
    process.stdout.write(`Done: ${m.tables.length} tables, ${m.tables.reduce((s, t) => s + t.rows, 0)} rows from a ${m.source} export.\n`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadDotenv({ quiet: true });
  run(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`store transfer failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

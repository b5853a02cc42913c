/**
 * @module Moving a whole store to files and back: export any store to a directory of JSON-lines files, import the
 * files into an empty store of either kind (SQLite ⇄ MongoDB). Each store kind supplies a small dump/restore pair;
 * everything else — the manifest, row counts, refusing a non-empty target — is here, once.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { FORMAT, FORMAT_VERSION, manifestPath, readRows, tablePath, TransferError, writeRows, type Manifest, type Row } from './format.ts';

/** Reads every table of a store as rows in the export format. */
export interface StoreDump {
  readonly kind: 'sqlite' | 'mongo';
  /** Table names in an order where referenced tables come first. Throws on data it cannot describe. */
  tables(): Promise<string[]>;
  rows(table: string): AsyncIterable<Row>;
}

/** Writes rows in the export format into a store. */
export interface StoreRestore {
  readonly kind: 'sqlite' | 'mongo';
  /** Throws unless every table or collection is empty. */
  assertEmpty(): Promise<void>;
  /** Writes the rows of one table; returns how many. Throws on a table or column it does not know. */
  restore(table: string, rows: AsyncIterable<Row>): Promise<number>;
  /** Checks made once everything is in (e.g. references). */
  finish(): Promise<void>;
}

export type Progress = (table: string, rows: number) => void;

/**
 * Exports every table to `dir` (created if needed): `<table>.jsonl` plus `manifest.json`, written last, so a
 * directory without a manifest is an interrupted export.
 */
export async function exportStore(dump: StoreDump, dir: string, progress: Progress = () => {}): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const tables: Manifest['tables'] = [];
  for (const name of await dump.tables()) {
    const rows = await writeRows(tablePath(dir, name), dump.rows(name));
    tables.push({ name, rows });
    progress(name, rows);
  }
  const manifest: Manifest = { format: FORMAT, version: FORMAT_VERSION, source: dump.kind, exportedAt: new Date().toISOString(), tables };
  await writeFile(manifestPath(dir), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Imports an export directory into an empty store, table by table, checking each table's row count. */
export async function importStore(restore: StoreRestore, dir: string, progress: Progress = () => {}): Promise<Manifest> {
  const manifest = await readManifest(dir);
  await restore.assertEmpty();
  for (const { name, rows } of manifest.tables) {
    const written = await restore.restore(name, readRows(tablePath(dir, name)));
    if (written !== rows) throw new TransferError(`table "${name}": the manifest lists ${rows} rows, the file held ${written}`);
    progress(name, written);
  }
  await restore.finish();
  return manifest;
}

async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(manifestPath(dir), 'utf8');
  } catch {
    throw new TransferError(`${manifestPath(dir)} is missing: not an export directory, or the export did not finish`);
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== FORMAT || manifest.version !== FORMAT_VERSION) {
    throw new TransferError(`${manifestPath(dir)} is not a ${FORMAT} v${FORMAT_VERSION} manifest`);
  }
  return manifest;
}

/**
 * @module The export format: a directory with `manifest.json` and one JSON-lines file per table. A line is one row
 * as the embedded store keeps it — snake_case columns, times as epoch milliseconds, JSON columns as their text — so
 * ids and times survive exactly, whichever store the rows came from or go to.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export { TransferError } from '../../errors.ts';

export type Row = Record<string, unknown>;

export const FORMAT = 'kt-store-export';
export const FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  /** The kind of store the rows came from. */
  source: 'sqlite' | 'mongo';
  exportedAt: string;
  /** Tables in import order (referenced tables first), with their row counts. */
  tables: Array<{ name: string; rows: number }>;
}

export const manifestPath = (dir: string): string => join(dir, 'manifest.json');
export const tablePath = (dir: string, table: string): string => join(dir, `${table}.jsonl`);

/** Writes rows one line each, waiting whenever the file stream asks to (memory stays flat however big the table). */
export async function writeRows(file: string, rows: AsyncIterable<Row>): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let n = 0;
  try {
    for await (const row of rows) {
      if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
      n++;
    }
  } finally {
    await close(out);
  }
  return n;
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** Reads a table file line by line. */
export async function* readRows(file: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    yield JSON.parse(line) as Row;
  }
}

/** Groups rows into arrays of at most `size`, for batched writes. */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

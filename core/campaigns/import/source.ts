/**
 * @module The uploaded file as the import reads it: its bytes from the store's chunks (so any instance can read it,
 * again after a restart), what kind of file it is, and its rows — CSV or XLSX alike.
 */
import { iconv } from './iconv.ts';
import type { CallListImportRepository } from '../repository.ts';
import type { RawRow } from './cells.ts';
import { csvRows } from './csv-rows.ts';
import { xlsxRows } from './xlsx-rows.ts';
import { ImportFileError } from './limits.ts';
import { detectDelimiter, detectEncoding, sniffKind, type AskedEncoding, type TextEncoding } from './sniff.ts';

export interface FileMeta {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  bom: number;
  delimiter: string;
}

/**
 * Bytes handed to a parser at a time: a parser works through a whole chunk before yielding, so a 1 MiB chunk of a
 * CSV would hold the event loop for about 10,000 rows; 16 KiB keeps it to about 150.
 */
const SLICE = 16 * 1024;

/** The file's bytes as stored at upload, in slices small enough to keep the server answering. */
export async function* storedBytes(imports: Pick<CallListImportRepository, 'chunk'>, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    const chunk = await imports.chunk(importId, seq);
    if (!chunk) return;
    for (let at = 0; at < chunk.length; at += SLICE) yield chunk.subarray(at, at + SLICE);
  }
}

/**
 * Describes the file from its first chunk, or refuses it: empty, an old .xls, or not text at all.
 * @example describeFile(firstChunk, 'auto', true) // { format: 'csv', encoding: 'windows-1251', bom: 0, delimiter: ';' }
 */
export function describeFile(first: Buffer, asked: AskedEncoding, whole: boolean): FileMeta {
  const kind = sniffKind(first);
  if (kind === 'empty') throw new ImportFileError('import.error.empty');
  if (kind === 'xls') throw new ImportFileError('import.error.xls');
  if (kind === 'binary') throw new ImportFileError('import.error.binary');
  if (kind === 'xlsx') return { format: 'xlsx', encoding: null, bom: 0, delimiter: '' };
  const { encoding, bom } = detectEncoding(first, asked, whole);
  return { format: 'csv', encoding, bom, delimiter: detectDelimiter(firstLine(first.subarray(bom), encoding)) };
}

function firstLine(bytes: Buffer, encoding: TextEncoding): string {
  const text = iconv().decode(bytes.subarray(0, 64 * 1024), encoding);
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The file's rows in order (blank ones skipped by the readers or the caller). */
export function fileRows(bytes: AsyncIterable<Buffer>, meta: FileMeta): AsyncGenerator<RawRow> {
  return meta.format === 'xlsx'
    ? xlsxRows(bytes)
    : csvRows(bytes, { encoding: meta.encoding!, bom: meta.bom, delimiter: meta.delimiter });
}

/**
 * @module Rows of a CSV call list: the bytes decoded (iconv-lite: UTF-8, UTF-16, Windows-1251) and parsed by csv-parse
 * as a stream, with the line each record starts on. A broken record (an unclosed quote), an over-long record or too
 * many columns stops the read with a file-level error naming the line.
 */
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { iconv } from './iconv.ts';
import { textCell, type RawRow } from './cells.ts';
import { ImportFileError, MAX_COLUMNS, MAX_RECORD_CHARS } from './limits.ts';
import type { TextEncoding } from './sniff.ts';

export interface CsvOptions {
  encoding: TextEncoding;
  /** BOM bytes at the start of the first chunk to skip. */
  bom: number;
  delimiter: string;
}

async function* skipBom(bytes: AsyncIterable<Buffer>, bom: number): AsyncGenerator<Buffer> {
  let left = bom;
  for await (const chunk of bytes) {
    if (left > 0) {
      const cut = Math.min(left, chunk.length);
      left -= cut;
      if (cut < chunk.length) yield chunk.subarray(cut);
      continue;
    }
    yield chunk;
  }
}

/** Each record of the file, in order; blank lines are skipped. */
export async function* csvRows(bytes: AsyncIterable<Buffer>, options: CsvOptions): AsyncGenerator<RawRow> {
  const parser = Readable.from(skipBom(bytes, options.bom))
    .pipe(iconv().decodeStream(options.encoding))
    .pipe(parse({
      delimiter: options.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS, info: true, raw: true,
    }));
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const newlines = item.raw.replace(/\r?\n$/, '').split('\n').length - 1;
      const line = item.info.lines - newlines;
      if (item.record.length > MAX_COLUMNS) throw new ImportFileError('import.error.too_many_columns', { line, count: item.record.length, max: MAX_COLUMNS });
      yield { line, cells: item.record.map(textCell) };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 0;
      const reason = err.code === 'CSV_MAX_RECORD_SIZE' ? 'import.error.record_too_long' : 'import.error.csv_broken';
      throw new ImportFileError(reason, { line });
    }
    throw err;
  } finally {
    parser.destroy();
  }
}

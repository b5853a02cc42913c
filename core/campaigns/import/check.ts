/**
 * @module The check pass: the whole file is read once before anything is imported, so a file that cannot be imported
 * as a whole (no header or no phone column, phones in the wrong column, too many rows, a broken record on line 80,000,
 * text that is not in the encoding it claims) is refused with a clear reason and nothing half-imported.
 */
import { normalizeKzPhone } from '../../verification/phone.ts';
import { isBlankRow, type RawRow } from './cells.ts';
import { mapHeader, type HeaderMap } from './headers.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { ImportFileError, MAX_ROWS, YIELD_ROWS } from './limits.ts';

export interface CheckResult {
  header: HeaderMap;
  totalRows: number;
}

/** Thrown when decoded text holds replacement characters: the file is not in the encoding it was read with. */
export class WrongEncoding extends Error {
  constructor(readonly line: number) {
    super(`text not in the expected encoding at line ${line}`);
  }
}

/** Rows looked at to tell whether the phones are in another column than the header says. */
const SAMPLE = 200;

/**
 * Reads every row; `progress` is called now and then with the rows read so far.
 * @example await checkRows(fileRows(bytes, meta), (n) => report(n)) // { header, totalRows: 99_998 }
 */
export async function checkRows(rows: AsyncIterable<RawRow>, progress: (rows: number) => Promise<void>): Promise<CheckResult> {
  let header: HeaderMap | null = null;
  let total = 0;
  const sample: RawRow[] = [];
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (row.cells.some((c) => c.text.includes('\ufffd'))) throw new WrongEncoding(row.line);
    if (!header) {
      header = headerOf(row);
      continue;
    }
    total += 1;
    if (total > MAX_ROWS) throw new ImportFileError('import.error.too_many_rows', { max: MAX_ROWS });
    if (sample.length < SAMPLE) sample.push(row);
    if (total % 5000 === 0) await progress(total);
    else if (total % (YIELD_ROWS * 5) === 0) await yieldToLoop();
  }
  if (!header) throw new ImportFileError('import.error.empty');
  if (total === 0) throw new ImportFileError('import.error.no_rows');
  const moved = phonesElsewhere(header, sample);
  if (moved !== null) throw new ImportFileError('import.error.phone_column', { column: header.names[moved] || String(moved + 1) });
  return { header, totalRows: total };
}

function headerOf(row: RawRow): HeaderMap {
  const header = mapHeader(row.cells);
  if (header.columns.phone !== undefined) return header;
  // A first row that holds a phone number is data, not a header.
  if (row.cells.some((c) => normalizeKzPhone(c.text).ok)) throw new ImportFileError('import.error.no_header');
  throw new ImportFileError('import.error.no_phone_column', { columns: header.names.filter(Boolean).join(', ').slice(0, 200) });
}

/** The column that holds the phones when most of the "phone" column does not (a phone in the wrong column), else null. */
function phonesElsewhere(header: HeaderMap, sample: RawRow[]): number | null {
  const phoneAt = header.columns.phone!;
  if (sample.length < 5) return null;
  const valid = (row: RawRow, i: number) => normalizeKzPhone(row.cells[i]?.text ?? '').ok;
  const good = sample.filter((r) => valid(r, phoneAt)).length;
  if (good * 2 >= sample.length) return null;
  const width = Math.max(...sample.map((r) => r.cells.length));
  for (let i = 0; i < width; i += 1) {
    if (i === phoneAt) continue;
    if (sample.filter((r) => valid(r, i)).length * 5 >= sample.length * 4) return i;
  }
  return null;
}

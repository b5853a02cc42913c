/**
 * @module Rows of an XLSX call list, behind a small adapter over exceljs's streaming reader (the first worksheet only,
 * read as it unzips, styles and hyperlinks ignored). Each cell becomes text: numbers as digits (a phone typed as a
 * number), dates as ISO days, rich text joined, and a formula cell marked as a formula whatever its cached result.
 */
import { Readable } from 'node:stream';
import type { Cell, RawRow } from './cells.ts';
import { textCell } from './cells.ts';
import { ImportFileError, MAX_COLUMNS } from './limits.ts';

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (typeof value === 'number') return { text: Number.isInteger(value) ? value.toFixed(0) : String(value), formula: false };
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'boolean') return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) return { text: String(v.result ?? ''), formula: true };
  if (Array.isArray(v.richText)) return textCell((v.richText as Array<{ text: string }>).map((r) => r.text).join(''));
  if (typeof v.text === 'string') return textCell(v.text);
  if ('error' in v) return { text: '', formula: false };
  return textCell(String(value));
}

/** Each non-empty row of the first worksheet, in order. */
export async function* xlsxRows(bytes: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  // exceljs is loaded on the first import only: an idle process never holds it (issue 21).
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1);
        if (values.length > MAX_COLUMNS) throw new ImportFileError('import.error.too_many_columns', { line: row.number, count: values.length, max: MAX_COLUMNS });
        yield { line: row.number, cells: Array.from({ length: values.length }, (_, i) => cellOf(values[i])) };
      }
      return;
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('import.error.xlsx_broken', {});
  }
}

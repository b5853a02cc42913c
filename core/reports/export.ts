/**
 * @module The report's downloads: CSV (csv-stringify, UTF-8 with a BOM so Excel reads Cyrillic, `;`) and XLSX (exceljs,
 * behind `xlsxWorkbook`), both from the same sections as the page. A text cell a spreadsheet would run as a formula
 * (starting with = + - @) gets an apostrophe in front.
 */
import { stringify } from 'csv-stringify/sync';
import { safeCell as neutralise } from '../spreadsheets/safe-cell.ts';
import type { Cell, Section } from './sections.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as a spreadsheet should get it: numbers as numbers, text never as a formula. */
export function safeCell(cell: Cell): Cell {
  if (typeof cell === 'number') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : neutralise(cell);
}

/** The report as CSV text: a title line, then each section's title, header and rows, a blank line between. */
export function reportCsv(title: string, sections: readonly Section[]): string {
  const lines: Cell[][] = [[title], []];
  for (const s of sections) lines.push([s.title], s.head, ...s.rows, []);
  return stringify(lines.map((row) => row.map(safeCell)), { bom: true, delimiter: ';', record_delimiter: 'windows' });
}

/** The report as an XLSX workbook (one sheet, sections one under another, titles and headers bold). */
export async function reportXlsx(title: string, sheetName: string, sections: readonly Section[]): Promise<Buffer> {
  // exceljs is loaded on the first download only: an idle process never holds it (issue 21).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  for (const s of sections) {
    sheet.addRow([safeCell(s.title)]).font = { bold: true };
    sheet.addRow(s.head.map(safeCell)).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map(safeCell));
    sheet.addRow([]);
  }
  sheet.getColumn(1).width = 48;
  for (let i = 2; i <= 8; i += 1) sheet.getColumn(i).width = 16;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * @module Writing XLSX workbooks, behind a small adapter over exceljs: sheets of plain rows (text and numbers; text is
 * always stored as text, never as a formula), a bold header row and widths that fit. Used by the campaign exports.
 */

export type SheetCell = string | number | null;

export interface Sheet {
  /** Up to 31 characters (Excel's limit); longer names are cut. */
  name: string;
  header: string[];
  rows: SheetCell[][];
}

/** The workbook's bytes. */
export async function writeXlsx(sheets: Sheet[]): Promise<Buffer> {
  // exceljs is loaded on the first download only: an idle process never holds it (issue 21).
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map((cell) => (cell === null ? '' : cell)));
    ws.columns.forEach((column, i) => {
      const longest = Math.max(sheet.header[i]?.length ?? 0, ...sheet.rows.slice(0, 500).map((r) => String(r[i] ?? '').length));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

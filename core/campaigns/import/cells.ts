/**
 * @module One row of a call-list file as the import reads it, whatever the format: its line number and its cells,
 * each a text and whether it is (or would be, in a spreadsheet) a formula — `=HYPERLINK(…)` and the like are never
 * imported as data (OWASP "CSV injection"), and never handed back unescaped in a report.
 */

export interface Cell {
  text: string;
  formula: boolean;
}

export interface RawRow {
  /** 1-based line of the file (CSV: the record's first line; XLSX: the row number). */
  line: number;
  cells: Cell[];
}

/** Text a spreadsheet would run: `=…`, `@…`, or `+`/`-` followed by something other than a number (a phone is `+7 …`). */
export function looksLikeFormula(text: string): boolean {
  if (/^[=@]/.test(text)) return true;
  return /^[+-]/.test(text) && !/^[+-][\d\s().-]*$/.test(text);
}

export const textCell = (raw: string): Cell => {
  const text = raw.trim();
  return { text, formula: looksLikeFormula(text) };
};

/** True when every cell is empty (a blank line, or a spreadsheet's trailing `;;;;`). */
export const isBlankRow = (cells: Cell[]): boolean => cells.every((c) => c.text === '');

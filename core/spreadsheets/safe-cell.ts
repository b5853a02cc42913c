/**
 * @module Cells of every CSV or XLSX file the product hands out. A spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` (and, in some, a tab or a line break before them) as a formula — `=HYPERLINK(…)` can send the data away,
 * `=cmd|…` runs programs (OWASP "CSV injection"). Every exported cell goes through `safeCell`, which prefixes such a
 * value with an apostrophe: the spreadsheet shows it as the text it is. `spreadsheetCsv` is the one CSV writer of
 * exports (UTF-8 with a BOM so Excel reads Cyrillic, `;` and CRLF as Excel on a Russian Windows expects) and applies
 * `safeCell` to every cell, headers included.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
import { stringify, type Stringifier } from 'csv-stringify';

const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * The value as a spreadsheet must show it: prefixed with `'` when it would start a formula, else unchanged.
 * @example safeCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * @example safeCell('+77011234567') // "'+77011234567" (shown as +77011234567, not computed)
 * @example safeCell('Айгүл') // 'Айгүл'
 */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV writer for an export: write rows of strings; every cell is made safe on the way out. */
export function spreadsheetCsv(): Stringifier {
  return stringify({ bom: true, delimiter: ';', record_delimiter: 'windows', cast: { string: (value) => safeCell(value) } });
}

/**
 * @module What an uploaded file is, from its first bytes: an XLSX workbook (a ZIP), an old binary .xls, text (CSV) or
 * something else; for text, the encoding (a BOM, else valid UTF-8, else Windows-1251 — what Excel on a Russian or
 * Kazakh Windows saves "CSV" in) and the delimiter (`,`, `;` or a tab, whichever the header line uses).
 */

export type FileKind = 'csv' | 'xlsx' | 'xls' | 'binary' | 'empty';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
export type AskedEncoding = 'auto' | 'utf-8' | 'windows-1251';
export const ASKED_ENCODINGS: readonly AskedEncoding[] = ['auto', 'utf-8', 'windows-1251'];

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

/** The kind of file, by its magic bytes and, for text, by the absence of control bytes. */
export function sniffKind(head: Buffer): FileKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'csv';
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return 'binary';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control += 1;
  }
  return control > sample.length / 100 ? 'binary' : 'csv';
}

function isUtf8(head: Buffer, whole: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A sample may end inside a character: drop up to three trailing bytes before judging.
  for (let cut = 0; cut <= (whole ? 0 : 3); cut += 1) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

/**
 * The text encoding to read with, and how many BOM bytes to skip.
 * @example detectEncoding(Buffer.from('\ufeffТелефон'), 'auto') // { encoding: 'utf-8', bom: 3 }
 */
export function detectEncoding(head: Buffer, asked: AskedEncoding, whole: boolean): { encoding: TextEncoding; bom: number } {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: 2 };
  if (asked !== 'auto') return { encoding: asked, bom: 0 };
  return { encoding: isUtf8(head, whole) ? 'utf-8' : 'windows-1251', bom: 0 };
}

/** The delimiter the header line uses most, outside quotes; `,` when it uses none. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts: Record<',' | ';' | '\t', number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as ',' | ';' | '\t'] += 1;
  }
  const best = (Object.entries(counts) as Array<[',' | ';' | '\t', number]>).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * @module A safe preview of a value someone else chose (a callback field, a header): at most `max` characters,
 * control and non-ASCII characters escaped as `\uXXXX`, runs of four or more digits masked (a phone number, an IIN or a
 * code can hide in any field), and the length of what was cut — so a 20 MB field costs the log and the audit a few
 * dozen bytes, and a forged value can never break a log line or a page.
 */

/**
 * @example preview('a\nb'.padEnd(100, 'x'), 8) // 'a\\u000abxxx…(+92)'; preview('+77011234567') // '+###########'
 */
export function preview(value: unknown, max = 48): string {
  const text = typeof value === 'string' ? value : String(value);
  const head = text.slice(0, max).replace(/\d{4,}/g, (run) => '#'.repeat(run.length)).replace(/[^\x20-\x7e]|\\/g, (ch) => (ch === '\\' ? '\\\\' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return text.length > max ? `${head}…(+${text.length - max})` : head;
}

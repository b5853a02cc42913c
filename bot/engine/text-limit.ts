/**
 * @module How long a message may be, in one place (issue 14 item 7: nothing is cut silently). The bot reads typed
 * answers up to `MAX_TYPED_TEXT` characters (the web chat's input counts and stops there, saying so); a longer one
 * is answered with its length and the limit, never acted on half-read. While a person has the chat, a long message
 * goes to them whole, in parts. Texts longer than a channel or the transcript can hold are split, never cut.
 */

/** Longest typed message the bot reads (and the web chat sends in one go). */
export const MAX_TYPED_TEXT = 1000;

/** Longest text one Telegram message may carry (Bot API `sendMessage`). */
export const TELEGRAM_TEXT_MAX = 4096;

/**
 * Splits `text` into parts of at most `max` characters, at a paragraph, line or word boundary when there is one in
 * the second half of a part; the parts joined with the boundaries give the text back.
 * @example splitText('a '.repeat(3000), 4096).length // 2
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const cut = at >= max / 2 ? at : max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}

/**
 * @module The language a typed line is written in, when the chat has not said yet: Kazakh if it has a letter only
 * Kazakh uses (ә ғ қ ң ө ұ ү һ і) or is a common Kazakh word people type on a Russian keyboard ("рахмет", "салем"),
 * Russian if it is otherwise Cyrillic, and unknown for anything else (Latin, digits, emoji).
 */
import type { Language } from './model.ts';

const KAZAKH_LETTERS = /[әғқңөұүһі]/iu;
/** Kazakh words without a Kazakh-only letter, as typed without the Kazakh layout. */
const KAZAKH_WORDS = new Set(['рахмет', 'салем', 'салеметсизбе', 'саламатсызба', 'калайсыз', 'калай', 'керек', 'жок', 'иа']);
const CYRILLIC = /\p{Script=Cyrillic}/gu;

/**
 * @example languageOfText('Ақау бар') // 'kk'
 * @example languageOfText('рахмет') // 'kk'
 * @example languageOfText('неисправность') // 'ru'
 * @example languageOfText('hello 👋') // null
 */
export function languageOfText(text: string): Language | null {
  if (KAZAKH_LETTERS.test(text)) return 'kk';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.some((word) => KAZAKH_WORDS.has(word))) return 'kk';
  return (text.match(CYRILLIC) ?? []).length >= 2 ? 'ru' : null;
}

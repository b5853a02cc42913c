/**
 * @module Commands people type, on every channel: `/menu` (any case, `/menu@our_bot` in Telegram groups of habit)
 * and the words a person writes when they want the main menu — `мәзір`, `меню`, `бас мәзір`, `главное меню` —
 * or help — `помощь`, `көмек`, `справка` — with a slip of one letter forgiven (`мэню`, `мазир`, `помощ`, Latin
 * look-alikes, emoji and punctuation around). Channels hand text in as text; the engine asks this module first, so a
 * command is a command in every dialog, including a live hand-off (where a help word is the subscriber's to say to
 * the person: see `word`).
 */
import { normaliseAnswer } from './match-choice.ts';

export interface TypedCommand {
  name: string;
  args: string;
  /** Typed as a word (`меню`, `помощь`), not as `/name`. */
  word?: true;
}

/**
 * `/name args` → the command, or null. Names are Latin letters, digits and `_` (Telegram's rule), lower-cased.
 * @example parseSlashCommand('/Menu') // { name: 'menu', args: '' }
 * @example parseSlashCommand('/start@kt_bot ref42') // { name: 'start', args: 'ref42' }
 */
export function parseSlashCommand(text: string): TypedCommand | null {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return match ? { name: match[1]!.toLowerCase(), args: (match[2] ?? '').trim() } : null;
}

/** Words that mean "the main menu" (already normalised: lower-case, single spaces). */
const MENU_WORDS = [
  'меню', 'мәзір', 'бас мәзір', 'басты мәзір', 'мәзірге', 'мәзірді көрсет', 'главное меню', 'в меню', 'в главное меню',
  'открыть меню', 'покажи меню', 'menu', 'main menu',
];

/** Words that ask what the bot can do (`/help`), normalised the same way. */
const HELP_WORDS = [
  'помощь', 'помогите', 'справка', 'что ты умеешь', 'что умеешь', 'help', 'көмек', 'көмектесіңіз', 'көмек керек',
  'не істей аласың', 'анықтама',
];

/** Latin letters that look like Cyrillic ones, as people type them on a mixed keyboard. */
const LOOK_ALIKES: Readonly<Record<string, string>> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к', m: 'м', h: 'н', t: 'т', b: 'в' };

/** Real words one slip away from `меню`: "меня", "мена", Kazakh "мені", "мене" (me, to me). */
const NOT_SLIPS = new Set(['меня', 'мена', 'мені', 'мене', 'мен']);

/** The text with Latin look-alikes read as Cyrillic, when it is mostly Cyrillic already. */
function asCyrillic(text: string): string {
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (text.match(/[a-z]/g) ?? []).length;
  if (cyrillic === 0 || latin === 0) return text;
  return text.replace(/[a-z]/g, (ch) => LOOK_ALIKES[ch] ?? ch);
}

/** Optimal string alignment distance (a swap of two neighbours counts as one slip). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Kazakh letters as a Russian keyboard types them (`мазир` for `мәзір`), for the fuzzy comparison only. */
const FOLD: Readonly<Record<string, string>> = { ә: 'а', і: 'и', ө: 'о', ү: 'у', ұ: 'у', қ: 'к', ғ: 'г', ң: 'н', һ: 'х', ё: 'е' };
const fold = (text: string): string => text.replace(/[әіөүұқғңһё]/g, (ch) => FOLD[ch] ?? ch);

/** Slips forgiven: none in words shorter than 4 letters (Kazakh `мен` is "I"), one per word after that. */
const allowedSlips = (word: string): number => (word.length < 4 ? 0 : Math.ceil(word.replace(/ /g, '').length / 6));

/** Every command word with what it means, folded and its slips counted once (the menu's words first). */
const COMMAND_WORDS = [...MENU_WORDS.map((word) => ['menu', word] as const), ...HELP_WORDS.map((word) => ['help', word] as const)]
  .map(([name, word]) => ({ name, word, loose: fold(word), slips: allowedSlips(word) }));

/**
 * The command a typed line stands for: a slash command, or a word for the main menu or for help; null for anything else.
 * @example typedCommand('Бас мәзір 🏠') // { name: 'menu', args: '', word: true }
 * @example typedCommand('помощ') // { name: 'help', args: '', word: true }
 * @example typedCommand('меню не открывается') // null: a sentence, not a command
 */
export function typedCommand(text: string): TypedCommand | null {
  const slash = parseSlashCommand(text);
  if (slash) return slash;
  if (text.length > 40) return null;
  const said = asCyrillic(normaliseAnswer(text));
  if (!said || NOT_SLIPS.has(said)) return null;
  const loose = fold(said);
  const hit = COMMAND_WORDS.find((c) => c.word === said || (said.length >= 4 && distance(loose, c.loose) <= c.slips));
  return hit ? { name: hit.name, args: '', word: true } : null;
}

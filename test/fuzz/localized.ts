/**
 * @module What a localized reply may contain. A raw i18n key (`bot:menu.title`), an interpolation left open
 * (`{{amount}}`), a JavaScript value printed as text (`undefined`, `NaN`, `[object Object]`) or an English word is a
 * defect. Latin words are allowed only where the translators wrote them themselves (brand and plan names such as
 * Megaline, Telegram, SMS appear in the locale files), inside links, and in data the reply quotes (an equipment
 * model, a model or serial number).
 */
import { readLocales } from '../../core/i18n/i18n.ts';
import { DEMO_SUBSCRIBERS } from '../../core/demo/demo-data.ts';

const locales = readLocales();
const NAMESPACES = Object.keys(locales.ru);

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const LATIN_WORD = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/g;

/** Every Latin word the translators used, and the names of the plans the bot quotes. */
const ALLOWED = new Set<string>(
  [
    ...strings(locales, []).flatMap((s) => s.replace(URL, ' ').replace(/\{\{[^}]*\}\}/g, ' ').match(LATIN_WORD) ?? []),
    ...DEMO_SUBSCRIBERS.flatMap((s) => s.plan.match(LATIN_WORD) ?? []),
  ].map((w) => w.toLowerCase()),
);

const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES.join('|')}):[a-z][\\w-]*(?:\\.[\\w-]+)+`);
const LEAKS = [/\{\{|\}\}/, /\bundefined\b/, /\bNaN\b/, /\[object \w+\]/, /\bnull\b/, /\bInvalid Date\b/];

/**
 * The problems of one reply text, empty when it reads as a localized message. `echoed` is what the subscriber
 * typed, which a reply may quote back (it is not the bot's language); `dataWords` are names from the store.
 */
export function localizationProblems(text: string, echoed: readonly string[] = [], dataWords: readonly string[] = []): string[] {
  let own = text.replace(URL, ' ');
  for (const word of dataWords) own = own.split(word).join(' ');
  // Model and serial numbers (H108N, ZTE0A1B2C3) are data, not words.
  own = own.replace(/\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+\b/g, ' ');
  // Quotes of what was typed, as whole words only (a typed "nu" is not the end of "/menu"); only those with letters.
  for (const quote of echoed) {
    const trimmed = quote.trim();
    if (/\p{L}/u.test(trimmed)) own = own.replace(new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{M}])`, 'gu'), ' ');
  }
  const problems: string[] = [];
  const key = RAW_KEY.exec(own);
  if (key) problems.push(`raw i18n key ${key[0]}`);
  for (const leak of LEAKS) if (leak.test(own)) problems.push(`leaked value ${leak.source}`);
  const english = (own.match(LATIN_WORD) ?? []).filter((w) => !ALLOWED.has(w.toLowerCase()));
  if (english.length > 0) problems.push(`Latin words ${[...new Set(english)].slice(0, 5).join(', ')}`);
  if (!/[\u0400-\u04ff]/.test(own) && own.trim().length > 0 && !/^[\d\s.,:;—–()+₸%№/-]+$/.test(own)) problems.push('no Cyrillic at all');
  return problems;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

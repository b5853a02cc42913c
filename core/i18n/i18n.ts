/**
 * @module Translations: loads every `locales/<lang>/<namespace>.json` into one i18next instance.
 * Keys are addressed as `namespace:key.path`, e.g. `t('balance:reply', { amount })`.
 */
import i18next, { type Resource, type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from './model.ts';
import { compiledTranslator } from './compiled.ts';
import { singleFullStop } from './sentence.ts';

export { singleFullStop } from './sentence.ts';

export const LANGUAGES: readonly Language[] = ['kk', 'ru'];
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

export type Translate = TFunction;

const SENTENCE = { type: 'postProcessor' as const, name: 'singleFullStop', process: (value: string) => singleFullStop(value) };

/** Reads all locale files: { kk: { namespace: {...} }, ru: {...} }. */
export function readLocales(dir = LOCALES_DIR): Record<Language, Record<string, Record<string, unknown>>> {
  const out: Record<Language, Record<string, Record<string, unknown>>> = { kk: {}, ru: {} };
  for (const lang of LANGUAGES) {
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      out[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, lang, file), 'utf8'));
    }
  }
  return out;
}

let instance: typeof i18next | null = null;

/** The shared i18next instance, initialised once from the locale files. */
export function i18n(): typeof i18next {
  if (instance) return instance;
  const resources = readLocales();
  const created = i18next.createInstance().use(SENTENCE);
  void created.init({
    resources: resources as Resource,
    lng: 'ru',
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources.ru),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    postProcess: [SENTENCE.name],
    initAsync: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

const translators = new Map<Language, Translate>();

/**
 * A translate function fixed to one language, made once per language. Each key's text is looked up and its
 * `{{placeholders}}` compiled once (compiled.ts); whatever that fast path does not cover (plurals, context, nesting,
 * formats, a default value, a missing key) goes to i18next itself, so the text is always what i18next would give.
 */
export function translator(language: Language): Translate {
  let t = translators.get(language);
  if (!t) {
    t = compiledTranslator(i18n(), language);
    translators.set(language, t);
  }
  return t;
}

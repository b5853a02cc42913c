/**
 * @module Translation texts compiled once (issue 21): i18next resolves a key, its namespace, plural and context
 * rules and interpolation options on every call, which is a good part of a dialog step. The common case — a key whose
 * text is a plain string with `{{name}}` placeholders, called with plain values — is compiled at first use into the
 * text's pieces and joined from then on (a `defaultValue` with it changes nothing: i18next uses it only for a missing
 * key). Everything else (plurals via `count`, `context`, `$t(…)` nesting, formats, arrays, objects, missing keys or
 * values) is handed to i18next unchanged, so the result is always what i18next gives.
 */
import type { i18n as I18n, TFunction } from 'i18next';
import type { Language } from './model.ts';
import { singleFullStop } from './sentence.ts';

/** A text with no placeholders, or the pieces between them and the names that go between. */
type Compiled = string | { pieces: string[]; names: string[] };

/** Options i18next reads itself; a call using any of them takes i18next's own path. */
const I18NEXT_OPTIONS = new Set([
  'count', 'context', 'defaultValue', 'returnObjects', 'returnDetails', 'lng', 'lngs', 'ns', 'keySeparator', 'nsSeparator',
  'interpolation', 'joinArrays', 'postProcess', 'ordinal', 'replace', 'skipInterpolation', 'fallbackLng', 'keyPrefix',
]);

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g;

/** The key's text compiled, or null when it is not a plain string i18next would return as is (plus interpolation). */
function compile(instance: I18n, language: Language, key: string): Compiled | null {
  const colon = key.indexOf(':');
  const ns = colon >= 0 ? key.slice(0, colon) : (instance.options.defaultNS as string);
  const path = colon >= 0 ? key.slice(colon + 1) : key;
  const text: unknown = instance.getResource(language, ns, path);
  if (typeof text !== 'string' || text.includes('$t(')) return null;
  // Anything between braces that is not a bare name (formats, `{{- raw}}`, nested paths) is i18next's to read.
  if (text.replace(PLACEHOLDER, '').includes('{{')) return null;
  const pieces: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    pieces.push(text.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  if (names.length === 0) return text;
  pieces.push(text.slice(last));
  return { pieces, names };
}

/** A value i18next would put in as its plain string form (no nesting, no object formatting). */
const plain = (v: unknown): v is string | number | boolean | bigint =>
  (typeof v === 'string' && !v.includes('{{') && !v.includes('$t(')) || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';

/** `t` for one language: the compiled fast path, i18next's `getFixedT` for the rest. */
export function compiledTranslator(instance: I18n, language: Language): TFunction {
  const slow = instance.getFixedT(language);
  const slowCall = slow as unknown as (...args: unknown[]) => unknown;
  const cache = new Map<string, Compiled | null>();
  const t = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== 'string' || rest.length > 0 || (options !== undefined && (typeof options !== 'object' || options === null))) {
      return slowCall(key, options, ...rest);
    }
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = compile(instance, language, key);
      cache.set(key, compiled);
    }
    if (compiled === null) return slowCall(key, options);
    const values = options as Record<string, unknown> | undefined;
    // A `defaultValue` is i18next's answer only for a missing key, and this one has its text.
    if (values) for (const name in values) if (name !== 'defaultValue' && I18NEXT_OPTIONS.has(name)) return slowCall(key, options);
    if (typeof compiled === 'string') return compiled;
    let out = compiled.pieces[0]!;
    for (let i = 0; i < compiled.names.length; i += 1) {
      const value = values?.[compiled.names[i]!];
      if (!plain(value)) return slowCall(key, options);
      out += String(value) + compiled.pieces[i + 1]!;
    }
    // What i18next's post-processor does (a date's "г." before the sentence's full stop): the same text either way.
    return out.includes('..') ? singleFullStop(out) : out;
  };
  // The same own properties (lng, ns, …) as the function i18next would have handed out.
  return Object.assign(t, slow) as unknown as TFunction;
}

/**
 * Texts compiled once (issue 21) read exactly as i18next would write them: every key of every namespace, in kk and
 * ru, with its placeholders filled (plain values, a count, a default value, a value missing), is the same through
 * `translator()` as through i18next's own `getFixedT`.
 */
import { describe, expect, it } from 'vitest';
import { i18n, LANGUAGES, readLocales, translator } from '../../core/i18n/i18n.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const locales = readLocales();

/** Every key a caller may ask for: plural forms by their base key too. */
function keysFor(lang: (typeof LANGUAGES)[number]): string[] {
  const keys = Object.entries(locales[lang]).flatMap(([ns, tree]) => keysOf(tree).map((k) => `${ns}:${k}`));
  return [...new Set(keys.flatMap((k) => [k, k.replace(/_(zero|one|two|few|many|other)$/, '')]))];
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*-?\s*([\w.$]+)/g)].map((m) => m[1]!);

describe('texts compiled once', () => {
  for (const lang of LANGUAGES) {
    it(`Should give every ${lang} text exactly as i18next does, whatever the options`, () => {
      const fast = translator(lang);
      const slow = i18n().getFixedT(lang);
      const keys = keysFor(lang);
      expect(keys.length).toBeGreaterThan(100);
      for (const key of keys) {
        const raw = String(slow(key, { interpolation: { skipOnVariables: true } }));
        const names = placeholders(raw);
        const filled = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 1234 + i : `значение ${i}`]));
        const cases: Record<string, unknown>[] = [
          {}, filled, { ...filled, count: 1 }, { ...filled, count: 5 }, { ...filled, defaultValue: 'по умолчанию' },
          Object.fromEntries(names.slice(1).map((n) => [n, 'x'])),
        ];
        expect(fast(key), key).toBe(slow(key));
        for (const options of cases) expect(fast(key, options), `${key} ${JSON.stringify(options)}`).toBe(slow(key, options));
      }
      expect(fast('no:such.key')).toBe(slow('no:such.key'));
      expect(fast('no:such.key', { defaultValue: 'запасной' })).toBe('запасной');
    });
  }
});

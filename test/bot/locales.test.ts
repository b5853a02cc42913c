/**
 * Every user-facing string exists in both languages: kk and ru files have identical key sets, and every
 * translation key the bot's source uses (`t('ns:key')`, labels and descriptions in the registry) exists in both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import { i18n, readLocales, singleFullStop, translator } from '../../core/i18n/i18n.ts';

const root = join(import.meta.dirname, '../..');

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const locales = readLocales();
const namespaces = Object.keys(locales.ru);

describe('locales', () => {
  it('Should have the same namespaces in kk and ru', () => {
    expect(Object.keys(locales.kk).sort()).toEqual([...namespaces].sort());
  });

  it.each(namespaces)('Should have identical key sets in kk and ru for %s.json', (ns) => {
    expect(keysOf(locales.kk[ns]).sort()).toEqual(keysOf(locales.ru[ns]).sort());
  });

  it.each(namespaces)('Should have no empty strings in %s.json', (ns) => {
    for (const lang of ['kk', 'ru'] as const) {
      const empty = keysOf(locales[lang][ns]).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], locales[lang][ns]);
        return typeof v === 'string' && v.trim() === '';
      });
      expect(empty, `${lang}/${ns}.json`).toEqual([]);
    }
  });

  it('Should find every key the bot source uses, in both languages', () => {
    const used = new Set<string>();
    const pattern = new RegExp(`['"\`]((?:${namespaces.join('|')}):[A-Za-z0-9_.]+)['"\`]`, 'g');
    for (const file of sourceFiles(join(root, 'bot'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const key of used) {
      for (const lng of ['kk', 'ru']) {
        // Plural keys live as key_one/key_other; i18next resolves them with a count.
        if (!i18n().exists(key, { lng }) && !i18n().exists(key, { lng, count: 2 })) missing.push(`${lng} ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('Should write Kazakh and Russian in Cyrillic, with no English leftovers in the bot texts', () => {
    for (const lang of ['kk', 'ru'] as const) {
      for (const key of keysOf(locales[lang].bot)) {
        const value = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], locales[lang].bot) as string;
        const words = value.replace(/\{\{\w+\}\}|https?:\S+|\/\w+|Megaline|Telegram|WhatsApp|SMS|KT/g, '');
        expect(/[A-Za-z]{3,}/.test(words), `${lang} bot:${key}: ${value}`).toBe(false);
      }
    }
  });
});

describe('one word for Cancel in Kazakh (issue 14 item 3)', () => {
  it('Should label every Kazakh cancel "Болдырмау", never "Бас тарту" (which also means "refuse")', () => {
    const cancels: [string, string][] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string') {
        if (/(^|\.)cancel$/.test(path)) cancels.push([path, value]);
        return;
      }
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    };
    for (const [ns, tree] of Object.entries(locales.kk)) walk(tree, ns);
    expect(cancels.length).toBeGreaterThan(2);
    for (const [path, value] of cancels) {
      expect(value, path).toMatch(/болдырмау/i);
      expect(value, path).not.toMatch(/бас тарту/i);
    }
  });
});

describe('dates at the end of a sentence (issue 14 item 7)', () => {
  /** Every template where a placeholder is followed by a full stop, each placeholder filled with a date. */
  const dated = (lang: 'kk' | 'ru') =>
    Object.entries(locales[lang]).flatMap(([ns, tree]) =>
      keysOf(tree).flatMap((key) => {
        const value = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], tree);
        return typeof value === 'string' && /\{\{\w+\}\}\./.test(value) ? [`${ns}:${key}`] : [];
      }));

  it.each(['kk', 'ru'] as const)('Should end every %s sentence that ends in a date with one full stop, never ".."', (lang) => {
    const keys = dated(lang);
    expect(keys.length).toBeGreaterThan(10);
    const t = i18n().getFixedT(lang);
    const date = formatDate('2027-01-01', lang);
    const doubled: string[] = [];
    for (const key of keys) {
      const template = key.split(':')[1]!.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], locales[lang][key.split(':')[0]!]) as string;
      const values = Object.fromEntries([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1]!, date]));
      const rendered = t(key, { ...values, count: 2 }) as string;
      if (/(?<!\.)\.\.(?!\.)/.test(rendered)) doubled.push(`${key}: ${rendered}`);
      // The product's own translator too: its compiled fast path (no count) must say the same.
      const fast = translator(lang)(key, values) as string;
      if (/(?<!\.)\.\.(?!\.)/.test(fast)) doubled.push(`${key} (compiled): ${fast}`);
    }
    expect(doubled).toEqual([]);
  });

  it('Should keep an ellipsis and a date inside a sentence as they are', () => {
    const t = i18n().getFixedT('ru');
    expect(formatDate('2027-01-01', 'ru')).toBe('1 января 2027 г.');
    expect(t('rules:plan.effective', { date: formatDate('2027-01-01', 'ru') })).toBe('Новый тариф начнёт действовать 1 января 2027 г.');
    expect(singleFullStop('Подождите...')).toBe('Подождите...');
  });
});

describe('amounts never break at the thousands separator on phones (issue 14 item 7)', () => {
  it('Should format every amount with no-break spaces only, in both languages', () => {
    for (const lang of ['kk', 'ru'] as const) {
      for (const tiyn of [0, 10_000, 1_234_567_89, -724_550, 50_000_000]) {
        const shown = formatMoney(tiyn, lang);
        expect(shown, shown).not.toMatch(/[ \t]/);
        expect(shown).toMatch(/\u00a0₸$/);
      }
    }
  });

  it('Should write the sample amounts of every kk and ru text with a no-break space between thousands', () => {
    const broken: string[] = [];
    for (const lang of ['kk', 'ru'] as const) {
      for (const [ns, tree] of Object.entries(locales[lang])) {
        for (const key of keysOf(tree)) {
          const value = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], tree);
          if (typeof value !== 'string') continue;
          // Phone numbers and IBANs are grouped with ordinary spaces on purpose; amounts are not.
          const prose = value.replace(/\+?[78] \d{3} \d{3} \d{2} \d{2}/g, '').replace(/KZ[0-9A-Z ]+/g, '');
          if (/\d \d{3}(?!\d)/.test(prose)) broken.push(`${lang} ${ns}:${key}: ${value}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

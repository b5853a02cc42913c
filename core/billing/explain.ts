/**
 * @module Turning a rule's outcome into words: money as ₸ and dates in the subscriber's language, with the words
 * from `locales/<lang>/rules.json`. Reason params named `…Tiyn` become formatted money without the suffix
 * (`amountTiyn` → `{{amount}}`); `YYYY-MM-DD` values become dates.
 */
import type { Language } from '../i18n/model.ts';
import { translator } from '../i18n/i18n.ts';
import { formatMoney } from './money.ts';
import { almatyDate } from './calendar.ts';

/**
 * An Almaty date in words. @example formatDate('2026-03-25', 'ru') // '25 марта 2026 г.'
 * @example formatDate('2026-03-25', 'kk') // '2026 жылғы 25 наурыз'
 */
export function formatDate(date: string | Date, language: Language): string {
  const iso = typeof date === 'string' ? date : almatyDate(date);
  const t = translator(language);
  return t('rules:date.format', { day: Number(iso.slice(8, 10)), month: t(`rules:date.month.${Number(iso.slice(5, 7))}`), year: iso.slice(0, 4) });
}

/** An instant as an Almaty date and time. @example formatDateTime(new Date('2026-03-25T10:05:00Z'), 'ru') // '25 марта 2026 г., 15:05' */
export function formatDateTime(at: Date, language: Language): string {
  const local = new Date(at.getTime() + 5 * 3_600_000).toISOString();
  return translator(language)('rules:date.time', { date: formatDate(at, language), hours: local.slice(11, 13), minutes: local.slice(14, 16) });
}

/** Interpolation values for a reason: money and dates formatted for `language`. */
export function reasonParams(params: Record<string, string | number> | undefined, language: Language): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (key.endsWith('Tiyn') && typeof value === 'number') out[key.slice(0, -4)] = formatMoney(value, language);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) out[key] = formatDate(value, language);
    else out[key] = value;
  }
  return out;
}

/** The sentence explaining a refused result. @example explain({ ok: false, reason: 'rules:deny.overdueDebt', params: { amountTiyn: 500000 } }, 'ru') */
export function explain(result: { reason: string; params?: Record<string, string | number> }, language: Language): string {
  return translator(language)(result.reason, reasonParams(result.params, language));
}

/**
 * @module Money: integer tiyn (1 ₸ = 100 tiyn) and how it is shown in Kazakh and Russian. Both languages in
 * Kazakhstan write `7 245,50 ₸`: a no-break space between thousands, a comma before tiyn, the sign after.
 */
import type { Language } from '../i18n/model.ts';

const GROUP = '\u00a0';
const NBSP = '\u00a0';

/** Tenge to tiyn, exact for amounts given with at most two decimals. @example tenge(7245.5) // 724550 */
export function tenge(amount: number): number {
  return Math.round(amount * 100);
}

/**
 * Formats tiyn as tenge for people. Whole amounts drop the ",00".
 * @example formatMoney(724550, 'ru') // '7 245,50 ₸'
 * @example formatMoney(624000, 'kk') // '6 240 ₸'
 */
export function formatMoney(tiyn: number, _language: Language): string {
  const sign = tiyn < 0 ? '−' : '';
  const abs = Math.abs(Math.trunc(tiyn));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  const cents = abs % 100;
  return `${sign}${whole}${cents ? `,${String(cents).padStart(2, '0')}` : ''}${NBSP}₸`;
}

/** Rounds a fraction of tiyn half up: used once at the end of every computation, never in between. */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * @module Reading an amount of money a subscriber types ("5000", "5 000,50", "7245.5 ₸", "5000 тг") into tiyn,
 * exactly, without floating point.
 */
import type { Result } from '../billing/port.ts';

/**
 * Parses a typed amount of tenge into tiyn. Spaces group thousands; a comma or a point starts the tiyn.
 * @example parseAmount('7 245,50 ₸') // { ok: true, value: 724550 }
 */
export function parseAmount(text: string): Result<number> {
  const cleaned = text
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(₸|тг|тенге|теңге|kzt)\.?$/u, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return { ok: false, reason: 'selfservice:pay.amountFormat' };
  const tiyn = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (tiyn <= 0) return { ok: false, reason: 'selfservice:pay.amountFormat' };
  return { ok: true, value: tiyn };
}

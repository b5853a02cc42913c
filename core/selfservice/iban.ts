/**
 * @module Kazakhstan IBANs (20 characters: KZ, two check digits, 3-digit bank code, 13-character account), where a
 * prepayment is refunded on termination within 10 working days (cl. 21(2)). Checked by the ISO 13616 mod-97 rule.
 */
import type { Result } from '../billing/port.ts';
import { isKazakhIban } from '../refusal/refusal.ts';

/**
 * Normalises a typed KZ IBAN, checks its form (core/refusal's rule) and its check digits, so a typo is caught in the
 * chat rather than by the bank ten working days later.
 * @example parseIban('kz86 125k zt50 0410 0100') // { ok: true, value: 'KZ86125KZT5004100100' }
 */
export function parseIban(text: string): Result<string> {
  const iban = text.replace(/[\s-]/g, '').toUpperCase();
  if (!isKazakhIban(iban)) return { ok: false, reason: 'rules:refusal.invalidIban' };
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1 ? { ok: true, value: iban } : { ok: false, reason: 'rules:refusal.invalidIban' };
}

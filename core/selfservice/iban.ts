/**
 * @module Kazakhstan IBANs (20 characters: KZ, two check digits, 3-digit bank code, 13-character account), where a
 * prepayment is refunded on termination within 10 working days (cl. 21(2)). Checked by the ISO 13616 mod-97 rule.
 */
import type { Result } from '../billing/port.ts';

/**
 * Normalises and checks a KZ IBAN.
 * @example parseIban('kz86 125k zt50 0410 0100') // { ok: true, value: 'KZ86125KZT5004100100' }
 */
export function parseIban(text: string): Result<string> {
  const iban = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^KZ\d{2}[0-9A-Z]{16}$/.test(iban)) return { ok: false, reason: 'selfservice:refusal.ibanInvalid' };
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1 ? { ok: true, value: iban } : { ok: false, reason: 'selfservice:refusal.ibanInvalid' };
}

/** @module Human-friendly ticket numbers (T-000123) and the console's search box parsing. */
// The full metadata, as core/verification/phone.ts reads numbers: one copy loaded, not the full and the small one.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Shows a ticket number the way subscribers and agents quote it.
 * @example formatTicketNumber(123) // 'T-000123'
 */
export function formatTicketNumber(number: number): string {
  return `T-${String(number).padStart(6, '0')}`;
}

/**
 * Reads a ticket number as people type it: `T-000123`, `t123`, `№123`, `123`.
 * @example parseTicketNumber('T-000123') // { ok: true, value: 123 }
 */
export function parseTicketNumber(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const m = /^\s*(?:[TtТт]\s*-?\s*|№\s*|#\s*)?0*(\d{1,9})\s*$/.exec(text);
  if (!m?.[1]) return { ok: false, reason: 'tickets:error.bad_number' };
  const value = Number.parseInt(m[1], 10);
  return value > 0 ? { ok: true, value } : { ok: false, reason: 'tickets:error.bad_number' };
}

/**
 * The console's search box: a ticket number, or a Kazakh phone number in any common form.
 * @example parseTicketSearch('+7 701 234 56 78') // { phone: '+77012345678' }
 */
export function parseTicketSearch(text: string): { number: number } | { phone: string } | null {
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 10) {
    const parsed = parsePhoneNumberFromString(digits.length === 11 && digits.startsWith('8') ? `+7${digits.slice(1)}` : text, 'KZ');
    if (parsed?.isValid()) return { phone: parsed.number };
  }
  const n = parseTicketNumber(text);
  return n.ok ? { number: n.value } : null;
}

/**
 * @module Kazakh mobile numbers: normalisation of the forms people type (`+7 701 234 56 78`, `87012345678`,
 * `7012345678`, `8 (701) 234-56-78`) to E.164, and masking for display.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: 'verification:phone_invalid' };

/**
 * Normalises a Kazakh mobile number to E.164. Landlines and other countries' numbers are refused: codes go to
 * mobile numbers only (contract cl. 3: "the mobile number identified by the operator").
 * @example normalizeKzMobile('87012345678') // { ok: true, value: '+77012345678' }
 */
export function normalizeKzMobile(raw: string): PhoneResult {
  return normalizeKz(raw, ['MOBILE', 'FIXED_LINE_OR_MOBILE']);
}

/**
 * Normalises any Kazakh number a person can be called on — mobile or a home line (`8 727 258 12 34`) — to E.164;
 * for call lists, where the operator's fixed-line subscribers are reached at home.
 * @example normalizeKzPhone('8 (727) 258-12-34') // { ok: true, value: '+77272581234' }
 */
export function normalizeKzPhone(raw: string): PhoneResult {
  return normalizeKz(raw, ['MOBILE', 'FIXED_LINE_OR_MOBILE', 'FIXED_LINE']);
}

function normalizeKz(raw: string, types: readonly string[]): PhoneResult {
  const cleaned = raw.trim().slice(0, 40);
  const parsed = /\d/.test(cleaned) ? parsePhoneNumberFromString(cleaned, 'KZ') : undefined;
  if (!parsed || !parsed.isValid() || parsed.country !== 'KZ') return { ok: false, reason: 'verification:phone_invalid' };
  if (!types.includes(parsed.getType() ?? '')) return { ok: false, reason: 'verification:phone_invalid' };
  return { ok: true, value: parsed.number };
}

/**
 * Masks the middle of an E.164 Kazakh number for display to the subscriber.
 * @example maskPhone('+77012345678') // '+7 701 *** ** 78'
 */
export function maskPhone(e164: string): string {
  const d = e164.replace(/\D/g, '');
  if (d.length !== 11) return '***';
  return `+${d[0]} ${d.slice(1, 4)} *** ** ${d.slice(9)}`;
}

/**
 * @module One-time codes: generation (uniform random digits), the keyed hash that is stored instead of the code
 * (HMAC-SHA256 bound to the challenge id), and the constant-time comparison.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A uniformly random code of `length` digits (leading zeros allowed). */
export function generateCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += String(randomInt(10));
  return code;
}

/** The stored form of a code: HMAC-SHA256(key, `${challengeId}:${code}`) in hex. */
export function hashCode(key: Buffer, challengeId: string, code: string): string {
  return createHmac('sha256', key).update(`${challengeId}:${code}`).digest('hex');
}

/** Compares a typed code with the stored hash in constant time. */
export function codeMatches(key: Buffer, challengeId: string, typed: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(key, challengeId, typed), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Strips spaces and dashes people put into codes; returns null unless exactly `length` digits remain. */
export function cleanCode(raw: string, length: number): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${length}}$`).test(digits) ? digits : null;
}

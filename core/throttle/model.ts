/**
 * @module The nouns of throttling (issue 20): a hit is one event someone caused — a code asked for, a wrong code, a
 * wrong password — counted against a key in a scope within rolling windows. Keys and values are one-way hashes
 * (keys.ts), so the store never holds a phone number or a client address in clear for this.
 */

export interface ThrottleHit {
  /** What was counted: `otp.code`, `otp.wrong`, `otp.numbers`, `login.failed` … */
  scope: string;
  /** Whose it is: a hashed number, chat, address or client + account. */
  key: string;
  /** A hashed value when distinct values are counted (numbers per address), else null. */
  value: string | null;
  at: Date;
  /** After this it counts in no window and may be purged. */
  expiresAt: Date;
}

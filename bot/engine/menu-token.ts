/** @module Menu tokens: short random ids that tie a pressed button to the menu it was on (stale buttons are told apart). */
import { randomBytes } from 'node:crypto';

/** Random bytes drawn a page at a time (one `randomBytes` call costs ~20 µs here, whatever its size). */
let pool = Buffer.alloc(0);
let drawn = 0;

/** A new menu token: 6 random bytes, base64url (8 characters). */
export function randomToken(): string {
  if (drawn + 6 > pool.length) {
    pool = randomBytes(6 * 512);
    drawn = 0;
  }
  drawn += 6;
  return pool.toString('base64url', drawn - 6, drawn);
}

/** @module Throttle keys: a short one-way hash of the parts, so counters name no number or address in clear. */
import { createHash } from 'node:crypto';

/** @example throttleKey('phone', '+77011234567', 'chat', 'telegram:42') // 'Yk3…' (22 characters) */
export function throttleKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

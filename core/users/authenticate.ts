/**
 * @module Sign-in with e-mail and password. After `MAX_FAILED_LOGINS` wrong passwords in a row the account locks
 * for `LOCK_MINUTES` (store fields `failedLogins` / `lockedUntil`). The answer never says whether the e-mail exists
 * or the account is locked, and an unknown e-mail costs the same scrypt work as a known one.
 */
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../store/store.ts';
import type { ConsoleUser } from '../store/types.ts';
import { auditUser } from './audit.ts';
import { hashPassword, verifyPassword } from './password.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type AuthResult = { ok: true; value: ConsoleUser } | { ok: false; reason: 'admin:signin.failed' };

const FAILED = { ok: false, reason: 'admin:signin.failed' } as const;

let dummyHash: Promise<string> | null = null;

/** Console e-mails are compared case-insensitively: stored and looked up in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks the credentials and keeps the failure counter and lock up to date.
 * @example const r = await authenticate(store, clock, 'Admin@Example.kz', 'secret'); if (r.ok) startSession(...)
 */
export async function authenticate(store: Store, clock: Clock, email: string, password: string): Promise<AuthResult> {
  const user = await store.users.findByEmail(normaliseEmail(email));
  if (!user) {
    dummyHash ??= hashPassword('not a real password');
    await verifyPassword(password, await dummyHash);
    return FAILED;
  }
  const now = clock.now();
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  const matches = await verifyPassword(password, user.passwordHash);
  if (!user.active || locked) return FAILED;
  if (!matches) {
    const failures = user.failedLogins + 1;
    if (failures >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      await store.users.update(user.id, { failedLogins: 0, lockedUntil: until });
      await auditUser(store, clock, { type: 'system' }, 'user.locked', user.id, { failures, until: until.toISOString() });
    } else {
      await store.users.update(user.id, { failedLogins: failures });
    }
    return FAILED;
  }
  if (user.failedLogins > 0 || user.lockedUntil) await store.users.update(user.id, { failedLogins: 0, lockedUntil: null });
  await auditUser(store, clock, { type: 'user', id: user.id }, 'user.signed_in', user.id);
  return { ok: true, value: { ...user, failedLogins: 0, lockedUntil: null } };
}

/**
 * @module Sign-in with e-mail and password. Wrong passwords never lock the account (anyone could lock out an
 * administrator that way): the client that types them is slowed down instead (sign-in-throttle.ts). `failedLogins`
 * counts the failures since the last sign-in, for the users page. The answer never says whether the e-mail exists,
 * and an unknown e-mail costs the same scrypt work as a known one.
 */
import type { Clock } from '../ports/clock.ts';
import type { ConsoleUser } from './model.ts';
import { auditUser } from './audit.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { UserRepositories } from './repository.ts';

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
export async function authenticate(store: Pick<UserRepositories, 'audit' | 'users'>, clock: Clock, email: string, password: string): Promise<AuthResult> {
  const user = await store.users.findByEmail(normaliseEmail(email));
  if (!user) {
    dummyHash ??= hashPassword('not a real password');
    await verifyPassword(password, await dummyHash);
    return FAILED;
  }
  const matches = await verifyPassword(password, user.passwordHash);
  if (!user.active) return FAILED;
  if (!matches) {
    await store.users.update(user.id, { failedLogins: user.failedLogins + 1 });
    return FAILED;
  }
  if (user.failedLogins > 0 || user.lockedUntil) await store.users.update(user.id, { failedLogins: 0, lockedUntil: null });
  await auditUser(store, clock, { type: 'user', id: user.id }, 'user.signed_in', user.id);
  return { ok: true, value: { ...user, failedLogins: 0, lockedUntil: null } };
}

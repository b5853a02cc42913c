/** @module Makes sure the console has an administrator on first start. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import { normaliseEmail } from './authenticate.ts';
import { generatePassword, hashPassword } from './password.ts';
import type { UserRepositories } from './repository.ts';

export interface EnsureAdminResult {
  created: boolean;
  /** Set only when a password was generated; shown once to whoever started the product. */
  generatedPassword: string | null;
}

/**
 * Creates the administrator `email` when the console has no users yet, with `password` or a generated one.
 * Does nothing when any user exists, so a changed password is never reset by a restart.
 */
export async function ensureAdmin(store: Pick<UserRepositories, 'audit' | 'users'>, clock: Clock, email: string, password?: string): Promise<EnsureAdminResult> {
  if ((await store.users.count()) > 0) return { created: false, generatedPassword: null };
  const chosen = password ?? generatePassword();
  const id = randomUUID();
  await store.users.create({
    id,
    email: normaliseEmail(email),
    name: 'Administrator',
    passwordHash: await hashPassword(chosen),
    roles: ['admin'],
    language: 'ru',
    active: true,
    failedLogins: 0,
    // A generated password is a temporary one: whoever signs in with it sets their own first.
    mustChangePassword: password === undefined,
    lockedUntil: null,
    createdAt: clock.now(),
  });
  await store.audit.append({
    id: randomUUID(), at: clock.now(), actorType: 'system', actorId: null, action: 'user.created', entity: 'user',
    entityId: id, details: { email: normaliseEmail(email), roles: ['admin'], reason: 'first start' },
  });
  return { created: true, generatedPassword: password ? null : chosen };
}

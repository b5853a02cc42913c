/**
 * @module Console user management (seed 003 cl. 36: the administrator adds users and roles): create, change roles,
 * deactivate / reactivate, reset a password, change one's own password. Every change is written to the audit log;
 * passwords never are. The console keeps at least one active administrator.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { Language } from '../i18n/model.ts';
import type { ConsoleUser, Role } from './model.ts';
import { auditUser, type UserActor } from './audit.ts';
import { normaliseEmail } from './authenticate.ts';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import type { UserRepositories } from './repository.ts';

export const MIN_PASSWORD_LENGTH = 10;

export type UserResult<T> = { ok: true; value: T } | { ok: false; reason: string };

interface Deps {
  store: Pick<UserRepositories, 'audit' | 'consoleSessions' | 'users'>;
  clock: Clock;
}

const fail = (reason: string) => ({ ok: false, reason }) as const;

async function otherActiveAdmins(store: Pick<UserRepositories, 'users'>, exceptId: string): Promise<number> {
  return (await store.users.list()).filter((u) => u.id !== exceptId && u.active && u.roles.includes('admin')).length;
}

/**
 * Creates a user with a generated temporary password, returned once so the administrator can hand it over; the
 * user must set their own at the first sign-in.
 * @example const r = await createUser(deps, actor, { email, name, roles: ['agent'], language: 'kk' })
 */
export async function createUser(
  { store, clock }: Deps,
  actor: UserActor,
  input: { email: string; name: string; roles: Role[]; language: Language },
): Promise<UserResult<{ user: ConsoleUser; temporaryPassword: string }>> {
  const email = normaliseEmail(input.email);
  if (await store.users.findByEmail(email)) return fail('admin:users.error.email_taken');
  if (input.roles.length === 0) return fail('admin:users.error.no_roles');
  const temporaryPassword = generatePassword();
  const user: ConsoleUser = {
    id: randomUUID(),
    email,
    name: input.name.trim(),
    passwordHash: await hashPassword(temporaryPassword),
    roles: [...new Set(input.roles)],
    language: input.language,
    active: true,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: clock.now(),
    mustChangePassword: true,
  };
  await store.users.create(user);
  await auditUser(store, clock, actor, 'user.created', user.id, { email, roles: user.roles });
  return { ok: true, value: { user, temporaryPassword } };
}

/** Replaces a user's roles; refuses to leave the console without an active administrator. */
export async function setRoles({ store, clock }: Deps, actor: UserActor, userId: string, roles: Role[]): Promise<UserResult<ConsoleUser>> {
  const user = await store.users.get(userId);
  if (!user) return fail('admin:users.error.not_found');
  const next = [...new Set(roles)];
  if (next.length === 0) return fail('admin:users.error.no_roles');
  if (user.roles.includes('admin') && !next.includes('admin') && user.active && (await otherActiveAdmins(store, userId)) === 0) {
    return fail('admin:users.error.last_admin');
  }
  await store.users.update(userId, { roles: next });
  await auditUser(store, clock, actor, 'user.roles_changed', userId, { from: user.roles, to: next });
  return { ok: true, value: { ...user, roles: next } };
}

/** Deactivates (signing the user out everywhere) or reactivates a user. Nobody can deactivate themselves. */
export async function setActive({ store, clock }: Deps, actor: UserActor, userId: string, active: boolean): Promise<UserResult<ConsoleUser>> {
  const user = await store.users.get(userId);
  if (!user) return fail('admin:users.error.not_found');
  if (!active && actor.type === 'user' && actor.id === userId) return fail('admin:users.error.self_deactivate');
  if (!active && user.roles.includes('admin') && (await otherActiveAdmins(store, userId)) === 0) return fail('admin:users.error.last_admin');
  if (user.active === active) return { ok: true, value: user };
  await store.users.update(userId, active ? { active, failedLogins: 0, lockedUntil: null } : { active });
  if (!active) await store.consoleSessions.deleteForUser(userId);
  await auditUser(store, clock, actor, active ? 'user.activated' : 'user.deactivated', userId);
  return { ok: true, value: { ...user, active } };
}

/**
 * Sets a new generated password (returned once), lifts a lock and signs the user out everywhere; the user must set
 * their own at the next sign-in.
 */
export async function resetPassword({ store, clock }: Deps, actor: UserActor, userId: string): Promise<UserResult<{ user: ConsoleUser; temporaryPassword: string }>> {
  const user = await store.users.get(userId);
  if (!user) return fail('admin:users.error.not_found');
  const temporaryPassword = generatePassword();
  await store.users.update(userId, { passwordHash: await hashPassword(temporaryPassword), failedLogins: 0, lockedUntil: null, mustChangePassword: true });
  await store.consoleSessions.deleteForUser(userId);
  await auditUser(store, clock, actor, 'user.password_reset', userId);
  return { ok: true, value: { user, temporaryPassword } };
}

/** Changes one's own password after checking the current one; every session of the user ends (the caller starts a new one). */
export async function changeOwnPassword({ store, clock }: Deps, userId: string, current: string, next: string): Promise<UserResult<null>> {
  const user = await store.users.get(userId);
  if (!user || !user.active) return fail('admin:users.error.not_found');
  if (!(await verifyPassword(current, user.passwordHash))) return fail('admin:password.error.current_wrong');
  if (next.length < MIN_PASSWORD_LENGTH) return fail('admin:password.error.too_short');
  if (next === current) return fail('admin:password.error.same');
  await store.users.update(userId, { passwordHash: await hashPassword(next), mustChangePassword: false });
  await store.consoleSessions.deleteForUser(userId);
  await auditUser(store, clock, { type: 'user', id: userId }, 'user.password_changed', userId);
  return { ok: true, value: null };
}

/** Remembers the console language a user picked. Not audited: a preference, not a change to anyone's access. */
export async function setUserLanguage({ store }: Deps, userId: string, language: Language): Promise<void> {
  await store.users.update(userId, { language });
}

/**
 * @module Console sessions: the browser holds a random token in a cookie; the store keeps only its SHA-256 hash,
 * so a leaked database cannot be replayed as a session. Each session carries its own CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { ConsoleSession, ConsoleUser } from './model.ts';
import type { UserRepositories } from './repository.ts';

/** How long a session lasts from sign-in (absolute, not sliding): one working shift and a bit. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** SHA-256 of the cookie token, hex: the session's id in the store. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh random token (256 bits, base64url). Used for session cookies and CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface StartedSession {
  /** Goes into the cookie; never stored. */
  token: string;
  session: ConsoleSession;
}

/**
 * Opens a session for a signed-in user.
 * @example const { token } = await startSession(store, clock, user.id); setCookie(c, 'sid', token)
 */
export async function startSession(store: Pick<UserRepositories, 'consoleSessions' | 'users'>, clock: Clock, userId: string): Promise<StartedSession> {
  const token = randomToken();
  const now = clock.now();
  const session: ConsoleSession = {
    id: sessionIdOf(token),
    userId,
    csrfToken: randomToken(),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  };
  await store.consoleSessions.create(session);
  return { token, session };
}

/** The live session and its active user for a cookie token, or null (unknown, expired, user deactivated). */
export async function resolveSession(
  store: Pick<UserRepositories, 'consoleSessions' | 'users'>,
  clock: Clock,
  token: string,
): Promise<{ session: ConsoleSession; user: ConsoleUser } | null> {
  if (!token) return null;
  const session = await store.consoleSessions.get(sessionIdOf(token), clock.now());
  if (!session) return null;
  const user = await store.users.get(session.userId);
  if (!user || !user.active) return null;
  return { session, user };
}

/** Ends the session of this cookie token (sign-out). */
export async function endSession(store: Pick<UserRepositories, 'consoleSessions' | 'users'>, token: string): Promise<void> {
  await store.consoleSessions.delete(sessionIdOf(token));
}

/** @module Loads the signed-in user from the session cookie into `c.var` for every console request. */
import type { MiddlewareHandler } from 'hono';
import { resolveSession } from '../../core/users/sessions.ts';
import type { ConsoleDeps, ConsoleEnv } from '../context.ts';
import { permissionsOf } from '../permissions.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

/** Sets `user`, `session` and `permissions` (null / empty when signed out or the session is gone). */
export function loadSession({ store, clock }: ConsoleDeps): MiddlewareHandler<ConsoleEnv> {
  return async function loadSessionMiddleware(c, next) {
    const token = readCookie(c, SESSION_COOKIE);
    const found = token ? await resolveSession(store, clock, token) : null;
    c.set('user', found?.user ?? null);
    c.set('session', found?.session ?? null);
    c.set('permissions', permissionsOf(found?.user.roles ?? []));
    await next();
  };
}

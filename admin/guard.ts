/**
 * @module `requires(access)`: the permission check every console route declares. The middleware carries its
 * `access` as a property, so the route-permission test can read each route's declaration from `app.routes`.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { href, type ConsoleEnv } from './context.ts';
import { allows, type Access } from './permissions.ts';

export type Guard = MiddlewareHandler<ConsoleEnv> & { readonly access: Access };

/**
 * Refuses the request unless the signed-in user holds `access`: a signed-out page visit goes to the sign-in page,
 * anything else signed out is 401, a user without the permission gets 403.
 * @example app.get('/users', requires('users.manage'), (c) => ...)
 */
export function requires(access: Access): Guard {
  const guard: MiddlewareHandler<ConsoleEnv> = async function requiresPermission(c, next) {
    if (access === 'public') return next();
    const user = c.get('user');
    if (!user) {
      if (c.req.method === 'GET' && !c.req.header('accept')?.includes('text/event-stream')) {
        const back = new URL(c.req.url);
        return c.redirect(`${href('/sign-in')}?next=${encodeURIComponent(back.pathname + back.search)}`, 303);
      }
      throw new HTTPException(401, { message: 'signed out' });
    }
    if (!allows(user.roles, access)) throw new HTTPException(403, { message: `needs ${access}` });
    return next();
  };
  return Object.assign(guard, { access });
}

/** The declared access of a route handler, if it is a guard. */
export function accessOf(handler: unknown): Access | undefined {
  return typeof handler === 'function' && 'access' in handler ? (handler as Guard).access : undefined;
}

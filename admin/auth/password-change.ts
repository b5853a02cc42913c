/**
 * @module A user who signed in with a temporary password (a new user, or one an administrator reset) sets their own
 * before doing anything else: every page but the password form, signing out, the language switch and the static
 * files leads to the form; anything else is refused (403) with the reason.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { href, type ConsoleEnv } from '../context.ts';

const OPEN = ['/account', '/account/password', '/sign-out', '/sign-in', '/language'].map(href);

export function requirePasswordChange(): MiddlewareHandler<ConsoleEnv> {
  return async function passwordChangeFirst(c, next) {
    const user = c.get('user');
    if (!user?.mustChangePassword || OPEN.includes(c.req.path) || c.req.path.startsWith(href('/assets/'))) return next();
    const page = c.req.method === 'GET' && !c.req.header('accept')?.includes('text/event-stream') && !c.req.header('accept')?.includes('json');
    if (page) return c.redirect(href('/account'), 303);
    throw new HTTPException(403, { message: 'admin:password.must_change' });
  };
}

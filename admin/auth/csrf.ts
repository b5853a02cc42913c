/**
 * @module CSRF protection for every state-changing console request. Signed in, the token is the session's own;
 * before sign-in it is a double-submit token in a cookie. Forms send it as the hidden field `_csrf`, scripts as the
 * `x-csrf-token` header. A cross-site `Origin` is refused as well.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { randomToken } from '../../core/users/sessions.ts';
import type { ConsoleDeps, ConsoleEnv } from '../context.ts';
import { PRE_SESSION_COOKIE, readCookie, setPreSessionCookie } from './cookies.ts';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function providedToken(c: Parameters<MiddlewareHandler>[0]): Promise<string | null> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  try {
    const value = (await c.req.formData()).get(CSRF_FIELD);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function crossSite(origin: string | undefined, requestUrl: string): boolean {
  // "null" is what browsers send under a no-referrer policy or from privacy modes; the token still decides.
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== new URL(requestUrl).host;
  } catch {
    return true;
  }
}

/** Sets `csrfToken` for the page, and refuses (403) an unsafe request whose token is missing or wrong. */
export function csrfProtection({ config }: ConsoleDeps): MiddlewareHandler<ConsoleEnv> {
  return async function csrfMiddleware(c, next) {
    const session = c.get('session');
    let expected = session?.csrfToken ?? readCookie(c, PRE_SESSION_COOKIE) ?? null;
    if (SAFE_METHODS.has(c.req.method)) {
      if (!expected) {
        expected = randomToken();
        setPreSessionCookie(c, config, expected);
      }
      c.set('csrfToken', expected);
      return next();
    }
    const provided = await providedToken(c);
    if (!expected || !provided || !same(expected, provided) || crossSite(c.req.header('origin'), c.req.url)) {
      throw new HTTPException(403, { message: 'csrf' });
    }
    c.set('csrfToken', expected);
    return next();
  };
}

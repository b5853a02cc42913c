/**
 * @module Request-body size limits, by route, enforced before the body is read (issue 20 item 1).
 *
 * One guard (`limitBodies`) runs first on the whole server. A route declares its own limit by putting
 * `bodyLimit(bytes)` among its handlers; without one, the default applies (`BODY_LIMIT_KB`). A declared
 * `Content-Length` over the limit is answered 413 at once, nothing read; a body without one (chunked) is counted as
 * it streams and stops at the limit, so memory never holds more than the limit, however large the upload.
 *
 * @example
 * // an import route that takes call lists of up to BODY_LIMIT_UPLOAD_MB:
 * app.post('/campaigns/:id/import', bodyLimit(bodyLimits(config).upload), requires('campaigns.manage'), handler)
 *
 * A handler that streams an upload (csv-parse) sees the stream fail with a 413 `HTTPException` at the limit; it must
 * not keep what it read before (import in one transaction, or validate first), and must let that error through
 * rather than treat it as bad input. The guard turns whatever the handler answered then into the 413 answer.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import type { Config } from '../config/config.ts';
import { tooLargeAnswer } from './pages/plain.tsx';

const DECLARED = Symbol('bodyLimit');
type Declared = MiddlewareHandler & { [DECLARED]?: number };

const KB = 1024;
const MB = 1024 * KB;

/** The limits the configuration names, in bytes. */
export function bodyLimits(config: Config): { default: number; chat: number; callback: number; upload: number } {
  return {
    default: config.BODY_LIMIT_KB * KB,
    chat: config.BODY_LIMIT_CHAT_KB * KB,
    callback: config.BODY_LIMIT_CALLBACK_KB * KB,
    upload: config.BODY_LIMIT_UPLOAD_MB * MB,
  };
}

/** Declares this route's body limit; the guard reads the declaration (the middleware itself only passes on). */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const declared: Declared = async function bodyLimitDeclared(_c, next) {
    await next();
  };
  declared[DECLARED] = maxBytes;
  return declared;
}

/**
 * hono wraps the handlers of a sub-app mounted under a parent with its own error handler (the console under the
 * server) and keeps the original under this key; a declaration must be found through the wrapping.
 */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';

function unwrapped(handler: unknown): Declared {
  let h = handler as Declared & { [COMPOSED_HANDLER]?: unknown };
  while (h && h[COMPOSED_HANDLER]) h = h[COMPOSED_HANDLER] as typeof h;
  return h;
}

/** The limit the most specific matched route declares, else `fallback`. */
function limitFor(c: Context, fallback: number): number {
  let limit = fallback;
  for (const route of matchedRoutes(c)) {
    const declared = unwrapped(route.handler)[DECLARED];
    if (typeof declared === 'number') limit = declared;
  }
  return limit;
}

/** Requests whose body the guard left unread and unwrapped, with the limit the route declared (see `jsonBody`). */
const declaredLength = new WeakMap<Context, number>();

/** The server-wide guard; mount it first: `app.use('*', limitBodies({ defaultBytes }))`. */
export function limitBodies({ defaultBytes }: { defaultBytes: number }): MiddlewareHandler {
  return async function bodyLimitGuard(c, next) {
    // Asked before the body: on the Node server, touching `body` makes a web Request (and its streams) for it.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = limitFor(c, defaultBytes);
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      if (!/^\d+$/.test(length) || Number(length) > limit) return tooLargeAnswer(c, limit);
      declaredLength.set(c, limit);
      return next();
    }
    const body = c.req.raw.body;
    if (!body) return next();
    let seen = 0;
    let overflowed = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) {
            overflowed = true;
            controller.error(new HTTPException(413, { message: 'payload too large' }));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    if (overflowed) c.res = await tooLargeAnswer(c, limit);
  };
}

/**
 * The request's body parsed as JSON; null when it is not JSON. On the Node server a body of a declared length (which
 * the guard checked against the route's limit, and the HTTP parser holds it to) is read straight from the socket:
 * a web Request and its streams made only to read a chat message cost ≈ 90 µs of a web-chat step (issue 21).
 * Anything else (a chunked body, `app.request` in tests) goes through hono, where the guard counts it; over the
 * limit it rejects with the guard's 413.
 */
export async function jsonBody(c: Context): Promise<unknown> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || !declaredLength.has(c) || incoming.readableEnded) return c.req.json().catch(notJson);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function notJson(err: unknown): null {
  if (err instanceof HTTPException) throw err; // over the body limit: answered 413 by the guard
  return null;
}

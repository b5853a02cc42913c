/**
 * @module Web-chat HTTP routes: the page (`/`), the embeddable widget (`/widget.js`), the bot's messages as
 * server-sent events (`/webchat/events`) and the subscriber's input (`/webchat/send`).
 * Security: an anonymous session in an HttpOnly cookie (SameSite=Lax, or None+Secure+Partitioned over HTTPS so
 * the widget's frame works on the operator's site); every POST must come from our own origin (Origin header)
 * as JSON, which a cross-site form cannot send; per-session and per-address rate limits; escaped output.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { bodyLimit } from '../../core/server/body-limit.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Store } from '../../core/store/store.ts';
import type { Language } from '../../core/store/types.ts';
import type { ConversationRunner } from '../engine/runner.ts';
import { chatPage, CLIENT_SCRIPT } from './page.ts';
import { RateLimiter } from '../../core/server/rate-limit.ts';
import { externalIdOf, type WebChatChannel } from './webchat-channel.ts';
import { widgetScript } from './widget.ts';

export interface WebChatOptions {
  channel: WebChatChannel;
  runner: ConversationRunner;
  store: Store;
  logger: Logger;
  /** PUBLIC_URL: decides secure cookies and is an allowed origin besides the request's own host. */
  publicUrl: string | null;
  /** The largest post to `/webchat/send` (BODY_LIMIT_CHAT_KB), in bytes. */
  bodyLimitBytes: number;
}

const COOKIE = 'wc_session';
const SESSION_RE = /^[A-Za-z0-9_-]{43}$/;
const KEEPALIVE_MS = 20_000;

/** Waits `ms`, or less if `signal` aborts first; never keeps the process alive after shutdown. */
function sleepUnless(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function hintFrom(header: string | undefined): Language | null {
  const first = header?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'kk' || first === 'ru' ? first : null;
}

export function webChatRoutes(options: WebChatOptions): Hono {
  const { channel, runner, store, publicUrl } = options;
  const logger = options.logger.child({ module: 'webchat' });
  const secure = publicUrl?.startsWith('https://') ?? false;
  const publicHost = publicUrl ? new URL(publicUrl).host : null;
  const perSession = new RateLimiter(15, 40);
  const perAddress = new RateLimiter(60, 240);
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
  const widget = widgetScript();
  const app = new Hono();

  const session = (c: Context): string | null => {
    const value = getCookie(c, COOKIE);
    return value && SESSION_RE.test(value) ? value : null;
  };

  const ensureSession = (c: Context): string => {
    const existing = session(c);
    if (existing) return existing;
    const created = randomBytes(32).toString('base64url');
    setCookie(c, COOKIE, created, {
      httpOnly: true,
      path: '/',
      maxAge: 60 * 60 * 24 * 30,
      ...(secure ? { secure: true, sameSite: 'None', partitioned: true } : { sameSite: 'Lax' }),
    });
    return created;
  };

  /** CSRF: the browser's Origin (or Sec-Fetch-Site) must say the request comes from our own page. */
  const sameOrigin = (c: Context): boolean => {
    const origin = c.req.header('origin');
    if (!origin) return c.req.header('sec-fetch-site') === 'same-origin';
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    return host === c.req.header('host') || (publicHost !== null && host === publicHost);
  };

  app.get('/', async (c) => {
    const sid = ensureSession(c);
    const asked = c.req.query('lang');
    const chat = await store.chats.get(`webchat:${externalIdOf(sid)}`);
    const lang: Language = asked === 'kk' || asked === 'ru' ? asked : (chat?.language ?? hintFrom(c.req.header('accept-language')) ?? 'ru');
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors *`,
    );
    c.header('Cache-Control', 'no-store');
    return c.html(chatPage(lang, c.req.query('embed') === '1'));
  });

  app.get('/widget.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(widget);
  });

  app.get('/webchat/events', (c) => {
    const sid = session(c);
    if (!sid) return c.json({ error: 'no session' }, 401);
    return streamSSE(c, async (stream) => {
      let open = true;
      let writing = Promise.resolve();
      // Writes one after another, so history, new messages and pings never interleave.
      const write = (event: string, data: unknown) => {
        writing = writing.then(() => (open ? stream.writeSSE({ event, data: JSON.stringify(data) }) : undefined)).catch(() => {
          open = false;
        });
        return writing;
      };
      const stop = channel.listen(sid, (message) => void write('message', message));
      stream.onAbort(() => {
        open = false;
        stop();
      });
      const history = channel.history(sid);
      for (const message of history) void write('message', message);
      await write('ready', { empty: history.length === 0 });
      const endStream = () => {
        open = false;
      };
      channel.closed.addEventListener('abort', endStream, { once: true });
      while (open && !channel.closed.aborted) {
        await sleepUnless(channel.closed, KEEPALIVE_MS);
        if (open) writing = writing.then(() => stream.write(': keep-alive\n\n')).then(() => undefined, () => { open = false; });
      }
      channel.closed.removeEventListener('abort', endStream);
      stop();
    });
  });

  app.post('/webchat/send', bodyLimit(options.bodyLimitBytes), async (c) => {
    if (!sameOrigin(c)) {
      logger.warn('web-chat post from a foreign origin refused');
      return c.json({ error: 'forbidden' }, 403);
    }
    if (!c.req.header('content-type')?.startsWith('application/json')) return c.json({ error: 'json only' }, 415);
    const sid = session(c);
    if (!sid) return c.json({ error: 'no session' }, 401);
    const address = getConnInfo(c).remote.address ?? 'unknown';
    if (!perAddress.allow(address) || !perSession.allow(sid)) return c.json({ error: 'too many messages' }, 429);
    const body = (await c.req.json().catch((err: unknown) => {
      if (err instanceof HTTPException) throw err; // over the body limit: answered 413 by the guard
      return null;
    })) as Record<string, unknown> | null;
    const inbound = channel.toInbound({
      sessionId: sid,
      body,
      clientId: typeof body?.clientId === 'string' ? body.clientId : undefined,
      lang: hintFrom(c.req.header('accept-language')),
    });
    if (!inbound) return c.json({ error: 'bad message' }, 400);
    if (inbound.event.kind === 'text') channel.recordOwn(sid, inbound.event.text);
    if (inbound.event.kind === 'choice' && typeof body?.label === 'string') channel.recordOwn(sid, body.label);
    await runner.handle('webchat', inbound);
    return c.json({ ok: true }, 202);
  });

  return app;
}

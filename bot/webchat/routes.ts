/**
 * @module Web-chat HTTP routes: the page (`/`), the embeddable widget (`/widget.js`), the bot's messages as
 * server-sent events (`/webchat/events`) and the subscriber's input (`/webchat/send`).
 * Security: a server-issued session in an HttpOnly cookie (SameSite=Lax, or None+Secure+Partitioned over HTTPS so
 * the widget's frame works on the operator's site), rotated when the chat is linked or unlinked (sessions.ts); every
 * POST must come from our own origin (Origin header) as JSON, which a cross-site form cannot send, and is at most
 * BODY_LIMIT_CHAT_KB; per-session and per-address rate limits, the address read behind a trusted proxy only; event
 * streams capped per session and per address; escaped output.
 */
import { createHash } from 'node:crypto';
import type { BlockList } from 'node:net';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Logger } from '../../core/logging/logger.ts';
import { bodyLimit, jsonBody } from '../../core/server/body-limit.ts';
import { clientAddress } from '../../core/server/client-address.ts';
import { languageFromHeader, rememberPageLanguage } from '../../core/server/pages/language.ts';
import { RateLimiter } from '../../core/server/rate-limit.ts';
import { chatKey } from '../../core/chats/key.ts';
import type { Chat } from '../../core/chats/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { ChatRepository } from '../../core/chats/repository.ts';
import type { WebChatSession } from '../../core/webchat/model.ts';
import type { ConversationRunner } from '../engine/runner.ts';
import { chatPage, CLIENT_SCRIPT } from './page.ts';
import { SESSION_COOKIE, SESSION_LIFETIME_MS } from './sessions.ts';
import { EventStream } from './event-stream.ts';
import { StreamRegistry } from './streams.ts';
import type { WebChatChannel } from './webchat-channel.ts';
import { widgetScript } from './widget.ts';

export interface WebChatOptions {
  channel: WebChatChannel;
  runner: ConversationRunner;
  store: { chats: ChatRepository };
  logger: Logger;
  /** PUBLIC_URL: decides secure cookies and is an allowed origin besides the request's own host. */
  publicUrl: string | null;
  /** The largest post to `/webchat/send` (BODY_LIMIT_CHAT_KB), in bytes. */
  bodyLimitBytes: number;
  /** TRUSTED_PROXIES: only behind these is the client address read from X-Forwarded-For. */
  trustedProxies: BlockList;
  /** WEBCHAT_STREAMS_PER_SESSION and WEBCHAT_STREAMS_PER_ADDRESS. */
  streamsPerSession: number;
  streamsPerAddress: number;
}

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

/** What the link of a chat is, as one comparable value: a change means the session must rotate. */
const linkState = (chat: Chat | null): string => `${chat?.subscriberId ?? ''}|${chat?.linkedAt?.getTime() ?? ''}`;

export function webChatRoutes(options: WebChatOptions): Hono {
  const { channel, runner, store, publicUrl } = options;
  const logger = options.logger.child({ module: 'webchat' });
  const secure = publicUrl?.startsWith('https://') ?? false;
  const publicHost = publicUrl ? new URL(publicUrl).host : null;
  const perSession = new RateLimiter(15, 40);
  const perAddress = new RateLimiter(60, 240);
  const streams = new StreamRegistry(options.streamsPerSession, options.streamsPerAddress);
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
  const widget = widgetScript();
  const app = new Hono();
  const addressOf = (c: Context) => clientAddress(c, options.trustedProxies);

  /**
   * Feeds a page's event stream: the chat's kept messages, then every new or changed one, a keep-alive comment every
   * KEEPALIVE_MS, until the page goes, the session rotates or the server stops. Listening starts before the history is
   * read: a message written meanwhile comes twice at worst (the page replaces by id).
   */
  const follow = async (externalId: string, stream: EventStream, ending: AbortController, why: () => 'rotated' | 'closed' | null) => {
    const stop = channel.listen(externalId, (message) => stream.send('message', message));
    const offClose = channel.onClose(() => ending.abort());
    try {
      const history = await channel.history(externalId);
      for (const message of history) stream.send('message', message);
      stream.send('ready', { empty: history.length === 0 });
      while (!ending.signal.aborted) {
        await sleepUnless(ending.signal, KEEPALIVE_MS);
        if (!ending.signal.aborted) stream.comment('keep-alive');
      }
      if (why() === 'rotated') stream.send('rotate', {});
    } catch (err) {
      logger.warn({ err }, 'web-chat event stream ended early');
    } finally {
      stop();
      offClose();
      stream.end();
    }
  };

  const setSessionCookie = (c: Context, token: string) => {
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      path: '/',
      maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
      ...(secure ? { secure: true, sameSite: 'None', partitioned: true } : { sameSite: 'Lax' }),
    });
  };

  const session = (c: Context): Promise<WebChatSession | null> => channel.sessions.resolve(getCookie(c, SESSION_COOKIE));

  /** The visitor's session; a cookie the server did not issue (or revoked) gets a new session for a new chat. */
  const ensureSession = async (c: Context): Promise<WebChatSession> => {
    const existing = await session(c);
    if (existing) return existing;
    const opened = await channel.sessions.open();
    setSessionCookie(c, opened.token);
    return opened.session;
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
    const { externalId } = await ensureSession(c);
    const asked = c.req.query('lang');
    const chat = await store.chats.get(chatKey('webchat', externalId));
    const chosen: Language | null = asked === 'kk' || asked === 'ru' ? asked : (chat?.language ?? null);
    if (chosen) rememberPageLanguage(c, chosen, secure);
    const lang: Language = chosen ?? languageFromHeader(c.req.header('accept-language')) ?? 'ru';
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

  app.get('/webchat/events', async (c) => {
    const current = await session(c);
    if (!current) return c.json({ error: 'no session' }, 401);
    const { externalId, tokenHash } = current;
    // One controller per stream: shutdown, a rotation or the browser going away each end it.
    const ending = new AbortController();
    let why: 'rotated' | 'closed' | null = null;
    const unregister = streams.add({ externalId, address: addressOf(c), tokenHash, end: (reason) => { why = reason; ending.abort(); } });
    if (!unregister) return c.json({ error: 'too many open chat windows' }, 429);
    const stream = new EventStream(() => ending.abort());
    void follow(externalId, stream, ending, () => why).finally(unregister);
    return c.body(stream.body, 200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  });

  app.post('/webchat/send', bodyLimit(options.bodyLimitBytes), async (c) => {
    if (!sameOrigin(c)) {
      logger.warn('web-chat post from a foreign origin refused');
      return c.json({ error: 'forbidden' }, 403);
    }
    if (!c.req.header('content-type')?.startsWith('application/json')) return c.json({ error: 'json only' }, 415);
    const current = await session(c);
    if (!current) return c.json({ error: 'no session' }, 401);
    const address = addressOf(c);
    if (!perAddress.allow(address) || !perSession.allow(current.externalId)) return c.json({ error: 'too many messages' }, 429);
    const body = (await jsonBody(c)) as Record<string, unknown> | null;
    const inbound = channel.toInbound({
      externalId: current.externalId,
      body,
      clientId: typeof body?.clientId === 'string' ? body.clientId : undefined,
      lang: languageFromHeader(c.req.header('accept-language')),
      address: address === 'unknown' ? null : address,
    });
    if (!inbound) return c.json({ error: 'bad message' }, 400);
    // Shown in the open tabs at once; written to the store with the reply (or after the step, when none came).
    const shown: Array<Promise<void>> = [];
    if (inbound.event.kind === 'text') shown.push(channel.recordOwn(current.externalId, inbound.event.text, { withReply: true }));
    if (inbound.event.kind === 'choice' && typeof body?.label === 'string') shown.push(channel.recordOwn(current.externalId, body.label, { withReply: true }));
    if (inbound.event.kind === 'choice' && inbound.event.menuToken) shown.push(channel.markAnswered(current.externalId, inbound.event.menuToken, { withReply: true }));
    const written = Promise.all(shown).catch((err: unknown) => logger.error({ err }, 'web-chat message not kept for reloads'));
    const key = chatKey('webchat', current.externalId);
    const chatBefore = await store.chats.get(key);
    const before = linkState(chatBefore);
    try {
      await runner.handle('webchat', inbound);
    } finally {
      void channel.writeWaiting(current.externalId).catch(() => undefined); // no reply came: written now (`written` tells)
    }
    await written;
    const chatAfter = await store.chats.get(key);
    if (linkState(chatAfter) === before) return c.json({ ok: true }, 202);
    // Linked or unlinked just now: a new cookie for this browser; every earlier one (and its open streams) is void.
    const rotated = await channel.sessions.rotate(current);
    setSessionCookie(c, rotated.token);
    streams.endOthers(current.externalId, rotated.session.tokenHash);
    logger.info('web-chat session rotated after the chat link changed');
    // Unlinked (/logout on a shared computer): what was said while linked (balances, names) leaves the screen and
    // the history; only the answer to the logout stays.
    const unlinked = Boolean(chatBefore?.subscriberId) && !chatAfter?.subscriberId;
    if (unlinked) await channel.keepLastAnswer(current.externalId);
    return c.json({ ok: true, rotated: true, ...(unlinked ? { unlinked: true } : {}) }, 202);
  });

  return app;
}

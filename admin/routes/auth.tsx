/**
 * @module Sign-in, sign-out and the language switch. Wrong passwords slow down the client that types them, per
 * client address + account, with a doubling delay (core/users/sign-in-throttle.ts); the account itself never locks.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { authenticate, normaliseEmail } from '../../core/users/authenticate.ts';
import { setUserLanguage } from '../../core/users/manage-users.ts';
import { endSession, startSession } from '../../core/users/sessions.ts';
import { allows } from '../permissions.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setLanguageCookie, setSessionCookie } from '../auth/cookies.ts';
import { trustedProxies } from '../../core/config/security.ts';
import { clientAddress } from '../../core/server/client-address.ts';
import { auditDelay, SignInThrottle } from '../../core/users/sign-in-throttle.ts';
import { BASE, href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { Csrf, Notice } from '../ui/bits.tsx';
import { form, noFields } from '../validation.ts';

const signInForm = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  next: z.string().max(2000).optional(),
});

const languageForm = z.object({ lang: z.enum(['kk', 'ru']), back: z.string().max(2000).optional() });

/** Only a path inside the console; anything else (another site, `//host`) falls back to the console home. */
export function safeBack(path: string | undefined): string {
  if (!path || !path.startsWith(BASE) || path.startsWith('//') || path.includes('\\')) return href('/');
  return path;
}

function SignInPage({ c, error, email, next }: { c: Context<ConsoleEnv>; error?: string; email?: string; next?: string }) {
  const t = c.get('t');
  return (
    <section class="card signin">
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" action={href('/sign-in')} class="stack">
        <Csrf token={c.get('csrfToken')} />
        <input type="hidden" name="next" value={next ?? ''} />
        <label>
          {t('admin:signin.email')}
          <input type="email" name="email" value={email ?? ''} autocomplete="username" required autofocus />
        </label>
        <label>
          {t('admin:signin.password')}
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">{t('admin:signin.submit')}</button>
      </form>
      <p class="muted small">{t('admin:signin.hint')}</p>
    </section>
  );
}

export function authRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { store, clock, config } = deps;
  const throttle = new SignInThrottle(store, clock, { freeAttempts: config.LOGIN_FREE_ATTEMPTS, maxDelayMs: config.LOGIN_MAX_DELAY_MINUTES * 60_000 });
  const proxies = trustedProxies(config.TRUSTED_PROXIES);
  const app = new Hono<ConsoleEnv>();

  app.get('/sign-in', requires('public'), (c) => {
    if (c.get('user')) return c.redirect(safeBack(c.req.query('next')), 303);
    return c.render(<SignInPage c={c} next={c.req.query('next')} />, { title: c.get('t')('admin:signin.title'), bare: true });
  });

  app.post('/sign-in', requires('public'), form(signInForm), async (c) => {
    const t = c.get('t');
    const { email, password, next } = c.req.valid('form');
    const client = clientAddress(c, proxies);
    const account = normaliseEmail(email);
    const tooMany = (waitMs: number) => {
      c.status(429);
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      const seconds = Math.ceil(waitMs / 1000);
      const time = seconds < 90 ? t('security:signin.seconds', { count: seconds }) : t('security:signin.minutes', { count: Math.ceil(seconds / 60) });
      const error = t('security:signin.wait', { time });
      return c.render(<SignInPage c={c} email={email} next={next} error={error} />, { title: t('admin:signin.title'), bare: true });
    };
    // While the client waits, its tries are refused unchecked and do not count.
    const waiting = await throttle.wait(client, account);
    if (waiting > 0) return tooMany(waiting);
    const result = await authenticate(store, clock, email, password);
    if (!result.ok) {
      const { waitMs, startedNow } = await throttle.failed(client, account);
      if (startedNow) await auditDelay(store, clock, (await store.users.findByEmail(account))?.id ?? null, client, waitMs);
      if (waitMs > 0) return tooMany(waitMs);
      c.status(401);
      return c.render(<SignInPage c={c} email={email} next={next} error={t(result.reason)} />, { title: t('admin:signin.title'), bare: true });
    }
    await throttle.succeeded(client, account);
    const old = readCookie(c, SESSION_COOKIE);
    if (old) await endSession(store, old);
    const { token } = await startSession(store, clock, result.value.id);
    // Signing in makes an agent ready for work, signing out offline (seed 003 cl. 32).
    if (allows(result.value.roles, 'status.own')) await deps.reports.signedIn(result.value.id);
    setSessionCookie(c, config, token);
    return c.redirect(safeBack(next), 303);
  });

  app.post('/sign-out', requires('signed_in'), noFields(), async (c) => {
    const token = readCookie(c, SESSION_COOKIE);
    if (token) await endSession(store, token);
    const user = c.get('user')!;
    if (allows(user.roles, 'status.own')) await deps.reports.signedOut(user.id);
    clearSessionCookie(c, config);
    return c.redirect(href('/sign-in'), 303);
  });

  app.post('/language', requires('public'), form(languageForm), async (c) => {
    const { lang, back } = c.req.valid('form');
    setLanguageCookie(c, config, lang);
    const user = c.get('user');
    if (user) await setUserLanguage(deps, user.id, lang);
    return c.redirect(safeBack(back), 303);
  });

  return app;
}

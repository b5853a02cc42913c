/**
 * @module Sign-in, sign-out and the language switch. Sign-in is limited per client address + e-mail
 * (admin/auth/login-limiter.ts) and locks the account after repeated failures (core/users/authenticate.ts).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { authenticate, normaliseEmail } from '../../core/users/authenticate.ts';
import { setUserLanguage } from '../../core/users/manage-users.ts';
import { endSession, startSession } from '../../core/users/sessions.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setLanguageCookie, setSessionCookie } from '../auth/cookies.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
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

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
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
  const limiter = new LoginLimiter(clock);
  const app = new Hono<ConsoleEnv>();

  app.get('/sign-in', requires('public'), (c) => {
    if (c.get('user')) return c.redirect(safeBack(c.req.query('next')), 303);
    return c.render(<SignInPage c={c} next={c.req.query('next')} />, { title: c.get('t')('admin:signin.title'), bare: true });
  });

  app.post('/sign-in', requires('public'), form(signInForm), async (c) => {
    const t = c.get('t');
    const { email, password, next } = c.req.valid('form');
    if (!limiter.hit(`${clientAddress(c)}|${normaliseEmail(email)}`)) {
      c.status(429);
      return c.render(<SignInPage c={c} email={email} next={next} error={t('admin:signin.too_many')} />, { title: t('admin:signin.title'), bare: true });
    }
    const result = await authenticate(store, clock, email, password);
    if (!result.ok) {
      c.status(401);
      return c.render(<SignInPage c={c} email={email} next={next} error={t(result.reason)} />, { title: t('admin:signin.title'), bare: true });
    }
    const old = readCookie(c, SESSION_COOKIE);
    if (old) await endSession(store, old);
    const { token } = await startSession(store, clock, result.value.id);
    setSessionCookie(c, config, token);
    return c.redirect(safeBack(next), 303);
  });

  app.post('/sign-out', requires('signed_in'), noFields(), async (c) => {
    const token = readCookie(c, SESSION_COOKIE);
    if (token) await endSession(store, token);
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

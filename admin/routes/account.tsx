/** @module The signed-in user's own page: who they are, their roles, and the password change. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { changeOwnPassword, MIN_PASSWORD_LENGTH } from '../../core/users/manage-users.ts';
import { startSession } from '../../core/users/sessions.ts';
import { setSessionCookie } from '../auth/cookies.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { Csrf, Notice } from '../ui/bits.tsx';
import { form } from '../validation.ts';

const passwordForm = z.object({
  current: z.string().min(1).max(1024),
  next: z.string().min(1).max(1024),
  repeat: z.string().min(1).max(1024),
});

function AccountPage({ c, notice }: { c: Context<ConsoleEnv>; notice?: { kind: 'ok' | 'error'; text: string } }) {
  const t = c.get('t');
  const user = c.get('user')!;
  return (
    <div class={user.mustChangePassword ? 'grid-2 password-first' : 'grid-2'}>
      <section class="card">
        <h2>{t('admin:account.profile')}</h2>
        <dl class="facts">
          <dt>{t('admin:users.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('admin:users.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('admin:users.roles')}</dt>
          <dd>{user.roles.map((r) => t(`admin:roles.${r}`)).join(', ')}</dd>
        </dl>
      </section>
      <section class="card" id="password">
        <h2>{t('admin:password.title')}</h2>
        {user.mustChangePassword ? <Notice kind="warn">{t('admin:password.temporary')}</Notice> : null}
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <form method="post" action={href('/account/password')} class="stack">
          <Csrf token={c.get('csrfToken')} />
          <input type="email" name="username" value={user.email} autocomplete="username" hidden />
          <label>
            {t('admin:password.current')}
            <input type="password" name="current" autocomplete="current-password" required />
          </label>
          <label>
            {t('admin:password.next')}
            <input type="password" name="next" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
            <small class="muted">{t('admin:password.rule', { count: MIN_PASSWORD_LENGTH })}</small>
          </label>
          <label>
            {t('admin:password.repeat')}
            <input type="password" name="repeat" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
          </label>
          <button type="submit">{t('admin:password.submit')}</button>
        </form>
      </section>
    </div>
  );
}

export function accountRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('signed_in'), (c) => {
    const t = c.get('t');
    const notice = c.req.query('done') === 'password' ? { kind: 'ok' as const, text: t('admin:password.changed') } : undefined;
    return c.render(<AccountPage c={c} notice={notice} />, { title: t('admin:account.title') });
  });

  app.post('/password', requires('signed_in'), form(passwordForm), async (c) => {
    const t = c.get('t');
    const user = c.get('user')!;
    const { current, next, repeat } = c.req.valid('form');
    const result =
      next !== repeat ? ({ ok: false, reason: 'admin:password.error.mismatch' } as const) : await changeOwnPassword(deps, user.id, current, next);
    if (!result.ok) {
      c.status(422);
      return c.render(<AccountPage c={c} notice={{ kind: 'error', text: t(result.reason) }} />, { title: t('admin:account.title') });
    }
    // Every session of the user ended with the change; this browser gets a fresh one.
    const { token } = await startSession(deps.store, deps.clock, user.id);
    setSessionCookie(c, deps.config, token);
    // After a temporary password the user goes on to work; otherwise back to the profile with a notice.
    return c.redirect(user.mustChangePassword ? href('/') : `${href('/account')}?done=password`, 303);
  });

  return app;
}

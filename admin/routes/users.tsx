/**
 * @module Users and roles (seed 003 cl. 36): the list, creating a user, changing roles, deactivating and
 * reactivating, resetting a password. Every change goes through core/users and lands in the audit log.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { ConsoleUser, Role } from '../../core/users/model.ts';
import { createUser, resetPassword, setActive, setRoles } from '../../core/users/manage-users.ts';
import { ROLES } from '../../core/users/roles.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { actionLabel } from '../audit/describe.tsx';
import { requires } from '../guard.ts';
import { ROLE_PERMISSIONS } from '../permissions.ts';
import { Csrf, EmptyState, Notice } from '../ui/bits.tsx';
import { formatDateTime } from '../ui/format.ts';
import { form, noFields } from '../validation.ts';

const roleList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(['agent', 'second_line', 'supervisor', 'marketing', 'observer', 'admin'])),
);

const newUserForm = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  language: z.enum(['kk', 'ru']),
  roles: roleList,
});

const rolesForm = z.object({ roles: roleList });
const activeForm = z.object({ active: z.enum(['true', 'false']) });

const DONE = ['roles', 'activated', 'deactivated'] as const;

function userState(user: ConsoleUser, now: Date): 'active' | 'locked' | 'inactive' {
  if (!user.active) return 'inactive';
  return user.lockedUntil && user.lockedUntil > now ? 'locked' : 'active';
}

function RoleChecks({ c, selected }: { c: Context<ConsoleEnv>; selected: readonly Role[] }) {
  const t = c.get('t');
  return (
    <fieldset class="roles">
      <legend>{t('admin:users.roles')}</legend>
      {ROLES.map((role) => (
        <label class="check">
          <input type="checkbox" name="roles" value={role} checked={selected.includes(role)} />
          <span>
            <strong>{t(`admin:roles.${role}`)}</strong>
            <small class="muted">
              {ROLE_PERMISSIONS[role].length === 0 ? t('admin:users.no_permissions') : ROLE_PERMISSIONS[role].map((p) => t(`admin:permissions.${p}`)).join(' · ')}
            </small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function TemporaryPassword({ c, user, password }: { c: Context<ConsoleEnv>; user: ConsoleUser; password: string }) {
  const t = c.get('t');
  return (
    <section class="card">
      <Notice kind="ok">{t('admin:users.temporary.intro', { name: user.name, email: user.email })}</Notice>
      <p class="secret">
        <code>{password}</code>
      </p>
      <p class="muted">{t('admin:users.temporary.once')}</p>
      <p>
        <a class="button secondary" href={href(`/users/${user.id}`)}>
          {t('admin:users.open')}
        </a>
      </p>
    </section>
  );
}

export function userRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { store, clock } = deps;
  const app = new Hono<ConsoleEnv>();
  const actorOf = (c: Context<ConsoleEnv>) => ({ type: 'user' as const, id: c.get('user')!.id });

  app.get('/', requires('users.manage'), async (c) => {
    const t = c.get('t');
    const users = await store.users.list();
    const now = clock.now();
    return c.render(
      users.length === 0 ? (
        <EmptyState title={t('admin:users.empty')} />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('admin:users.name')}</th>
                <th>{t('admin:users.email')}</th>
                <th>{t('admin:users.roles')}</th>
                <th>{t('admin:users.state')}</th>
                <th>{t('admin:users.created')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <td data-label={t('admin:users.name')}>
                    <a href={href(`/users/${u.id}`)}>{u.name}</a>
                  </td>
                  <td data-label={t('admin:users.email')}>{u.email}</td>
                  <td data-label={t('admin:users.roles')}>{u.roles.map((r) => t(`admin:roles.${r}`)).join(', ')}</td>
                  <td data-label={t('admin:users.state')}>
                    <span class={`badge state-${userState(u, now)}`}>{t(`admin:users.states.${userState(u, now)}`)}</span>
                  </td>
                  <td data-label={t('admin:users.created')}>{formatDateTime(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ),
      {
        title: t('admin:users.title'),
        actions: (
          <a class="button" href={href('/users/new')}>
            {t('admin:users.new')}
          </a>
        ),
      },
    );
  });

  app.get('/new', requires('users.manage'), (c) => {
    const t = c.get('t');
    return c.render(
      <section class="card">
        <form method="post" action={href('/users')} class="stack">
          <Csrf token={c.get('csrfToken')} />
          <label>
            {t('admin:users.name')}
            <input name="name" required maxlength={120} autocomplete="off" />
          </label>
          <label>
            {t('admin:users.email')}
            <input type="email" name="email" required maxlength={254} autocomplete="off" />
          </label>
          <label>
            {t('admin:users.language')}
            <select name="language">
              <option value="kk">Қазақша</option>
              <option value="ru" selected>
                Русский
              </option>
            </select>
          </label>
          <RoleChecks c={c} selected={['agent']} />
          <button type="submit">{t('admin:users.create')}</button>
        </form>
      </section>,
      { title: t('admin:users.new') },
    );
  });

  app.post('/', requires('users.manage'), form(newUserForm), async (c) => {
    const t = c.get('t');
    const result = await createUser(deps, actorOf(c), c.req.valid('form'));
    if (!result.ok) throw new HTTPException(422, { message: result.reason });
    c.status(201);
    return c.render(<TemporaryPassword c={c} user={result.value.user} password={result.value.temporaryPassword} />, {
      title: t('admin:users.created_title'),
    });
  });

  app.get('/:id', requires('users.manage'), async (c) => {
    const t = c.get('t');
    const user = await store.users.get(c.req.param('id'));
    if (!user) throw new HTTPException(404, { message: 'no such user' });
    const done = DONE.find((d) => d === c.req.query('done'));
    const state = userState(user, clock.now());
    const history = await store.audit.list({ entity: 'user', entityId: user.id, limit: 10 });
    return c.render(
      <>
        {done ? <Notice kind="ok">{t(`admin:users.done.${done}`)}</Notice> : null}
        <div class="grid-2">
          <section class="card">
            <dl class="facts">
              <dt>{t('admin:users.email')}</dt>
              <dd>{user.email}</dd>
              <dt>{t('admin:users.state')}</dt>
              <dd>
                <span class={`badge state-${state}`}>{t(`admin:users.states.${state}`)}</span>
                {state === 'locked' && user.lockedUntil ? ` ${t('admin:users.locked_until', { time: formatDateTime(user.lockedUntil) })}` : ''}
              </dd>
              <dt>{t('admin:users.created')}</dt>
              <dd>{formatDateTime(user.createdAt)}</dd>
            </dl>
            <div class="row-actions">
              <form method="post" action={href(`/users/${user.id}/active`)}>
                <Csrf token={c.get('csrfToken')} />
                <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
                <button type="submit" class={user.active ? 'secondary danger' : 'secondary'}>
                  {t(user.active ? 'admin:users.deactivate' : 'admin:users.activate')}
                </button>
              </form>
              <form method="post" action={href(`/users/${user.id}/password`)}>
                <Csrf token={c.get('csrfToken')} />
                <button type="submit" class="secondary">
                  {t('admin:users.reset_password')}
                </button>
              </form>
            </div>
          </section>
          <section class="card">
            <form method="post" action={href(`/users/${user.id}/roles`)} class="stack">
              <Csrf token={c.get('csrfToken')} />
              <RoleChecks c={c} selected={user.roles} />
              <button type="submit">{t('admin:users.save_roles')}</button>
            </form>
          </section>
        </div>
        <section class="card">
          <h2>{t('admin:users.history')}</h2>
          {history.length === 0 ? (
            <EmptyState title={t('admin:audit.empty')} />
          ) : (
            <ul class="timeline">
              {history.map((e) => (
                <li>
                  <time>{formatDateTime(e.at)}</time> {actionLabel(t, e.action)}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={href(`/audit?entity=user&entityId=${encodeURIComponent(user.id)}`)}>{t('admin:users.full_history')}</a>
          </p>
        </section>
      </>,
      { title: user.name },
    );
  });

  app.post('/:id/roles', requires('users.manage'), form(rolesForm), async (c) => {
    const result = await setRoles(deps, actorOf(c), c.req.param('id'), c.req.valid('form').roles);
    if (!result.ok) throw new HTTPException(result.reason.endsWith('not_found') ? 404 : 422, { message: result.reason });
    return c.redirect(href(`/users/${result.value.id}?done=roles`), 303);
  });

  app.post('/:id/active', requires('users.manage'), form(activeForm), async (c) => {
    const active = c.req.valid('form').active === 'true';
    const result = await setActive(deps, actorOf(c), c.req.param('id'), active);
    if (!result.ok) throw new HTTPException(result.reason.endsWith('not_found') ? 404 : 422, { message: result.reason });
    return c.redirect(href(`/users/${result.value.id}?done=${active ? 'activated' : 'deactivated'}`), 303);
  });

  app.post('/:id/password', requires('users.manage'), noFields(), async (c) => {
    const t = c.get('t');
    const result = await resetPassword(deps, actorOf(c), c.req.param('id'));
    if (!result.ok) throw new HTTPException(404, { message: result.reason });
    return c.render(<TemporaryPassword c={c} user={result.value.user} password={result.value.temporaryPassword} />, {
      title: t('admin:users.reset_title'),
    });
  });

  return app;
}

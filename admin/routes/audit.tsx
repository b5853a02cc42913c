/**
 * @module The audit log for administrators: every change, newest first, filtered by who, what, which record and
 * when; keyset paging by time (`before`), so deep pages cost the same as the first.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditEntry, AuditFilter } from '../../core/store/types.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { EmptyState, NextPage, withQuery, DateRange } from '../ui/bits.tsx';
import { almatyDayStart, formatDateTime } from '../ui/format.ts';
import { query } from '../validation.ts';

const PAGE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const filters = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  from: z.union([day, z.literal('')]).optional(),
  to: z.union([day, z.literal('')]).optional(),
  before: z.iso.datetime().optional(),
});

function entityLink(e: AuditEntry): string | null {
  if (!e.entityId) return null;
  if (e.entity === 'user') return href(`/users/${e.entityId}`);
  if (e.entity === 'ticket') return href(`/tickets/${e.entityId}`);
  return null;
}

export function auditRoutes({ store }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('audit.view'), query(filters), async (c) => {
    const t = c.get('t');
    const f = c.req.valid('query');
    const filter: AuditFilter = {
      actorId: f.actor || undefined,
      action: f.action || undefined,
      entity: f.entity || undefined,
      entityId: f.entityId || undefined,
      from: f.from ? almatyDayStart(f.from) : undefined,
      to: f.to ? almatyDayStart(f.to, 1) : undefined,
      before: f.before ? new Date(f.before) : undefined,
      limit: PAGE + 1,
    };
    const [rows, users] = await Promise.all([store.audit.list(filter), store.users.list()]);
    const page = rows.slice(0, PAGE);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const last = page.at(-1);
    const next = rows.length > PAGE && last ? withQuery(href('/audit'), { ...f, before: last.at.toISOString() }) : null;
    const filtered = Boolean(f.actor || f.action || f.entity || f.entityId || f.from || f.to);
    const actor = (e: AuditEntry) =>
      e.actorType === 'system' ? t('admin:audit.system') : e.actorType === 'subscriber' ? t('admin:audit.subscriber') : (names.get(e.actorId ?? '') ?? e.actorId ?? '');

    return c.render(
      <>
        <form method="get" action={href('/audit')} class="filters card">
          <label>
            {t('admin:audit.actor')}
            <select name="actor">
              <option value="">{t('admin:filters.any')}</option>
              {users.map((u) => (
                <option value={u.id} selected={f.actor === u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('admin:audit.action')}
            <input name="action" value={f.action ?? ''} placeholder="user.created" />
          </label>
          <label>
            {t('admin:audit.entity')}
            <select name="entity">
              <option value="">{t('admin:filters.any')}</option>
              {['user', 'ticket', 'subscriber', 'application'].map((e) => (
                <option value={e} selected={f.entity === e}>
                  {t(`admin:audit.entities.${e}`)}
                </option>
              ))}
            </select>
          </label>
          <DateRange from={f.from} to={f.to} fromLabel={t('admin:filters.from')} toLabel={t('admin:filters.to')} />
          {f.entityId ? <input type="hidden" name="entityId" value={f.entityId} /> : null}
          <div class="filter-actions">
            <button type="submit">{t('admin:filters.apply')}</button>
            {filtered ? (
              <a class="button secondary" href={href('/audit')}>
                {t('admin:filters.reset')}
              </a>
            ) : null}
          </div>
        </form>
        {page.length === 0 ? (
          <EmptyState title={filtered ? t('admin:audit.empty_filtered') : t('admin:audit.empty')} />
        ) : (
          <div class="table-wrap">
            <table class="audit">
              <thead>
                <tr>
                  <th>{t('admin:audit.at')}</th>
                  <th>{t('admin:audit.actor')}</th>
                  <th>{t('admin:audit.action')}</th>
                  <th>{t('admin:audit.entity')}</th>
                  <th>{t('admin:audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.map((e) => {
                  const link = entityLink(e);
                  return (
                    <tr>
                      <td data-label={t('admin:audit.at')}>
                        <time datetime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                      </td>
                      <td data-label={t('admin:audit.actor')}>{actor(e)}</td>
                      <td data-label={t('admin:audit.action')}>
                        {t(`admin:audit.actions.${e.action}`, { defaultValue: e.action })}
                        <br />
                        <small class="muted mono">{e.action}</small>
                      </td>
                      <td data-label={t('admin:audit.entity')}>
                        {t(`admin:audit.entities.${e.entity}`, { defaultValue: e.entity })}{' '}
                        {link ? <a href={link}>{names.get(e.entityId ?? '') ?? e.entityId}</a> : (e.entityId ?? '')}
                      </td>
                      <td data-label={t('admin:audit.details')}>
                        <code class="details">{Object.keys(e.details).length ? JSON.stringify(e.details) : '—'}</code>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <NextPage href={next} label={t('admin:paging.older')} />
      </>,
      { title: t('admin:audit.title') },
    );
  });

  return app;
}

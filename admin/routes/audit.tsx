/**
 * @module The audit log for administrators: every change, newest first, filtered by who, what, which record and
 * when; keyset paging by time (`before`), so deep pages cost the same as the first.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditFilter } from '../../core/audit/model.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../audit/catalogue.ts';
import { actionLabel, actorName, AuditObject, auditFields } from '../audit/describe.tsx';
import { auditNames } from '../audit/names.ts';
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
    const rows = await store.audit.list(filter);
    const page = rows.slice(0, PAGE);
    const names = await auditNames(store, page);
    const users = [...names.users.values()].sort((a, b) => a.name.localeCompare(b.name));
    const lang = c.get('lang');
    const last = page.at(-1);
    const next = rows.length > PAGE && last ? withQuery(href('/audit'), { ...f, before: last.at.toISOString() }) : null;
    const filtered = Boolean(f.actor || f.action || f.entity || f.entityId || f.from || f.to);

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
            <select name="action">
              <option value="">{t('admin:filters.any')}</option>
              {AUDIT_ENTITIES.map((entity) => (
                <optgroup label={t(`admin:audit.entities.${entity}`)}>
                  {AUDIT_ACTIONS[entity].map((a) => (
                    <option value={a} selected={f.action === a}>
                      {actionLabel(t, a)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            {t('admin:audit.entity')}
            <select name="entity">
              <option value="">{t('admin:filters.any')}</option>
              {AUDIT_ENTITIES.map((e) => (
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
                {page.map((entry) => {
                  const ctx = { t, lang, names, entry };
                  const fields = auditFields(ctx);
                  return (
                    <tr>
                      <td data-label={t('admin:audit.at')}>
                        <time datetime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
                      </td>
                      <td data-label={t('admin:audit.actor')}>{actorName(ctx)}</td>
                      <td data-label={t('admin:audit.action')}>{actionLabel(t, entry.action)}</td>
                      <td data-label={t('admin:audit.entity')}>
                        <AuditObject {...ctx} />
                      </td>
                      <td data-label={t('admin:audit.details')}>
                        {fields.length === 0 ? (
                          <span class="muted">—</span>
                        ) : (
                          <dl class="audit-details">
                            {fields.map(([name, value]) => (
                              <>
                                <dt>{name}</dt>
                                <dd>{value}</dd>
                              </>
                            ))}
                          </dl>
                        )}
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

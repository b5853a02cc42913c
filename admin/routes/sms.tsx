/**
 * @module The SMS outbox and delivery log (issue 4): with `SMS_PROVIDER=outbox` every message "sent" lands here,
 * so a newcomer can read a verification code without any provider; with a real provider it shows delivery state
 * and errors (codes are masked by the sender once delivered).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { SmsStatus } from '../../core/store/types.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { EmptyState, NextPage, Notice, withQuery } from '../ui/bits.tsx';
import { formatDateTime } from '../ui/format.ts';
import { query } from '../validation.ts';

const PAGE = 50;
const STATUSES: SmsStatus[] = ['queued', 'sent', 'failed'];

const filters = z.object({
  status: z.union([z.enum(['queued', 'sent', 'failed']), z.literal('')]).optional(),
  before: z.iso.datetime().optional(),
});

export function smsRoutes({ store, config }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('sms.view'), query(filters), async (c) => {
    const t = c.get('t');
    const f = c.req.valid('query');
    const rows = await store.smsOutbox.list({
      status: f.status || undefined,
      before: f.before ? new Date(f.before) : undefined,
      limit: PAGE + 1,
    });
    const page = rows.slice(0, PAGE);
    const last = page.at(-1);
    const next = rows.length > PAGE && last ? withQuery(href('/sms'), { status: f.status, before: last.createdAt.toISOString() }) : null;
    return c.render(
      <>
        <Notice kind={config.SMS_PROVIDER === 'outbox' ? 'warn' : 'ok'}>
          {t(config.SMS_PROVIDER === 'outbox' ? 'admin:sms.outbox_mode' : 'admin:sms.provider_mode', { provider: config.SMS_PROVIDER })}
        </Notice>
        <form method="get" action={href('/sms')} class="filters card">
          <label>
            {t('admin:sms.status')}
            <select name="status">
              <option value="">{t('admin:filters.any')}</option>
              {STATUSES.map((s) => (
                <option value={s} selected={f.status === s}>
                  {t(`admin:sms.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <div class="filter-actions">
            <button type="submit">{t('admin:filters.apply')}</button>
          </div>
        </form>
        {page.length === 0 ? (
          <EmptyState title={f.status ? t('admin:sms.empty_filtered') : t('admin:sms.empty')}>{t('admin:sms.empty_hint')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('admin:sms.at')}</th>
                  <th>{t('admin:sms.to')}</th>
                  <th>{t('admin:sms.text')}</th>
                  <th>{t('admin:sms.status')}</th>
                </tr>
              </thead>
              <tbody>
                {page.map((m) => (
                  <tr>
                    <td data-label={t('admin:sms.at')}>
                      <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                    </td>
                    <td data-label={t('admin:sms.to')} class="mono nowrap">
                      {m.to}
                    </td>
                    <td data-label={t('admin:sms.text')}>
                      <span class="sms-text">{m.text}</span>
                      <br />
                      <small class="muted">{t(`admin:sms.purposes.${m.purpose}`, { defaultValue: m.purpose })}</small>
                    </td>
                    <td data-label={t('admin:sms.status')}>
                      <span class={`badge sms-${m.status}`}>{t(`admin:sms.statuses.${m.status}`)}</span>
                      {m.lastError ? (
                        <>
                          <br />
                          <small class="muted">{m.lastError}</small>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NextPage href={next} label={t('admin:paging.older')} />
      </>,
      { title: t('admin:sms.title') },
    );
  });

  return app;
}

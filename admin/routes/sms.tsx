/**
 * @module The SMS outbox and delivery log (issue 4): with `SMS_PROVIDER=outbox` every message "sent" lands here,
 * so a newcomer can read a verification code without any provider; with a real provider it shows delivery state
 * and errors (codes are masked by the sender once delivered). Filtered by status and by number; the first page stays
 * live: `/sms/events` (server-sent events) says when it changed and the browser swaps in `/sms/rows`.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { SmsListFilter, SmsMessage, SmsStatus } from '../../core/sms/model.ts';
import { normalizeKzMobile } from '../../core/verification/phone.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { EmptyState, NextPage, Notice, withQuery } from '../ui/bits.tsx';
import { formatDateTime } from '../ui/format.ts';
import { query } from '../validation.ts';
import type { Translate } from '../../core/i18n/i18n.ts';

const PAGE = 50;
const STATUSES: SmsStatus[] = ['queued', 'sent', 'failed'];
/** How often an open SMS page's first page is compared with the store (any instance may have sent meanwhile). */
export const SMS_WATCH_MS = 2_000;

const filters = z.object({
  status: z.union([z.enum(['queued', 'sent', 'failed']), z.literal('')]).optional(),
  phone: z.string().trim().max(40).optional(),
  before: z.iso.datetime().optional(),
});
type Filters = z.output<typeof filters>;

/** The store filter, or `bad_phone` when the typed number is not a Kazakh mobile number. */
function storeFilter(f: Filters): SmsListFilter | 'bad_phone' {
  let to: string | undefined;
  if (f.phone) {
    const phone = normalizeKzMobile(f.phone);
    if (!phone.ok) return 'bad_phone';
    to = phone.value;
  }
  return { status: f.status || undefined, to, before: f.before ? new Date(f.before) : undefined, limit: PAGE + 1 };
}

/** What a change of the list looks like: ids, states and update times of its first page. */
const fingerprint = (rows: SmsMessage[]) => rows.map((m) => `${m.id}:${m.status}:${m.updatedAt.getTime()}`).join('|');

export function SmsRows({ t, rows }: { t: Translate; rows: SmsMessage[] }) {
  return (
    <>
      {rows.map((m) => (
        <tr data-sms={m.id}>
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
    </>
  );
}

export function smsRoutes({ store, config }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  async function rowsFor(f: Filters): Promise<SmsMessage[] | 'bad_phone'> {
    const filter = storeFilter(f);
    return filter === 'bad_phone' ? filter : store.smsOutbox.list(filter);
  }

  app.get('/', requires('sms.view'), query(filters), async (c) => {
    const t = c.get('t');
    const f = c.req.valid('query');
    const found = await rowsFor(f);
    const rows = found === 'bad_phone' ? [] : found;
    const page = rows.slice(0, PAGE);
    const last = page.at(-1);
    const params = { status: f.status, phone: f.phone };
    const next = rows.length > PAGE && last ? withQuery(href('/sms'), { ...params, before: last.createdAt.toISOString() }) : null;
    const live = !f.before && found !== 'bad_phone';
    const filtered = Boolean(f.status || f.phone);
    return c.render(
      <>
        <Notice kind={config.SMS_PROVIDER === 'outbox' ? 'warn' : 'ok'}>
          {t(config.SMS_PROVIDER === 'outbox' ? 'admin:sms.outbox_mode' : 'admin:sms.provider_mode', { provider: config.SMS_PROVIDER })}
        </Notice>
        <form method="get" action={href('/sms')} class="filters card" role="search">
          <label>
            {t('admin:sms.phone')}
            <input type="search" name="phone" value={f.phone ?? ''} placeholder="+7 701 234 56 78" inputmode="tel" autocomplete="off" />
          </label>
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
            {filtered ? (
              <a class="button secondary" href={href('/sms')}>
                {t('admin:filters.reset')}
              </a>
            ) : null}
          </div>
        </form>
        {found === 'bad_phone' ? <Notice kind="error">{t('admin:sms.bad_phone')}</Notice> : null}
        {live ? (
          <p class="live-status muted small" data-live-status data-online={t('admin:sms.live')} hidden>
            {t('admin:sms.live')}
          </p>
        ) : null}
        <div class="table-wrap" hidden={page.length === 0} data-sms-events={live ? withQuery(href('/sms/events'), params) : undefined}
          data-sms-rows={live ? withQuery(href('/sms/rows'), params) : undefined}>
          <table>
            <thead>
              <tr>
                <th>{t('admin:sms.at')}</th>
                <th>{t('admin:sms.to')}</th>
                <th>{t('admin:sms.text')}</th>
                <th>{t('admin:sms.status')}</th>
              </tr>
            </thead>
            <tbody id="sms-rows">
              <SmsRows t={t} rows={page} />
            </tbody>
          </table>
        </div>
        <div data-empty hidden={page.length > 0}>
          <EmptyState title={filtered ? t('admin:sms.empty_filtered') : t('admin:sms.empty')}>{t('admin:sms.empty_hint')}</EmptyState>
        </div>
        <NextPage href={next} label={t('admin:paging.older')} />
      </>,
      { title: t('admin:sms.title') },
    );
  });

  app.get('/rows', requires('sms.view'), query(filters), async (c) => {
    const found = await rowsFor({ ...c.req.valid('query'), before: undefined });
    return c.html(<SmsRows t={c.get('t')} rows={found === 'bad_phone' ? [] : found.slice(0, PAGE)} />);
  });

  app.get('/events', requires('sms.view'), query(filters), (c) => {
    const f = { ...c.req.valid('query'), before: undefined };
    return streamSSE(c, async (stream) => {
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      const look = async () => {
        const found = await rowsFor(f);
        return found === 'bad_phone' ? '' : fingerprint(found.slice(0, PAGE));
      };
      let seen = await look();
      await stream.writeSSE({ event: 'ready', data: '{}' });
      let idle = 0;
      while (!stream.aborted) {
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, SMS_WATCH_MS).unref())]);
        if (stream.aborted) break;
        const now = await look();
        if (now !== seen) {
          seen = now;
          idle = 0;
          await stream.writeSSE({ event: 'changed', data: '{}' });
        } else if ((idle += SMS_WATCH_MS) >= 25_000) {
          // A comment line now and then keeps proxies from closing an idle stream.
          idle = 0;
          await stream.write(': keep-alive\n\n');
        }
      }
    });
  });

  return app;
}

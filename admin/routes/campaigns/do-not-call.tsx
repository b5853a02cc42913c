/**
 * @module The do-not-call list (contract cl. 32(21)): numbers never called for surveys, whether a subscriber said so
 * on a call or asked another way; add, find and take off a number. Applied at every import and before every attempt.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Result } from '../../../core/campaigns/index.ts';
import { normalizeKzPhone } from '../../../core/verification/phone.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Csrf, EmptyState, Notice, withQuery } from '../../ui/bits.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { form, query } from '../../validation.ts';
import { CampaignAssets, CampaignTabs, Refusal } from '../../ui/campaigns/bits.tsx';
import { actorOf } from './shared.ts';

const PAGE = 50;
const addForm = z.object({ phone: z.string().trim().min(1).max(40), note: z.string().max(500).default('') });
const removeForm = z.object({ phone: z.string().trim().min(1).max(40) });
const listQuery = z.object({ q: z.string().trim().max(40).optional(), before: z.string().max(80).optional(), done: z.enum(['added', 'removed']).optional() });

export function doNotCallRoutes({ campaigns, store }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const page = async (c: Context<ConsoleEnv>, refusal?: Result<unknown>) => {
    const t = c.get('t');
    const csrf = c.get('csrfToken');
    const v = c.req.query();
    const searched = v.q ? normalizeKzPhone(v.q) : null;
    const before = v.before ? /^(\d+)\|(\+\d+)$/.exec(v.before) : null;
    const items = await store.doNotCall.list({
      limit: PAGE, phone: searched?.ok ? searched.value : undefined, before: before ? { at: new Date(Number(before[1])), phone: before[2]! } : null,
    });
    const users = new Map((await store.users.list()).map((u) => [u.id, u.name]));
    const last = items[items.length - 1];
    return c.render(
      <>
        <CampaignAssets />
        <CampaignTabs t={t} can={c.get('permissions')} here="/campaigns/do-not-call" />
        {refusal && !refusal.ok ? <Refusal t={t} reason={refusal.reason} /> : null}
        {v.done ? <Notice kind="ok">{t(`campaigns:dnc.done_${v.done === 'added' ? 'added' : 'removed'}`)}</Notice> : null}
        <p class="muted">{t('campaigns:dnc.intro', { count: await store.doNotCall.count() })}</p>
        <div class="grid-2">
          <form method="post" action={href('/campaigns/do-not-call')} class="card stack">
            <Csrf token={csrf} />
            <h2>{t('campaigns:dnc.add_title')}</h2>
            <label>{t('campaigns:dnc.phone')}<input name="phone" required inputmode="tel" placeholder="+7 701 123 45 67" /></label>
            <label>{t('campaigns:dnc.note')}<input name="note" maxlength={500} /></label>
            <div><button type="submit">{t('campaigns:dnc.add')}</button></div>
          </form>
          <form method="get" action={href('/campaigns/do-not-call')} class="card stack" role="search">
            <h2>{t('campaigns:dnc.find_title')}</h2>
            <label>{t('campaigns:dnc.phone')}<input type="search" name="q" value={v.q ?? ''} inputmode="tel" /></label>
            <div><button type="submit" class="secondary">{t('campaigns:dnc.find')}</button></div>
          </form>
        </div>
        {items.length === 0 ? <EmptyState title={t(v.q ? 'campaigns:dnc.not_found' : 'campaigns:dnc.empty')} /> : (
          <div class="table-wrap">
            <table>
              <thead><tr><th>{t('campaigns:dnc.phone')}</th><th>{t('campaigns:dnc.source')}</th><th>{t('campaigns:dnc.added')}</th><th></th></tr></thead>
              <tbody>
                {items.map((e) => (
                  <tr>
                    <td data-label={t('campaigns:dnc.phone')} class="mono">{e.phone}</td>
                    <td data-label={t('campaigns:dnc.source')}>{t(`campaigns:dnc.from_${e.source}`)}{e.note ? ` · ${e.note}` : ''}</td>
                    <td data-label={t('campaigns:dnc.added')}>{formatDateTime(e.addedAt)} · {users.get(e.addedBy ?? '') ?? '—'}</td>
                    <td>
                      <form method="post" action={href('/campaigns/do-not-call/remove')} data-confirm={t('campaigns:dnc.remove_confirm')}>
                        <Csrf token={csrf} />
                        <input type="hidden" name="phone" value={e.phone} />
                        <button type="submit" class="link">{t('campaigns:dnc.remove')}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.length === PAGE && last ? <p class="pager"><a class="button secondary" href={withQuery(href('/campaigns/do-not-call'), { before: `${last.addedAt.getTime()}|${last.phone}` })}>{t('campaigns:contacts.more')} →</a></p> : null}
      </>,
      { title: t('campaigns:dnc.title') },
    );
  };

  app.get('/', requires('campaigns.do_not_call'), query(listQuery), (c) => page(c));
  app.post('/', requires('campaigns.do_not_call'), form(addForm), async (c) => {
    const v = c.req.valid('form');
    const r = await campaigns.addToDoNotCall(v.phone, v.note, actorOf(c));
    return r.ok ? c.redirect(`${href('/campaigns/do-not-call')}?done=added`, 303) : page(c, r);
  });
  app.post('/remove', requires('campaigns.do_not_call'), form(removeForm), async (c) => {
    const r = await campaigns.removeFromDoNotCall(c.req.valid('form').phone, actorOf(c));
    return r.ok ? c.redirect(`${href('/campaigns/do-not-call')}?done=removed`, 303) : page(c, r);
  });
  return app;
}

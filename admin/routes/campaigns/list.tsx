/**
 * @module Campaigns: the list with each campaign's state and audience, the quota counter of the contract period with
 * its 80 % / 95 % alerts (seed 003 cl. 10), and creating a campaign from a questionnaire.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Csrf, EmptyState } from '../../ui/bits.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { form } from '../../validation.ts';
import { CampaignAssets, CampaignTabs, QuotaMeter, Refusal, StateBadge } from '../../ui/campaigns/bits.tsx';
import { actorOf } from './shared.ts';

const newCampaign = z.object({ name: z.string().trim().min(1).max(200), questionnaireId: z.uuid() });

export function listRoutes({ campaigns }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('campaigns.view'), async (c) => {
    const t = c.get('t');
    const can = c.get('permissions');
    const [items, quota, alerts, questionnaires] = await Promise.all([campaigns.list(), campaigns.quota(), campaigns.quotaAlerts(), campaigns.listQuestionnaires()]);
    const counts = new Map(await Promise.all(items.map(async (x) => [x.id, await campaigns.counts(x.id)] as const)));
    const names = new Map(questionnaires.map((q) => [q.id, `${q.name} · v${q.version}`]));
    return c.render(
      <>
        <CampaignAssets />
        <QuotaMeter t={t} quota={quota} alerts={alerts} />
        <CampaignTabs t={t} can={can} here="/campaigns" />
        {items.length === 0 ? (
          <EmptyState title={t('campaigns:list.empty')}>{t('campaigns:list.empty_hint')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('campaigns:list.col.name')}</th>
                  <th>{t('campaigns:list.col.state')}</th>
                  <th>{t('campaigns:list.col.audience')}</th>
                  <th>{t('campaigns:list.col.dates')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => {
                  const n = counts.get(x.id)!;
                  return (
                    <tr>
                      <td data-label={t('campaigns:list.col.name')}>
                        <a href={href(`/campaigns/${x.id}`)}>{x.name}</a>
                        <div class="muted small">{names.get(x.questionnaireId) ?? ''}</div>
                      </td>
                      <td data-label={t('campaigns:list.col.state')}><StateBadge t={t} state={x.state} /></td>
                      <td data-label={t('campaigns:list.col.audience')}>
                        {t('campaigns:list.audience', { ready: n.ready + n.claimed, done: n.done, excluded: n.excluded })}
                      </td>
                      <td data-label={t('campaigns:list.col.dates')}>
                        {x.startAt ? formatDateTime(x.startAt) : '—'} → {x.endAt ? formatDateTime(x.endAt) : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </>,
      {
        title: t('campaigns:list.title'),
        actions: can.has('campaigns.manage') ? <a class="button" href={href('/campaigns/new')}>{t('campaigns:list.new')}</a> : undefined,
      },
    );
  });

  const renderNew = async (c: Context<ConsoleEnv>, refusal?: { reason: string }) => {
    const t = c.get('t');
    const questionnaires = await campaigns.listQuestionnaires();
    return c.render(
      <>
        <Refusal t={t} reason={refusal?.reason} />
        {questionnaires.length === 0 ? (
          <EmptyState title={t('campaigns:new.no_questionnaires')}>
            <a href={href('/campaigns/questionnaires')}>{t('campaigns:new.make_questionnaire')}</a>
          </EmptyState>
        ) : (
          <form method="post" action={href('/campaigns')} class="card settings-form">
            <Csrf token={c.get('csrfToken')} />
            <label>
              {t('campaigns:field.name')}
              <input name="name" required maxlength={200} autofocus />
            </label>
            <label>
              {t('campaigns:field.questionnaire')}
              <select name="questionnaireId" required>
                {questionnaires.map((q) => (
                  <option value={q.id}>{`${q.name} · v${q.version}${q.frozenAt ? ` · ${t('campaigns:questionnaire.frozen_short')}` : ''}`}</option>
                ))}
              </select>
            </label>
            <p class="muted small">{t('campaigns:new.hint')}</p>
            <button type="submit">{t('campaigns:new.create')}</button>
          </form>
        )}
      </>,
      { title: t('campaigns:new.title') },
    );
  };

  app.get('/new', requires('campaigns.manage'), (c) => renderNew(c));

  app.post('/', requires('campaigns.manage'), form(newCampaign), async (c) => {
    const v = c.req.valid('form');
    const settings = { ...(await campaigns.defaultSettings(v.questionnaireId)), name: v.name };
    const created = await campaigns.create(settings, actorOf(c));
    if (!created.ok) return renderNew(c, created);
    return c.redirect(href(`/campaigns/${created.value.id}`), 303);
  });

  return app;
}

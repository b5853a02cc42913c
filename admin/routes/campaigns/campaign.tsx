/**
 * @module One campaign: its state and who launched it, what still stops a launch, the buttons of its life (launch,
 * start, pause, resume, finish, archive), the audience with its imports, the agents supervisors assign, and the
 * settings — questionnaire, start and end, calling hours (Asia/Almaty) and retry rules.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Campaign, CampaignState, Result } from '../../../core/campaigns/index.ts';
import { CAMPAIGN_MODES, CAMPAIGN_STATES } from '../../../core/campaigns/index.ts';
import { TRANSITIONS } from '../../../core/campaigns/lifecycle.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Csrf, Notice } from '../../ui/bits.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { form } from '../../validation.ts';
import { CampaignAssets, Checklist, Refusal, StateBadge, fromLocalInput, minutesOf } from '../../ui/campaigns/bits.tsx';
import { AudienceSummary, ContactsTable } from '../../ui/campaigns/audience.tsx';
import { AgentsForm, SettingsForm } from '../../ui/campaigns/settings-form.tsx';
import { actorOf, found, idParam } from './shared.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const count = (max: number) => z.coerce.number().int().min(0).max(max);
const settingsForm = z.object({
  revision: z.coerce.number().int().min(1),
  name: z.string().trim().min(1).max(200),
  questionnaireId: z.uuid(),
  mode: z.enum(CAMPAIGN_MODES).optional(),
  startAt: z.string().max(20).optional(),
  endAt: z.string().max(20).optional(),
  weekdayOpen: time, weekdayClose: time, weekendOpen: time, weekendClose: time,
  no_answer_attempts: count(20), no_answer_spacing: count(43_200),
  busy_attempts: count(20), busy_spacing: count(43_200),
  partial_attempts: count(20), partial_spacing: count(43_200),
  callback_attempts: count(20),
});
const stateForm = z.object({ to: z.enum(CAMPAIGN_STATES) });
const agentsForm = z.object({ agents: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid()).max(500)) });

/** The buttons a campaign in this state offers (scheduled is reached only by launching). */
export function moves(state: CampaignState): CampaignState[] {
  return TRANSITIONS[state].filter((to) => to !== 'scheduled' && !(state === 'draft' && to === 'running'));
}

export function campaignPageRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { campaigns, store } = deps;
  const app = new Hono<ConsoleEnv>();

  const page = async (c: Context<ConsoleEnv>, campaign: Campaign, refusal?: Result<unknown>) => {
    const t = c.get('t');
    const can = c.get('permissions');
    const csrf = c.get('csrfToken');
    const [problems, counts, imports, questionnaires, users, contacts] = await Promise.all([
      campaign.state === 'draft' ? campaigns.checklist(campaign.id) : Promise.resolve([]),
      campaigns.counts(campaign.id), campaigns.imports(campaign.id), campaigns.listQuestionnaires(), store.users.list(),
      store.campaignContacts.list({ campaignId: campaign.id, limit: 50, cursor: c.req.query('cursor') ?? null }),
    ]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const done = c.req.query('done');
    const base = href(`/campaigns/${campaign.id}`);
    return c.render(
      <>
        <CampaignAssets />
        {refusal && !refusal.ok ? <Refusal t={t} reason={refusal.reason} params={refusal.params} /> : null}
        {done ? <Notice kind="ok">{t(`campaigns:campaign.done.${done.replace(/\W/g, '')}`)}</Notice> : null}
        <section class="card campaign-head">
          <p><StateBadge t={t} state={campaign.state} /> <span class="muted small">{t(`campaigns:mode.${campaign.mode}`)}</span> · <a href={`${base}/results`}>{t('campaigns:results.nav')}</a></p>
          <dl class="facts">
            <dt>{t('campaigns:campaign.created')}</dt><dd>{formatDateTime(campaign.createdAt)} · {names.get(campaign.createdBy ?? '') ?? '—'}</dd>
            <dt>{t('campaigns:campaign.launched')}</dt><dd>{campaign.launchedAt ? `${formatDateTime(campaign.launchedAt)} · ${names.get(campaign.launchedBy ?? '') ?? '—'}` : '—'}</dd>
            <dt>{t('campaigns:campaign.period')}</dt><dd>{campaign.startAt ? formatDateTime(campaign.startAt) : t('campaigns:campaign.at_launch')} → {campaign.endAt ? formatDateTime(campaign.endAt) : '—'}</dd>
          </dl>
          {can.has('campaigns.manage') ? (
            <div class="row-actions">
              {campaign.state === 'draft' ? (
                <form method="post" action={`${base}/launch`}><Csrf token={csrf} /><button type="submit" disabled={problems.length > 0}>{t('campaigns:campaign.launch')}</button></form>
              ) : null}
              {moves(campaign.state).map((to) => (
                <form method="post" action={`${base}/state`} data-confirm={to === 'finished' ? t('campaigns:campaign.finish_confirm') : undefined}>
                  <Csrf token={csrf} />
                  <button type="submit" name="to" value={to} class={to === 'finished' ? 'secondary danger' : 'secondary'}>{t(`campaigns:campaign.to.${to}`)}</button>
                </form>
              ))}
            </div>
          ) : null}
        </section>
        <Checklist t={t} problems={problems} title={t('campaigns:campaign.before_launch')} />
        <AudienceSummary t={t} campaign={campaign} counts={counts} imports={imports} canImport={can.has('campaigns.manage')} />
        <AgentsForm t={t} campaign={campaign} users={users} csrf={csrf} canAssign={can.has('campaigns.assign')} />
        <SettingsForm t={t} campaign={campaign} questionnaires={questionnaires} csrf={csrf} canEdit={can.has('campaigns.manage')} />
        <ContactsTable t={t} campaign={campaign} page={contacts} names={names} />
      </>,
      { title: campaign.name },
    );
  };

  app.get('/:id', requires('campaigns.view'), async (c) => page(c, found(await campaigns.get(idParam(c, 'id')))));

  const after = async (c: Context<ConsoleEnv>, id: string, r: Result<unknown>, done: string) => {
    if (r.ok) return c.redirect(`${href(`/campaigns/${id}`)}?done=${done}`, 303);
    return page(c, found(await campaigns.get(id)), r);
  };

  app.post('/:id/settings', requires('campaigns.manage'), form(settingsForm), async (c) => {
    const id = idParam(c, 'id');
    const current = found(await campaigns.get(id));
    const v = c.req.valid('form');
    const rule = (attempts: number, spacingMinutes: number) => ({ attempts, spacingMinutes });
    const settings = {
      name: v.name, questionnaireId: v.questionnaireId, mode: v.mode ?? current.mode, startAt: fromLocalInput(v.startAt), endAt: fromLocalInput(v.endAt),
      callingHours: {
        utcOffsetMinutes: 300, weekday: { open: minutesOf(v.weekdayOpen), close: minutesOf(v.weekdayClose) },
        weekend: { open: minutesOf(v.weekendOpen), close: minutesOf(v.weekendClose) },
      },
      retry: {
        no_answer: rule(v.no_answer_attempts, v.no_answer_spacing), busy: rule(v.busy_attempts, v.busy_spacing),
        partial: rule(v.partial_attempts, v.partial_spacing), callback: rule(v.callback_attempts, 0),
      },
    };
    return after(c, id, await campaigns.update(id, v.revision, settings, actorOf(c)), 'saved');
  });

  app.post('/:id/launch', requires('campaigns.manage'), form(z.object({})), async (c) => {
    const id = idParam(c, 'id');
    found(await campaigns.get(id));
    return after(c, id, await campaigns.launch(id, actorOf(c)), 'launched');
  });

  app.post('/:id/state', requires('campaigns.manage'), form(stateForm), async (c) => {
    const id = idParam(c, 'id');
    found(await campaigns.get(id));
    const to = c.req.valid('form').to;
    return after(c, id, await campaigns.move(id, to, actorOf(c)), to);
  });

  app.post('/:id/agents', requires('campaigns.assign'), form(agentsForm), async (c) => {
    const id = idParam(c, 'id');
    found(await campaigns.get(id));
    return after(c, id, await campaigns.assignAgents(id, c.req.valid('form').agents, actorOf(c)), 'agents');
  });

  return app;
}

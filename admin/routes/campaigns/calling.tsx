/**
 * @module The agents' calling screen (`/admin/calling`): the campaigns one is assigned to, then one campaign's screen —
 * "next contact" (one agent per contact, across instances), the script, the contact's card, the questions, the
 * outcome codes — with the quota counter (seed 003 cl. 10). While the page is open a heartbeat keeps the claim; a
 * closed browser gives the contact back when the lease runs out. Work goes to agents who are ready (cl. 32): an agent
 * on a break, at lunch or "not ready" is told so, and taking the next contact sets them ready first — one press, and
 * the live view and the status report see them working.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { OUTCOME_CODES, type Campaign, type Contact, type Result } from '../../../core/campaigns/index.ts';
import type { Language } from '../../../core/i18n/model.ts';
import type { AgentStatus } from '../../../core/reports/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Csrf, EmptyState, Notice } from '../../ui/bits.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { form } from '../../validation.ts';
import { CampaignAssets, QuotaMeter, Refusal, StateBadge, fromLocalInput } from '../../ui/campaigns/bits.tsx';
import { AnswerSheet, ContactCard, OutcomeButtons, contactUrl, type Posted } from '../../ui/campaigns/calling-screen.tsx';
import { found, idParam } from './shared.ts';

const answersOf = (v: Record<string, unknown>): Posted =>
  Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('a_')).map(([k, x]) => [k.slice(2), Array.isArray(x) ? x.map(String) : String(x)]));
const outcomeForm = z.object({
  claimId: z.uuid(), outcome: z.enum(OUTCOME_CODES), lang: z.enum(['kk', 'ru']),
  callbackAt: z.string().max(20).optional(), callbackMine: z.literal('on').optional(), note: z.string().max(1000).optional(),
}).catchall(z.union([z.string().max(1000), z.array(z.string().max(100)).max(20)]));
const claimForm = z.object({ claimId: z.uuid() });
const SAID = ['none', 'closed', 'quota_reached', 'not_running', 'recorded', 'returned', 'lost'] as const;

export function callingRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { campaigns, store, reports } = deps;
  const app = new Hono<ConsoleEnv>();
  const me = (c: Context<ConsoleEnv>) => c.get('user')!.id;
  /** The agent's status when it keeps them from being offered work (null: ready, or statuses do not apply to them). */
  const notReady = async (c: Context<ConsoleEnv>): Promise<AgentStatus | null> => {
    if (!c.get('permissions').has('status.own') || (await reports.offeredWork(me(c)))) return null;
    return (await reports.currentStatus(me(c)))?.status ?? null;
  };

  app.get('/', requires('campaigns.call'), async (c) => {
    const t = c.get('t');
    const mine = (await campaigns.list(['running', 'paused', 'scheduled'])).filter((x) => x.agentIds.includes(me(c)));
    return c.render(
      <>
        <CampaignAssets />
        <QuotaMeter t={t} quota={await campaigns.quota()} alerts={await campaigns.quotaAlerts()} />
        {mine.length === 0 ? <EmptyState title={t('campaigns:calling.no_campaigns')}>{t('campaigns:calling.no_campaigns_hint')}</EmptyState> : (
          <ul class="plain campaign-cards">
            {mine.map((x) => (
              <li class="card">
                <a href={href(`/calling/${x.id}`)}><strong>{x.name}</strong></a> <StateBadge t={t} state={x.state} />
                <div class="muted small">{x.endAt ? t('campaigns:calling.until', { at: formatDateTime(x.endAt) }) : ''}</div>
              </li>
            ))}
          </ul>
        )}
      </>,
      { title: t('campaigns:calling.title') },
    );
  });

  /** The campaign, if this agent is assigned to it (others get a 403, not a glimpse). */
  const assigned = async (c: Context<ConsoleEnv>): Promise<Campaign> => {
    const campaign = found(await campaigns.get(idParam(c, 'id')));
    if (!campaign.agentIds.includes(me(c))) throw new HTTPException(403, { message: 'campaigns:calling.not_assigned' });
    return campaign;
  };

  const screen = async (c: Context<ConsoleEnv>, campaign: Campaign, contact: Contact | null, refusal?: Result<unknown>, posted: Posted = {}) => {
    const t = c.get('t');
    const csrf = c.get('csrfToken');
    const quota = await campaigns.quota();
    const said = c.req.query('said');
    const base = href(`/calling/${campaign.id}`);
    if (!contact) {
      const opens = c.req.query('opens');
      const recorded = c.req.query('code');
      const away = await notReady(c);
      return c.render(
        <>
          <CampaignAssets />
          <QuotaMeter t={t} quota={quota} alerts={await campaigns.quotaAlerts()} />
          {refusal && !refusal.ok ? <Refusal t={t} reason={refusal.reason} params={refusal.params} /> : null}
          {said && (SAID as readonly string[]).includes(said) ? (
            <Notice kind={said === 'recorded' || said === 'returned' ? 'ok' : 'warn'}>
              {t(`campaigns:calling.said.${said}`, { at: opens ? formatDateTime(new Date(opens)) : '', outcome: recorded ? t(`campaigns:outcome.${recorded.replace(/\W/g, '')}`) : '' })}
            </Notice>
          ) : null}
          {away ? <Notice kind="warn">{t('campaigns:calling.not_ready', { status: t(`reports:status.name.${away}`) })}</Notice> : null}
          <section class="card next-contact">
            <p><StateBadge t={t} state={campaign.state} /> {t('campaigns:calling.next_hint')}</p>
            <form method="post" action={`${base}/next`}>
              <Csrf token={csrf} />
              <button type="submit" class="big" autofocus disabled={campaign.state !== 'running'}>
                {t(away ? 'campaigns:calling.ready_next' : 'campaigns:calling.next')}
              </button>
            </form>
          </section>
        </>,
        { title: campaign.name },
      );
    }
    const q = found(await campaigns.getQuestionnaire(campaign.questionnaireId));
    const asked = c.req.query('lang');
    const lang: Language = asked === 'kk' || asked === 'ru' ? asked : (contact.language ?? c.get('lang'));
    const [attempts, response, accounts, users] = await Promise.all([
      store.campaignContacts.attempts(contact.id), store.campaignContacts.response(contact.id),
      contact.subscriberId ? store.accounts.listBySubscriber(contact.subscriberId) : Promise.resolve([]), store.users.list(),
    ]);
    const values = Object.keys(posted).length ? posted : (response?.answers ?? {});
    return c.render(
      <>
        <CampaignAssets />
        <QuotaMeter t={t} quota={quota} alerts={await campaigns.quotaAlerts()} />
        {refusal && !refusal.ok ? <Refusal t={t} reason={refusal.reason} params={refusal.params} /> : null}
        <p class="lease-lost" data-lease-lost hidden role="alert">{t('campaigns:calling.lease_lost')}</p>
        <div class="calling-layout">
          <form method="post" action={contactUrl(campaign.id, contact.id, 'outcome')} class="card calling-form" data-heartbeat={contactUrl(campaign.id, contact.id, 'heartbeat')}>
            <Csrf token={csrf} />
            <input type="hidden" name="claimId" value={contact.claimId ?? ''} />
            <input type="hidden" name="lang" value={lang} />
            <nav class="tabs small" aria-label={t('campaigns:calling.script_language')}>
              {(['kk', 'ru'] as const).map((l) => <a href={`${base}?lang=${l}`} aria-current={l === lang ? 'page' : undefined}>{t(`campaigns:lang.${l}`)}</a>)}
            </nav>
            <section class="script" lang={lang}>
              <h2>{t('campaigns:calling.script')}</h2>
              <p class="script-say">{q.greeting[lang]}</p>
            </section>
            <AnswerSheet t={t} q={q} lang={lang} values={values} />
            <p class="script-say" lang={lang}>{q.closing[lang]}</p>
            <OutcomeButtons t={t} campaign={campaign} />
          </form>
          <ContactCard t={t} contact={contact} attempts={attempts} accounts={accounts} names={new Map(users.map((u) => [u.id, u.name]))}
            returnUrl={contactUrl(campaign.id, contact.id, 'return')} csrf={csrf} />
        </div>
      </>,
      { title: campaign.name },
    );
  };

  app.get('/:id', requires('campaigns.call'), async (c) => {
    const campaign = await assigned(c);
    return screen(c, campaign, await store.campaignContacts.claimedBy(campaign.id, me(c), deps.clock.now()));
  });

  app.post('/:id/next', requires('campaigns.call'), form(z.object({})), async (c) => {
    const campaign = await assigned(c);
    if (campaign.state === 'running' && (await notReady(c))) await reports.setStatus(me(c), 'ready', null);
    const r = await campaigns.nextContact(campaign.id, me(c));
    const base = href(`/calling/${campaign.id}`);
    if (r.kind === 'claimed' || r.kind === 'holding') return c.redirect(base, 303);
    if (r.kind === 'closed') return c.redirect(`${base}?said=closed&opens=${encodeURIComponent(r.opensAt.toISOString())}`, 303);
    return c.redirect(`${base}?said=${r.kind === 'quota_reached' || r.kind === 'not_running' ? r.kind : 'none'}`, 303);
  });

  const heldContact = async (c: Context<ConsoleEnv>, campaign: Campaign) => {
    const contact = found(await store.campaignContacts.get(idParam(c, 'contactId')));
    if (contact.campaignId !== campaign.id) found(null);
    return contact;
  };

  app.post('/:id/contacts/:contactId/outcome', requires('campaigns.call'), form(outcomeForm), async (c) => {
    const campaign = await assigned(c);
    const contact = await heldContact(c, campaign);
    const v = c.req.valid('form');
    const answers = answersOf(v);
    const r = await campaigns.recordOutcome({
      contactId: contact.id, claimId: v.claimId, agentId: me(c), outcome: v.outcome, answers, language: v.lang,
      callbackAt: fromLocalInput(v.callbackAt), callbackMine: v.callbackMine === 'on', note: v.note ?? null,
    });
    if (r.ok) return c.redirect(`${href(`/calling/${campaign.id}`)}?said=recorded&code=${v.outcome}`, 303);
    const still = await store.campaignContacts.claimedBy(campaign.id, me(c), deps.clock.now());
    return screen(c, campaign, still?.id === contact.id ? still : null, r, answers);
  });

  app.post('/:id/contacts/:contactId/heartbeat', requires('campaigns.call'), form(claimForm), async (c) => {
    const campaign = await assigned(c);
    const contact = await heldContact(c, campaign);
    const alive = await campaigns.heartbeat(contact.id, c.req.valid('form').claimId, me(c));
    const quota = await campaigns.quota();
    return c.json({ alive, quota: { used: quota.used, pending: quota.pending, cap: quota.settings.cap, full: quota.full } });
  });

  app.post('/:id/contacts/:contactId/return', requires('campaigns.call'), form(claimForm), async (c) => {
    const campaign = await assigned(c);
    const contact = await heldContact(c, campaign);
    const back = await campaigns.returnContact(contact.id, c.req.valid('form').claimId, me(c));
    return c.redirect(`${href(`/calling/${campaign.id}`)}?said=${back ? 'returned' : 'lost'}`, 303);
  });

  return app;
}

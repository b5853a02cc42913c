/**
 * @module Settings of the quota of effective calls (seed 003 cl. 10: up to 5,000 per contract period, across all
 * campaigns): the cap, the first day of the contract period (default 1 January) and what the cap does — stop the
 * calling screen (default) or only warn. Administrators only; audited.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { isPeriodStart } from '../../../core/campaigns/quota.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Csrf, Notice } from '../../ui/bits.tsx';
import { form } from '../../validation.ts';
import { CampaignAssets, CampaignTabs, QuotaMeter } from '../../ui/campaigns/bits.tsx';
import { actorOf } from './shared.ts';

const quotaForm = z.object({
  cap: z.coerce.number().int().min(1).max(1_000_000),
  mode: z.enum(['stop', 'notify']),
  periodStart: z.string().refine(isPeriodStart),
});

export function quotaRoutes({ campaigns }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const page = async (c: Context<ConsoleEnv>) => {
    const t = c.get('t');
    const quota = await campaigns.quota();
    const s = quota.settings;
    return c.render(
      <>
        <CampaignAssets />
        <CampaignTabs t={t} can={c.get('permissions')} here="/campaigns/quota" />
        {c.req.query('saved') ? <Notice kind="ok">{t('campaigns:quota.saved')}</Notice> : null}
        <QuotaMeter t={t} quota={quota} alerts={await campaigns.quotaAlerts()} />
        <form method="post" action={href('/campaigns/quota')} class="card settings-form">
          <Csrf token={c.get('csrfToken')} />
          <p class="muted">{t('campaigns:quota.intro')}</p>
          <label>{t('campaigns:quota.cap')}<input type="number" name="cap" min={1} max={1000000} required value={String(s.cap)} /></label>
          <label>{t('campaigns:quota.period_start')}<input name="periodStart" required pattern="\d{2}-\d{2}" value={s.periodStart} /><span class="muted small">{t('campaigns:quota.period_start_hint')}</span></label>
          <fieldset>
            <legend>{t('campaigns:quota.at_cap')}</legend>
            {(['stop', 'notify'] as const).map((m) => (
              <label class="check"><input type="radio" name="mode" value={m} checked={s.mode === m} /><span>{t(`campaigns:quota.mode_${m}`)}</span></label>
            ))}
          </fieldset>
          <div><button type="submit">{t('campaigns:quota.save')}</button></div>
        </form>
      </>,
      { title: t('campaigns:quota.settings_title') },
    );
  };
  app.get('/', requires('campaigns.quota'), page);
  app.post('/', requires('campaigns.quota'), form(quotaForm), async (c) => {
    await campaigns.saveQuota(c.req.valid('form'), actorOf(c));
    return c.redirect(`${href('/campaigns/quota')}?saved=1`, 303);
  });
  return app;
}

/**
 * @module Preview of a questionnaire in one language: as the agent reads it on the calling screen, and as a subscriber
 * sees it in the bot (Telegram with buttons, WhatsApp with a numbered list).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { query } from '../../validation.ts';
import { CampaignAssets } from '../../ui/campaigns/bits.tsx';
import { AgentScript, BotPreview } from '../../ui/campaigns/script.tsx';
import { found, idParam } from './shared.ts';

export function previewRoutes({ campaigns }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/:qid/preview', requires('campaigns.view'), query(z.object({ lang: z.enum(['kk', 'ru']).optional() })), async (c) => {
    const t = c.get('t');
    const q = found(await campaigns.getQuestionnaire(idParam(c, 'qid')));
    const lang = c.req.valid('query').lang ?? c.get('lang');
    const base = href(`/campaigns/questionnaires/${q.id}/preview`);
    return c.render(
      <>
        <CampaignAssets />
        <nav class="tabs" aria-label={t('campaigns:preview.language')}>
          {(['kk', 'ru'] as const).map((l) => <a href={`${base}?lang=${l}`} aria-current={l === lang ? 'page' : undefined}>{t(`campaigns:lang.${l}`)}</a>)}
          <a href={href(`/campaigns/questionnaires/${q.id}`)}>← {t('campaigns:preview.back')}</a>
        </nav>
        <div class="grid-2">
          <section class="card">
            <h2>{t('campaigns:preview.agent')}</h2>
            <AgentScript t={t} q={q} lang={lang} />
          </section>
          <section class="card">
            <h2>{t('campaigns:preview.bot')}</h2>
            <BotPreview t={t} q={q} lang={lang} />
          </section>
        </div>
      </>,
      { title: t('campaigns:preview.title', { name: q.name }) },
    );
  });
  return app;
}

/**
 * @module A campaign's results and exports: the results page (any segment, any search; the live part re-rendered on
 * the server and pushed by server-sent events every 2 s when it changed, counted from the store so any instance serves
 * it) and the files — answers and call outcomes as CSV (UTF-8 with BOM) or XLSX, and the summary workbook. Archived
 * campaigns stay readable here.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Campaign, Segment } from '../../../core/campaigns/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Notice } from '../../ui/bits.tsx';
import { query } from '../../validation.ts';
import { CampaignAssets, StateBadge } from '../../ui/campaigns/bits.tsx';
import { Exports, ResultsLive, SegmentForm } from '../../ui/campaigns/results.tsx';
import { found, idParam } from './shared.ts';
import { textStream } from '../../text-stream.ts';

const filters = z.object({
  region: z.string().max(100).optional(), planId: z.string().max(60).optional(),
  channel: z.enum(['call', 'telegram', 'whatsapp', '']).optional(), language: z.enum(['kk', 'ru', '']).optional(),
  q: z.string().max(100).optional(),
});
const FILES = {
  'answers.csv': { kind: 'answers', format: 'csv' }, 'answers.xlsx': { kind: 'answers', format: 'xlsx' },
  'outcomes.csv': { kind: 'outcomes', format: 'csv' }, 'outcomes.xlsx': { kind: 'outcomes', format: 'xlsx' },
  'summary.xlsx': { kind: 'summary', format: 'xlsx' },
} as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function resultsRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { campaigns } = deps;
  const app = new Hono<ConsoleEnv>();

  const read = (c: Context<ConsoleEnv>) => {
    const v = filters.parse(c.req.query());
    const segment: Segment = { region: v.region || null, planId: v.planId || null, channel: v.channel || null, language: v.language || null };
    return { segment, search: v.q ?? '' };
  };

  const live = async (c: Context<ConsoleEnv>, campaign: Campaign, segment: Segment, search: string) => {
    const [results, ambiguous, quota] = await Promise.all([
      campaigns.results.results(campaign.id, segment, search), campaigns.results.ambiguous(campaign.id), campaigns.quota(),
    ]);
    return { results: found(results), ambiguous, quota };
  };

  app.get('/:id/results', requires('campaigns.view'), query(filters), async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const campaign = found(await campaigns.get(idParam(c, 'id')));
    const { segment, search } = read(c);
    const data = await live(c, campaign, segment, search);
    const events = `${href(`/campaigns/${campaign.id}/results/events`)}?${new URLSearchParams(c.req.query()).toString()}`;
    return c.render(
      <>
        <CampaignAssets />
        <p class="no-print"><a href={href(`/campaigns/${campaign.id}`)}>← {campaign.name}</a></p>
        <p><StateBadge t={t} state={campaign.state} /> <span class="muted small">{t(`campaigns:mode.${campaign.mode}`)} · {t('campaigns:results.live')} {t('campaigns:results.print')}</span></p>
        {campaign.state === 'archived' ? <Notice kind="warn">{t('campaigns:results.read_only')}</Notice> : null}
        <SegmentForm t={t} results={data.results} segment={segment} search={search} />
        <Exports t={t} campaignId={campaign.id} />
        <div data-results-events={events}>
          <ResultsLive t={t} lang={lang} {...data} />
        </div>
      </>,
      { title: t('campaigns:results.title', { name: campaign.name }) },
    );
  });

  app.get('/:id/results/events', requires('campaigns.view'), query(filters), async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const campaign = found(await campaigns.get(idParam(c, 'id')));
    const { segment, search } = read(c);
    return streamSSE(c, async (stream) => {
      let last = '';
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      while (!stream.aborted) {
        const html = String(await (<ResultsLive t={t} lang={lang} {...await live(c, campaign, segment, search)} />).toString());
        if (html !== last) await stream.writeSSE({ event: 'results', data: html.replace(/\n/g, ' ') });
        last = html;
        await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
      }
    });
  });

  app.get('/:id/export/:file', requires('campaigns.view'), async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const campaign = found(await campaigns.get(idParam(c, 'id')));
    const file = FILES[c.req.param('file') as keyof typeof FILES];
    if (!file) found(null);
    const name = `${file.kind}-${campaign.id.slice(0, 8)}.${file.format}`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    if (file.format === 'xlsx') {
      const bytes = found(await campaigns.results.xlsx([file.kind], campaign.id, t, lang));
      c.header('Content-Type', XLSX);
      return c.body(new Uint8Array(bytes));
    }
    const chunks = found(await campaigns.results.csv(file.kind, campaign.id, t, lang));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(textStream(chunks));
  });

  return app;
}

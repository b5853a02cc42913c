/**
 * @module A campaign's audience: a call list uploaded as CSV or XLSX (the sample file to download, the encoding to
 * choose or leave to the import), or a segment of the subscribers in the store; then the import's page with a live
 * progress bar (server-sent events, read from the store, so any instance can serve it) and its per-row report, shown
 * and downloadable as CSV.
 */
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { ACCOUNT_STATUSES } from '../../../core/accounts/status.ts';
import { reportCsv } from '../../../core/campaigns/import/report.ts';
import { ASKED_ENCODINGS } from '../../../core/campaigns/import/sniff.ts';
import { bodyLimit } from '../../../core/server/body-limit.ts';
import type { CallListImport, Result } from '../../../core/campaigns/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { form, query } from '../../validation.ts';
import { CampaignAssets, Refusal } from '../../ui/campaigns/bits.tsx';
import { AudienceForms } from '../../ui/campaigns/audience-forms.tsx';
import { ImportReport, progressOf } from '../../ui/campaigns/import-report.tsx';
import { actorOf, found, idParam } from './shared.ts';
import { textStream } from '../../text-stream.ts';

const SAMPLE = readFileSync(new URL('../../../core/campaigns/examples/call-list.csv', import.meta.url));
/** Room for the form's other fields and the multipart framing around the file. */
const FORM_FRAMING = 64 * 1024;
const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(100));
const fileForm = z.object({ file: z.instanceof(File), encoding: z.enum(ASKED_ENCODINGS).default('auto') });
const segmentForm = z.object({
  regions: many(z.string().max(100)), plans: many(z.string().max(60)), statuses: many(z.enum(ACCOUNT_STATUSES)),
  categories: many(z.enum(['individual', 'entrepreneur'])), channels: many(z.enum(['telegram', 'whatsapp', 'webchat'])), languages: many(z.enum(['kk', 'ru'])),
});

export function importRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { campaigns, store } = deps;
  const app = new Hono<ConsoleEnv>();

  app.get('/sample.csv', requires('campaigns.view'), (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="call-list-sample.csv"');
    return c.body(SAMPLE);
  });

  const audience = async (c: Context<ConsoleEnv>, campaignId: string, refusal?: Result<unknown>) => {
    const t = c.get('t');
    const campaign = found(await campaigns.get(campaignId));
    const [regions, plans] = await Promise.all([campaigns.regions(), store.billing.listPlans()]);
    return c.render(
      <>
        <CampaignAssets />
        {refusal && !refusal.ok ? <Refusal t={t} reason={refusal.reason} params={refusal.params} /> : null}
        <AudienceForms t={t} campaign={campaign} regions={regions} plans={plans} csrf={c.get('csrfToken')} maxBytes={campaigns.deps.maxFileBytes} />
      </>,
      { title: t('campaigns:audience.page_title', { name: campaign.name }) },
    );
  };

  app.get('/:id/audience', requires('campaigns.manage'), (c) => audience(c, idParam(c, 'id')));

  const started = (c: Context<ConsoleEnv>, id: string, r: Result<CallListImport>) =>
    r.ok ? c.redirect(href(`/campaigns/${id}/imports/${r.value.id}`), 303) : audience(c, id, r);

  // The upload's own body limit (the server-wide guard reads it before anything reads the body): the file plus the form around it.
  app.post('/:id/audience/file', bodyLimit(campaigns.deps.maxFileBytes + FORM_FRAMING), requires('campaigns.manage'), form(fileForm), async (c) => {
    const id = idParam(c, 'id');
    found(await campaigns.get(id));
    const v = c.req.valid('form');
    const bytes = Buffer.from(await v.file.arrayBuffer());
    return started(c, id, await campaigns.startFileImport({ campaignId: id, fileName: v.file.name, bytes, encoding: v.encoding }, actorOf(c)));
  });

  app.post('/:id/audience/segment', requires('campaigns.manage'), form(segmentForm), async (c) => {
    const id = idParam(c, 'id');
    found(await campaigns.get(id));
    const v = c.req.valid('form');
    const segment = { regions: v.regions, planIds: v.plans, statuses: v.statuses, categories: v.categories, channels: v.channels, languages: v.languages };
    return started(c, id, await campaigns.startSegmentImport(id, segment, actorOf(c)));
  });

  const importOf = async (c: Context<ConsoleEnv>) => {
    const id = idParam(c, 'id');
    const record = found(await campaigns.getImport(idParam(c, 'importId')));
    if (record.campaignId !== id) found(null);
    return record;
  };

  app.get('/:id/imports/:importId', requires('campaigns.view'), query(z.object({ after: z.coerce.number().int().min(0).optional() })), async (c) => {
    const t = c.get('t');
    const record = await importOf(c);
    const campaign = found(await campaigns.get(record.campaignId));
    const after = c.req.valid('query').after ?? 0;
    const issues = await store.callListImports.issues(record.id, { afterLine: after, limit: 200 });
    return c.render(
      <>
        <CampaignAssets />
        <ImportReport t={t} campaign={campaign} record={record} issues={issues} after={after} />
      </>,
      { title: record.source === 'segment' ? t('campaigns:audience.segment') : (record.fileName ?? t('campaigns:import.title')) },
    );
  });

  app.get('/:id/imports/:importId/events', requires('campaigns.view'), async (c) => {
    const first = await importOf(c);
    return streamSSE(c, async (stream) => {
      let last = '';
      let record: CallListImport | null = first;
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      while (!stream.aborted && record) {
        const data = JSON.stringify(progressOf(record));
        if (data !== last) await stream.writeSSE({ event: 'progress', data });
        last = data;
        if (record.status === 'done' || record.status === 'failed') break;
        await Promise.race([closed, new Promise((r) => setTimeout(r, 400).unref())]);
        record = await campaigns.getImport(first.id);
      }
    });
  });

  app.get('/:id/imports/:importId/report.csv', requires('campaigns.view'), async (c) => {
    const record = await importOf(c);
    const t = c.get('t');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="report-${record.id.slice(0, 8)}.csv"`);
    const chunks = reportCsv(store.callListImports, record.id, t);
    return c.body(textStream(chunks));
  });

  return app;
}

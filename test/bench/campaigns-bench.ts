/**
 * @module Benchmark 7, survey campaigns on the embedded store (a SQLite file, as `npm start` keeps it): a 100,000-row
 * CSV call list imported end to end by the product's import (check pass, then batches with their checkpoint) — its
 * time, rows/s, the peak memory it adds and how long the event loop was held meanwhile — next to csv-parse alone
 * reading the same file; and "next contact" (the claim with its quota slot, the do-not-call re-check) with 100,000
 * contacts in the campaign, next to the same with a few thousand, alternating, plus recording the outcome.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { DEFAULT_CALENDAR } from '../../core/sla/calendar.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { campaignPorts } from '../../core/store/campaign-ports.ts';
import { createCampaigns, type Campaign, type Campaigns } from '../../core/campaigns/index.ts';
import { DEFAULT_RETRY } from '../../core/campaigns/outcomes.ts';
import { DEFAULT_CALLING_HOURS } from '../../core/campaigns/calling-hours.ts';
import { BATCH_ROWS } from '../../core/campaigns/import/limits.ts';
import type { BenchContext } from './context.ts';
import { figure, type BenchResult, type Figure } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

const MONDAY_10 = '2026-03-02T05:00:00Z';
const MiB = 1024 * 1024;
const actor = { type: 'user' as const, id: 'bench' };
/** Kazakh mobile prefixes, so the generated numbers are real-looking and valid. */
const PREFIXES = ['700', '701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778'];

/** A realistic call list: every column, Cyrillic names, a few bad and duplicate rows, `;` as Excel writes it. */
export function callListCsv(rows: number): Buffer {
  const lines = ['Телефон;ФИО;Лицевой счёт;Регион;Язык;Теги'];
  for (let i = 0; i < rows; i += 1) {
    // Every 500th row has a bad phone; every 499th repeats the row before it (merged).
    const n = i % 499 === 0 && i > 0 ? i - 1 : i;
    const phone = i % 500 === 499 ? '12345' : `8 ${PREFIXES[n % PREFIXES.length]} ${String(1_000_000 + n).slice(-7)}`;
    lines.push(`${phone};Абонент Тестов ${i};${String(100_000_000_000 + i)};Алматытелеком;${i % 2 ? 'kk' : 'ru'};megaline, опрос`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

function setUp(dir: string, clock = new ManualClock(MONDAY_10)) {
  const store = openSqliteStore(dir);
  const scheduler = new Scheduler({ store, clock, logger: silentLogger });
  const campaigns = createCampaigns({ ...campaignPorts(store), clock, logger: silentLogger, scheduler, calendar: async () => DEFAULT_CALENDAR, claimLeaseMs: 180_000, dispatchLeaseMs: 20_000, maxFileBytes: 20 * 1024 * 1024 });
  return { store, clock, campaigns };
}

async function draftCampaign(campaigns: Campaigns, store: ReturnType<typeof setUp>['store'], clock: ManualClock): Promise<Campaign> {
  const q = await campaigns.createQuestionnaire('Bench', actor);
  if (!q.ok) throw new Error(q.reason);
  const campaign: Campaign = {
    id: crypto.randomUUID(), name: 'Bench', questionnaireId: q.value.id, mode: 'calls', state: 'running', startAt: null,
    endAt: new Date(clock.now().getTime() + 90 * 86_400_000), callingHours: DEFAULT_CALLING_HOURS, retry: structuredClone(DEFAULT_RETRY),
    agentIds: ['agent'], createdBy: null, createdAt: clock.now(), launchedBy: null, launchedAt: clock.now(), updatedAt: clock.now(), revision: 1,
  };
  await store.campaigns.create(campaign);
  return campaign;
}

/** One whole import of `bytes`: seconds, peak RSS added, event-loop delay p99 and max. */
async function importOnce(ctx: BenchContext, name: string, bytes: Buffer) {
  const { store, clock, campaigns } = setUp(ctx.dir(name));
  const campaign = await draftCampaign(campaigns, store, clock);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = process.hrtime.bigint();
  const started = await campaigns.startFileImport({ campaignId: campaign.id, fileName: 'bench.csv', bytes, encoding: 'auto' }, actor);
  if (!started.ok) throw new Error(started.reason);
  await campaigns.runner.idle();
  const ms = msSince(start);
  loop.disable();
  clearInterval(sampler);
  const record = (await campaigns.getImport(started.value.id))!;
  if (record.status !== 'done') throw new Error(`import ended ${record.status}: ${JSON.stringify(record.error)}`);
  await store.close();
  return { ms, addedMiB: (peak - rssBefore) / MiB, peakMiB: peak / MiB, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, record };
}

/** The event-loop delay of this process doing nothing for 2 s: what the machine itself adds. */
async function idleLoopP99(): Promise<number> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await new Promise((r) => setTimeout(r, 2_000));
  loop.disable();
  return loop.percentile(99) / 1e6;
}

/** csv-parse alone over the same bytes: the floor any CSV import stands on. */
async function parseOnly(bytes: Buffer): Promise<number> {
  const start = process.hrtime.bigint();
  let n = 0;
  for await (const _ of Readable.from([bytes]).pipe(parse({ delimiter: ';', relax_column_count: true }))) n += 1;
  if (n < 2) throw new Error('nothing parsed');
  return msSince(start);
}

/** Fills a campaign with `n` contacts through the repository (fast), all due now. */
async function seedContacts(s: ReturnType<typeof setUp>, campaign: Campaign, n: number): Promise<void> {
  const at = s.clock.now();
  const id = crypto.randomUUID();
  await s.store.callListImports.create({
    id, campaignId: campaign.id, source: 'file', fileName: null, format: null, encoding: null, bytes: 0, segment: null, status: 'importing',
    error: null, totalRows: n, checkedRows: n, processedRows: 0, imported: 0, merged: 0, rejected: 0, warnings: 0, createdBy: null, createdAt: at, updatedAt: at, finishedAt: null,
  });
  for (let done = 0; done < n; done += 5_000) {
    const inserts = Array.from({ length: Math.min(5_000, n - done) }, (_, k) => {
      const i = done + k;
      return {
        id: crypto.randomUUID(), campaignId: campaign.id, phone: `+770${1 + (i % 8)}${String(1_000_000 + i).slice(-7)}`, name: `Абонент ${i}`,
        accountNumber: null, region: null, language: 'kk' as const, tags: [], subscriberId: null, utcOffsetMinutes: 300, state: 'ready' as const,
        priority: 1 as const, dueAt: new Date(at.getTime() - (n - i) * 1000), reservedFor: null, attempts: 0, lastOutcome: null, lastAttemptAt: null,
        claimId: null, claimedBy: null, leaseUntil: null, quotaPeriod: null, excludedReason: null, importId: id, line: i + 2, createdAt: at, updatedAt: at, closedAt: null,
      };
    });
    await s.store.callListImports.applyBatch({ importId: id, expectedProcessed: done, processedAfter: done + inserts.length, inserts, merges: [], issues: [], counts: { imported: inserts.length, merged: 0, rejected: 0, warnings: 0 }, at });
  }
}

/** Runs benchmark 7 and returns its figures. */
export async function campaignsBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const rows = ctx.quick ? 10_000 : 100_000;
  const runs = ctx.quick ? 1 : 3;
  const bytes = callListCsv(rows);
  ctx.log(`Campaigns: importing a ${rows.toLocaleString('en')}-row CSV (${(bytes.length / MiB).toFixed(1)} MiB) ${runs} time(s) …`);
  const imports: Array<Awaited<ReturnType<typeof importOnce>>> = [];
  const parses: number[] = [];
  const idle: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    idle.push(await idleLoopP99());
    parses.push(await parseOnly(bytes));
    imports.push(await importOnce(ctx, `import-${r}`, bytes));
    ctx.log(`  run ${r + 1}: ${(imports[r]!.ms / 1000).toFixed(1)} s`);
  }
  const last = imports[imports.length - 1]!.record;
  const rowsPerS = imports.map((i) => rows / (i.ms / 1000));
  const parseRowsPerS = parses.map((ms) => rows / (ms / 1000));

  const contacts = ctx.quick ? 20_000 : 100_000;
  const samples = ctx.quick ? 300 : 2_000;
  // Each claim moves its contact 2 h on, so the small campaign needs a contact for every claim.
  const SMALL = samples + 100;
  ctx.log(`Campaigns: "next contact" with ${contacts.toLocaleString('en')} and ${SMALL.toLocaleString('en')} contacts, ${samples} claims each …`);
  const big = setUp(ctx.dir('claims-big'));
  const small = setUp(ctx.dir('claims-small'));
  const sides = [
    { s: big, campaign: await draftCampaign(big.campaigns, big.store, big.clock), next: [] as number[], outcome: [] as number[] },
    { s: small, campaign: await draftCampaign(small.campaigns, small.store, small.clock), next: [] as number[], outcome: [] as number[] },
  ];
  await seedContacts(sides[0]!.s, sides[0]!.campaign, contacts);
  await seedContacts(sides[1]!.s, sides[1]!.campaign, SMALL);
  for (let i = 0; i < samples + 50; i += 1) {
    for (const side of i % 2 ? [...sides].reverse() : sides) {
      const t0 = process.hrtime.bigint();
      const r = await side.s.campaigns.nextContact(side.campaign.id, 'agent');
      const tNext = msSince(t0);
      if (r.kind !== 'claimed') throw new Error(`claim ${i}: ${r.kind}`);
      const t1 = process.hrtime.bigint();
      const done = await side.s.campaigns.recordOutcome({ contactId: r.contact.id, claimId: r.contact.claimId!, agentId: 'agent', outcome: 'no_answer', answers: {}, language: 'kk' });
      if (!done.ok) throw new Error(done.reason);
      if (i >= 50) {
        side.next.push(tNext);
        side.outcome.push(msSince(t1));
      }
    }
  }
  await big.store.close();
  await small.store.close();

  const imp = (f: (x: (typeof imports)[number]) => number) => imports.map(f);
  const figures: Figure[] = [
    figure(`import ${rows.toLocaleString('en')} rows, whole`, 's', summarize(imp((x) => x.ms / 1000)), imp((x) => x.ms / 1000)),
    figure('import rate', 'rows/s', summarize(rowsPerS), rowsPerS),
    figure('csv-parse alone, same file', 'rows/s', summarize(parseRowsPerS), parseRowsPerS),
    figure('memory added during import (peak RSS − before)', 'MiB', summarize(imp((x) => x.addedMiB)), imp((x) => x.addedMiB)),
    figure('peak RSS of the process', 'MiB', summarize(imp((x) => x.peakMiB)), imp((x) => x.peakMiB)),
    figure('event-loop delay during import, p99', 'ms', summarize(imp((x) => x.loopP99)), imp((x) => x.loopP99)),
    figure('event-loop delay during import, max', 'ms', summarize(imp((x) => x.loopMax)), imp((x) => x.loopMax)),
    figure('event-loop delay idle (same process), p99', 'ms', summarize(idle), idle),
    figure(`next contact, ${contacts.toLocaleString('en')} contacts`, 'ms', summarize(sides[0]!.next)),
    figure(`next contact, ${SMALL.toLocaleString('en')} contacts`, 'ms', summarize(sides[1]!.next)),
    figure(`record outcome, ${contacts.toLocaleString('en')} contacts`, 'ms', summarize(sides[0]!.outcome)),
  ];
  return {
    id: 'campaigns',
    title: '7. Campaigns: call-list import and "next contact"',
    workload: [
      `CSV of ${rows.toLocaleString('en')} rows × 6 columns, ${(bytes.length / MiB).toFixed(1)} MiB, UTF-8, ";" — ${last.imported.toLocaleString('en')} imported, ${last.merged} merged, ${last.rejected} rejected; ${runs} run(s), each into a fresh store file`,
      `import = upload stored in 1 MiB chunks → check pass over the whole file → batches of ${BATCH_ROWS} rows applied with their checkpoint (phones parsed by libphonenumber, duplicates, do-not-call)`,
      `"next contact" = the calling screen's use case (calling hours, lease sweep, claim + quota slot in one IMMEDIATE transaction, do-not-call re-check); each claim then records "no answer", so the queue keeps moving; ${samples} samples per size after 50 warm-up, the two sizes alternating`,
    ],
    figures,
    ratios: [
      { name: 'import rate / csv-parse alone', value: median(rowsPerS) / median(parseRowsPerS), how: 'medians over the runs' },
      { name: `next contact p50, ${contacts.toLocaleString('en')} / ${SMALL.toLocaleString('en')} contacts`, value: median(sides[0]!.next) / median(sides[1]!.next), how: 'medians, alternating in one process' },
    ],
    notes: [
      'Peak memory is sampled every 20 ms; the file itself (held as the upload) is part of it.',
      'Event-loop delay shows the server keeps answering: the import yields between batches, so a request waits at most about one batch.',
    ],
    wallMs: msSince(started),
  };
}

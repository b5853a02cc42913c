/**
 * @module Benchmark 8, the monthly report (issue 19: a month of 1,000,000 tickets generated in under 10 s on the
 * embedded store): one month holding N tickets (a quarter technical with a decided callback SLA, over 16 regions, four
 * channels and four types) and N chat contacts (a third handed off, two agents in ten answering), written straight into
 * a SQLite file, then the report of that month computed the way the monthly job does — pages of tickets and contacts
 * read through the store ports, every cell folded in core. The same with N/10 in the same process gives the ratio.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { computeReport, monthPeriod } from '../../core/reports/monthly.ts';
import type { BenchContext } from './context.ts';
import { figure, type BenchResult } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

const MONTH = '2026-03';
const START = Date.parse('2026-02-28T19:00:00Z');
const SPAN = 31 * 86_400_000;
const TYPES = ['reference', 'complaint', 'technical', 'connection'];
const CHANNELS = ['telegram', 'whatsapp', 'webchat', 'phone'];
const CONTACT_CHANNELS = ['telegram', 'whatsapp', 'webchat'];

function fill(dir: string, n: number): { ms: number; store: ReturnType<typeof openSqliteStore> } {
  const started = process.hrtime.bigint();
  const store = openSqliteStore(dir);
  const db = store.db;
  const ticket = db.prepare(`INSERT INTO tickets (id, number, type, channel, status, active, line, handed_off, breached, language, region, service,
    created_at, updated_at, version) VALUES (?, ?, ?, ?, 'closed', 0, ?, 0, ?, 'ru', ?, ?, ?, ?, 1)`);
  const sla = db.prepare(`INSERT INTO ticket_sla (ticket_id, callback_minutes, clock, started_at, due_at, status, callback_at, breached_at)
    VALUES (?, 120, 'calendar', ?, ?, ?, ?, ?)`);
  const contact = db.prepare(`INSERT INTO chat_contacts (id, chat_key, channel, language, started_at, last_activity_at, type, ticket_id,
    handed_off_at, answer_by, answered_at, agent_id, left_at, ended_at) VALUES (?, ?, ?, 'ru', ?, ?, ?, NULL, ?, ?, ?, ?, NULL, ?)`);
  const agents = Array.from({ length: 12 }, () => randomUUID());
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const at = START + Math.floor((i / n) * SPAN);
      const type = TYPES[i % 4]!;
      const id = randomUUID();
      const missed = type === 'technical' && i % 20 === 2;
      ticket.run(id, i + 1, type, CHANNELS[(i >> 2) % 4], type === 'technical' ? 2 : 1, missed ? 1 : 0, `Регион ${i % 16}`, i % 3 ? 'megaline' : 'phone', at, at);
      if (type === 'technical') sla.run(id, at, at + 7_200_000, missed ? 'missed' : 'hit', at + (missed ? 9_000_000 : 3_600_000), missed ? at + 7_200_000 : null);
      const handed = i % 3 === 0;
      const answered = handed && i % 10 !== 0;
      contact.run(randomUUID(), `${CONTACT_CHANNELS[i % 3]}:${i}`, CONTACT_CHANNELS[i % 3], at, at, type, handed ? at + 5_000 : null,
        handed ? at + 86_400_000 : null, answered ? at + 25_000 : null, answered ? agents[i % 12] : null, answered ? at + 400_000 : null);
    }
  })();
  return { ms: msSince(started), store };
}

/** Runs benchmark 8 and returns its figures. */
export async function reportsBench(ctx: BenchContext): Promise<BenchResult> {
  const wallStart = process.hrtime.bigint();
  const big = ctx.quick ? 50_000 : 1_000_000;
  const small = big / 10;
  const runs = ctx.quick ? 1 : 3;
  const sides = [big, small].map((n) => {
    const filled = fill(ctx.dir(`reports-${n}`), n);
    ctx.log(`  ${n.toLocaleString('en')} tickets and contacts written in ${(filled.ms / 1000).toFixed(1)} s`);
    return { n, store: filled.store, samples: [] as number[] };
  });
  let check = 0;
  for (let r = 0; r < runs; r += 1) {
    for (const side of sides) {
      const started = process.hrtime.bigint();
      const report = await computeReport(side.store, monthPeriod(MONTH));
      side.samples.push(msSince(started));
      if (report.tickets.total !== side.n || report.conversations.total !== side.n) throw new Error(`report counted ${report.tickets.total} of ${side.n}`);
      check += report.secondLine.withCallback;
    }
  }
  for (const side of sides) await side.store.close();
  return {
    id: 'reports',
    title: '8. Monthly report (seed 003 cl. 29)',
    workload: [
      `one month of ${big.toLocaleString('en')} tickets (¼ technical with a decided callback SLA; 16 regions, 4 channels, 4 types) and ${big.toLocaleString('en')} chat contacts (⅓ handed off, 90 % of those answered by 12 agents), SQLite file`,
      `the report as the monthly job computes it: tickets and contacts read in pages of 5,000 through the store ports, every cell folded in core; ${runs} run(s) per size, the sizes alternating; also ${small.toLocaleString('en')} for the ratio`,
    ],
    figures: sides.map((s) => figure(`report of a month, ${s.n.toLocaleString('en')} tickets + contacts`, 'ms', summarize(s.samples), s.samples)),
    ratios: [{ name: `${big.toLocaleString('en')} / ${small.toLocaleString('en')}`, value: median(sides[0]!.samples) / median(sides[1]!.samples), how: 'medians; 10 × the data' }],
    notes: [`issue 19 target: under 10 s for 1,000,000 tickets; callbacks counted ${check.toLocaleString('en')}`],
    wallMs: msSince(wallStart),
  };
}

/**
 * @module Benchmark 4, console ticket list: query time of the queue page with a million tickets (ten transcript
 * messages each) in the embedded store — the first page and a deep page reached by the keyset cursor — through
 * `tickets.queue`, the function the console's list route calls, and once more as the whole rendered page through
 * `app.request` (signed in as the administrator).
 */
import { startProduct, type Product } from '../../main.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { foldName } from '../../core/store/text.ts';
import { startSession } from '../../core/users/sessions.ts';
import type { TicketQuery } from '../../core/tickets/index.ts';
import { productEnv, type BenchContext } from './context.ts';
import { figure, type BenchResult, type Figure } from './report.ts';
import { msSince, summarize, timeRuns } from './stats.ts';

/** The console's page size (admin/routes/tickets.tsx). */
const PAGE = 50;

interface Variant {
  name: string;
  query: TicketQuery;
  /** Where the same page is in the console. */
  path: string;
}

/** Keyset cursor of page `page` (1-based) of a queue holding every number 1..total, newest first. */
const cursorOfPage = (total: number, page: number) => String(total - (page - 1) * PAGE + 1);

/** Time of a ticket search by a subscriber's name (every name read and folded) over `people` subscribers. */
async function nameSearchFigure(people: number, runs: number): Promise<Figure> {
  const store = openSqliteStore(':memory:');
  const insert = store.db.prepare(`INSERT INTO subscribers (id, full_name, phone, iin, category, language, notifications_muted, created_at, name_key)
    VALUES (?, ?, ?, NULL, 'individual', 'kk', 0, 0, ?)`);
  const first = ['Айгүл', 'Ержан', 'Динара', 'Бауыржан', 'Светлана', 'Асель', 'Нұрлан', 'Гүлнар', 'Ерлан', 'Мадина'];
  const last = ['Серікқызы', 'Болатұлы', 'Ахметова', 'Нұрланов', 'Ким', 'Иванова', 'Сейітов', 'Омарова', 'Тоқтаров', 'Жақсылықова'];
  store.db.transaction(() => {
    for (let i = 0; i < people; i += 1) {
      const name = `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`;
      insert.run(`p-${i}`, name, `+7701${String(i).padStart(7, '0')}`, foldName(name));
    }
  })();
  try {
    const found = await store.subscribers.searchByName('гүлнар омар', 100);
    if (found.length !== 100) throw new Error(`the name search found ${found.length} of 100 subscribers`);
    const samples = await timeRuns(() => store.subscribers.searchByName('гүлнар омар', 100), { warmup: 3, runs });
    return figure(`name search: "гүлнар омар" over ${people.toLocaleString('en')} subscribers (first 100 matches)`, 'ms', summarize(samples));
  } finally {
    await store.close();
  }
}

/** Runs benchmark 4 on the run's million-ticket store and returns its figures. */
export async function consoleBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const data = await ctx.millionStore();
  const warmup = 50;
  const runs = ctx.quick ? 100 : 500;
  const pageRuns = ctx.quick ? 30 : 100;
  const deepPage = Math.floor(data.tickets / PAGE) - 10;
  const product: Product = await startProduct({ env: await productEnv(data.dir), hostname: '127.0.0.1' });
  try {
    const admin = await product.store.users.findByEmail(product.config.ADMIN_EMAIL);
    if (!admin) throw new Error('no administrator in the benchmark store');
    const { token } = await startSession(product.store, product.clock, admin.id);
    const cookie = `kt_console=${token}`;
    const all = (cursor: string | null): TicketQuery => ({ queue: 'all', userId: admin.id, cursor, limit: PAGE });
    const variants: Variant[] = [
      { name: 'all tickets, first page', query: all(null), path: '/admin/tickets?queue=all' },
      {
        name: `all tickets, page ${deepPage.toLocaleString('en')} (keyset cursor)`,
        query: all(cursorOfPage(data.tickets, deepPage)),
        path: `/admin/tickets?queue=all&cursor=${cursorOfPage(data.tickets, deepPage)}`,
      },
      {
        name: 'unassigned (active) first page',
        query: { queue: 'unassigned', userId: admin.id, cursor: null, limit: PAGE },
        path: '/admin/tickets?queue=unassigned',
      },
      {
        name: 'all, channel=telegram & region, deep page',
        query: { ...all(cursorOfPage(data.tickets, Math.floor(deepPage / 2))), channel: 'telegram', region: 'Алматытелеком' },
        path: `/admin/tickets?queue=all&channel=telegram&region=${encodeURIComponent('Алматытелеком')}&cursor=${cursorOfPage(data.tickets, Math.floor(deepPage / 2))}`,
      },
    ];
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const v of variants) {
      const page = await product.tickets.queue(v.query);
      if (page.items.length !== PAGE) notes.push(`${v.name}: only ${page.items.length} rows`);
      const samples = await timeRuns(() => product.tickets.queue(v.query), { warmup, runs });
      figures.push(figure(`query: ${v.name}`, 'ms', summarize(samples)));
    }
    // The tabs' counts (five capped counts), the region list (a distinct walk of the region index) and the name
    // search's subscriber scan, all of which the list page now runs too.
    const counts = await timeRuns(() => product.tickets.queueCounts(all(null)), { warmup: 10, runs: pageRuns });
    figures.push(figure('queue counts: 5 tabs, each capped at 1,000', 'ms', summarize(counts)));
    const regions = await timeRuns(() => product.tickets.regions(), { warmup: 3, runs: ctx.quick ? 5 : 20 });
    figures.push(figure('regions for the filter list (distinct over all tickets; cached 60 s by the page)', 'ms', summarize(regions)));
    const people = ctx.quick ? 20_000 : 200_000;
    figures.push(await nameSearchFigure(people, ctx.quick ? 10 : 30));
    notes.push(`name search measured on a separate in-memory store of ${people.toLocaleString('en')} subscribers`);
    let pageAvailable = true;
    for (const v of variants.slice(0, 2)) {
      const request = async () => {
        const res = await product.app.request(v.path, { headers: { cookie } });
        const html = await res.text();
        if (res.status !== 200) throw new Error(`GET ${v.path} answered ${res.status}`);
        return html;
      };
      try {
        await request();
      } catch (err) {
        pageAvailable = false;
        notes.push(`rendered page not measured: ${err instanceof Error ? err.message : String(err)}`);
        break;
      }
      const samples = await timeRuns(request, { warmup: 10, runs: pageRuns });
      figures.push(figure(`page via app.request: ${v.name}`, 'ms', summarize(samples)));
    }
    return {
      id: 'console-ticket-list',
      title: '4. Console ticket list (embedded store)',
      workload: [
        `${data.tickets.toLocaleString('en')} tickets × ${data.messagesPerTicket} transcript messages (${(data.bytes / 2 ** 30).toFixed(2)} GiB store, generated this run), ${data.active.toLocaleString('en')} active`,
        `query = tickets.queue(), the function the console's list route calls; ${PAGE} rows a page; ${warmup} warm-up + ${runs} measured queries per variant`,
        `rendered page = GET /admin/tickets through app.request as a signed-in administrator (query, names, HTML); 10 warm-up + ${pageRuns} measured${pageAvailable ? '' : ' (not available)'}`,
      ],
      figures,
      ratios: [
        {
          name: 'deep page / first page (query)',
          value: figures[1]!.summary.median / figures[0]!.summary.median,
          how: 'ratio of medians; about 1 means the keyset cursor keeps a deep page as cheap as the first',
        },
      ],
      notes,
      wallMs: msSince(started),
    };
  } finally {
    await product.stop();
  }
}

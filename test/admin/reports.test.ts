/**
 * The monthly report and the supervisor's live view in the console, as a supervisor and the customer's observer meet
 * them (seed 003 cl. 13, 28–29, 32–33): the right numbers for a seeded month, downloads that say what the page says
 * (CSV with a BOM and formulas neutralised, XLSX), agents' statuses, and the role refusals.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, visibleText, type ConsoleFixture } from './console.fixture.ts';
import { seedDataset } from '../reports/dataset.ts';

let f: ConsoleFixture;

/** The cells of every report table on the page, row by row. */
function pageRows(html: string): string[][] {
  const rows: string[][] = [];
  for (const table of html.matchAll(/<table class="report-table">([\s\S]*?)<\/table>/g)) {
    for (const tr of table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      rows.push([...tr[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => visibleText(m[1]!)));
    }
  }
  return rows;
}

beforeAll(async () => {
  f = await consoleFixture({}, { SLA_CLOCK: 'calendar' });
  const { aigul, yerzhan } = await seedDataset(f);
  await f.store.users.update(aigul.id, { name: 'Айгүл Серікова' });
  await f.store.users.update(yerzhan.id, { name: 'Ержан Болатов' });
  // January: one technical ticket called back, from a branch whose name a spreadsheet would run as a formula.
  f.clock.set('2026-01-15T06:00:00Z');
  const odd = await f.ticket({ region: '=HYPERLINK("http://x")', chatKey: null });
  f.clock.advanceMinutes(10);
  await f.tickets.recordCallback(odd.id, 'reached', { type: 'user', id: aigul.id });
  f.clock.set('2026-03-02T06:00:00Z');
});

describe('console: the monthly report (seed 003 cl. 29)', () => {
  it('Should show a supervisor the previous month by default, with the numbers of the seeded month', async () => {
    const b = f.browser();
    await b.signIn((await f.user(['supervisor'])).email);
    await b.get('/admin/reports');
    expect(b.last.status).toBe(200);
    const text = visibleText(b.last.html);
    expect(text).toContain('Отчёт за февраль 2026');
    const rows = pageRows(b.last.html);
    const row = (label: string) => rows.find((r) => r[0] === label);
    expect(row('Всего поступило обращений')).toEqual(['Всего поступило обращений', '10']);
    expect(row('Всего обращений в чатах')?.[1]).toBe('9');
    expect(row('Принято операторами')?.[1]).toBe('3');
    expect(row('Принял оператор: Айгүл Серікова')?.[1]).toBe('2');
    expect(row('Обслужено ботом без оператора')?.[1]).toBe('4');
    expect(row('Потеряно (оператор не ответил)')?.[1]).toBe('2');
    expect(row('Telegram')).toEqual(['Telegram', '5', '4', '0', '1', '0']);
    expect(row('Айгүл Серікова')).toEqual(['Айгүл Серікова', '2', '900', '450']);
    expect(row('Среднее время ожидания ответа, с')?.[2]).toBe('60');
    expect(row('Алматы')).toEqual(['Алматы', '2', '1', '50', '1', '7200']);
    expect(row('Доля потерянных обращений, % (п. 21)')).toEqual(['Доля потерянных обращений, % (п. 21)', '40', '≤ 5', 'не выполнено']);
    // The charts beside the tables are server-drawn SVG.
    expect(b.last.html).toContain('data-chart="per-day"');
    expect(b.last.html).toMatch(/<rect[^>]*data-day="2026-02-06"[^>]*data-count="2"/);
    expect(b.last.html).toMatch(/<rect[^>]*data-week="2026-02-02"[^>]*data-pct="50"/);
    expect(b.last.html).not.toMatch(/<script>|style="/);
  });

  it('Should show the same report in Kazakh', async () => {
    const b = f.browser();
    await b.signIn((await f.user(['supervisor'])).email);
    await b.get('/admin/reports');
    await b.post('/admin/language', { lang: 'kk', back: '/admin/reports?month=2026-02' });
    await b.get('/admin/reports?month=2026-02');
    const text = visibleText(b.last.html);
    expect(text).toContain('2026 ж. ақпан есебі');
    expect(pageRows(b.last.html).find((r) => r[0] === 'Барлық түскен өтініштер')?.[1]).toBe('10');
  });

  it('Should download CSV (UTF-8 with BOM) and XLSX holding exactly the rows of the page', async () => {
    const b = f.browser();
    await b.signIn((await f.user(['supervisor'])).email);
    await b.get('/admin/reports?month=2026-02');
    const page = pageRows(b.last.html);
    const csv = await b.get('/admin/reports/report.csv?month=2026-02');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (parse(Buffer.from(bytes).toString('utf8').slice(1), { delimiter: ';', relax_column_count: true }) as string[][])
      .filter((r) => r.some((c) => c !== ''));
    const sectionRows = lines.filter((r) => r.length > 1);
    expect(sectionRows).toEqual(page);
    const xlsx = await b.get('/admin/reports/report.xlsx?month=2026-02');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheetRows: string[][] = [];
    book.worksheets[0]!.eachRow((r) => {
      const cells = (r.values as unknown[]).slice(1).map((v) => String(v ?? ''));
      if (cells.length > 1) sheetRows.push(cells);
    });
    expect(sheetRows).toEqual(page);
  });

  it('Should neutralise a cell a spreadsheet would run as a formula (= + - @)', async () => {
    const b = f.browser();
    await b.signIn((await f.user(['supervisor'])).email);
    const text = await (await b.get('/admin/reports/report.csv?month=2026-01')).text();
    expect(text).toContain(`\r\n"'=HYPERLINK(""http://x"")";1;1;100;0;600\r\n`);
    expect(text).not.toMatch(/(^|;)"?=HYPERLINK/m);
  });

  it('Should refuse a period with one date, or ending before it starts, with a clear message', async () => {
    const b = f.browser();
    await b.signIn((await f.user(['supervisor'])).email);
    await b.get('/admin/reports?from=2026-02-10');
    expect(b.last.status).toBe(400);
    expect(visibleText(b.last.html)).toContain('Укажите обе даты периода');
    await b.get('/admin/reports?from=2026-02-10&to=2026-02-01');
    expect(visibleText(b.last.html)).toContain('не может быть раньше');
  });
});

describe('console: the live view, statuses and the observer (seed 003 cl. 13, 32–33)', () => {
  it('Should make an agent ready at sign-in, let them go not ready with a listed reason, and refuse one not listed', async () => {
    const agent = await f.user(['agent']);
    const b = f.browser();
    await b.signIn(agent.email);
    await b.get('/admin/tickets');
    expect(b.last.html).toMatch(/status-pill status-ready[\s\S]*?Готов/);
    await b.post('/admin/status', { status: 'not_ready', reason: 'Выдуманная', back: '/admin/tickets' });
    expect(b.last.status).toBe(400);
    expect(visibleText(b.last.html)).toContain('Выберите причину из списка');
    await b.post('/admin/status', { status: 'not_ready', reason: 'Обучение / Оқу', back: '/admin/tickets' });
    expect(b.last.status).toBe(303);
    expect((await f.reports.currentStatus(agent.id))).toMatchObject({ status: 'not_ready', reason: 'Обучение / Оқу' });
    expect(await f.reports.offeredWork(agent.id)).toBe(false);
  });

  it('Should let a supervisor see agents by status and force one back to ready, audited', async () => {
    const agent = await f.user(['agent']);
    await f.reports.setStatus(agent.id, 'lunch', null);
    f.clock.advanceMinutes(65);
    const b = f.browser();
    const supervisor = await f.user(['supervisor']);
    await b.signIn(supervisor.email);
    await b.get('/admin/live');
    expect(b.last.html).toMatch(new RegExp(`data-agent="${agent.id}" data-agent-status="lunch"`));
    // cl. 32: today's time in each status, per agent.
    expect(b.last.html).toMatch(new RegExp(`data-agent="${agent.id}"[\\s\\S]*?data-today-time="true">Обед 1 ч 05 мин<`));
    await b.post(`/admin/live/agents/${agent.id}/status`, { status: 'ready' });
    expect(b.last.status).toBe(303);
    expect((await f.reports.currentStatus(agent.id))?.status).toBe('ready');
    expect((await f.store.audit.list({ limit: 5 })).some((e) => e.action === 'agent.status_forced' && e.entityId === agent.id)).toBe(true);
    await b.post(`/admin/live/agents/${agent.id}/status`, { status: 'lunch' });
    expect(b.last.status).toBe(400);
  });

  it('Should show a chat waiting for a person on the live view, and take it off once an agent answers', async () => {
    f.clock.set('2026-03-02T06:00:00Z');
    await f.reports.recordExchange({ chatKey: 'webchat:live-1', inbound: {}, at: f.clock.now(), language: 'ru', journeys: ['handoff'] });
    const { ticket } = await f.tickets.startHandoff({ chatKey: 'webchat:live-1', channel: 'webchat', language: 'ru', reason: 'requested' });
    f.clock.advance(45_000);
    const b = f.browser();
    await b.signIn((await f.user(['supervisor'])).email);
    await b.get('/admin/live/panel');
    expect(b.last.html).toMatch(/data-tile="waiting"[\s\S]*?data-value="true">1</);
    expect(visibleText(b.last.html)).toContain('0 мин 45 с');
    // Still waiting is not lost (yet): today's lost share has nothing decided to count.
    expect(b.last.html).toMatch(/data-tile="lost"><span class="tile-label">[^<]*<\/span><strong class="tile-value" data-value="true">—</);
    await f.tickets.reply(ticket.id, 'Здравствуйте', { type: 'user', id: (await f.user(['agent'])).id });
    await b.get('/admin/live/panel');
    expect(b.last.html).toMatch(/data-tile="waiting"[\s\S]*?data-value="true">0</);
    expect(b.last.html).toContain('data-empty-waiting');
  });

  it("Should let the customer's observer watch the live view and read reports, and nothing else", async () => {
    const observer = await f.user(['observer']);
    const b = f.browser();
    await b.signIn(observer.email);
    await b.get('/admin');
    expect(b.last.location).toBe('/admin/live');
    for (const path of ['/admin/live', '/admin/live/panel', '/admin/reports?month=2026-02', '/admin/reports/report.csv?month=2026-02']) {
      await b.get(path);
      expect({ path, status: b.last.status }).toEqual({ path, status: 200 });
    }
    await b.get('/admin/live');
    expect(b.last.html).not.toContain('status-menu');
    expect(b.last.html).not.toContain('/admin/live/agents/');
    for (const path of ['/admin/tickets', `/admin/tickets/${(await f.ticket()).id}`, '/admin/users', '/admin/campaigns', '/admin/sms']) {
      await b.get(path);
      expect({ path, status: b.last.status }).toEqual({ path, status: 403 });
    }
    await b.post('/admin/reports/generate', { month: '2026-02' });
    expect(b.last.status).toBe(403);
    await b.post('/admin/status', { status: 'ready' });
    expect(b.last.status).toBe(403);
  });

  it('Should refuse reports and the live view to agents and marketing', async () => {
    for (const role of ['agent', 'marketing'] as const) {
      const b = f.browser();
      await b.signIn((await f.user([role])).email);
      for (const path of ['/admin/reports', '/admin/live', '/admin/reports/report.xlsx']) {
        await b.get(path);
        expect({ role, path, status: b.last.status }).toEqual({ role, path, status: 403 });
      }
    }
  });
});

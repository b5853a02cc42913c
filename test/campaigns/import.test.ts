/**
 * Call-list import: CSV (UTF-8 with or without BOM, Windows-1251; `,` or `;`) and XLSX, headers in kk/ru/en, phones
 * to E.164, the per-row report (bad phone, unknown language, duplicate, do-not-call, opted out — cl. 32(21) —, formula),
 * files refused as a whole with nothing imported, a crash in the middle resumed without loss or double counting, and
 * the same file imported twice changing nothing.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../core/campaigns/import/run-import.ts';
import { BATCH_ROWS } from '../../core/campaigns/import/limits.ts';
import { translator } from '../../core/i18n/i18n.ts';
import { reportCsv } from '../../core/campaigns/import/report.ts';
import { aSubscriber } from '../store/foundation.contract.ts';
import { campaignFixture, completeQuestionnaire, csvList, importFile, MARKETING, type CampaignFixture } from './fixture.ts';

async function draft(f: CampaignFixture) {
  const q = await completeQuestionnaire(f);
  const c = await f.campaigns.create({ ...(await f.campaigns.defaultSettings(q.id)), name: 'Опрос' }, MARKETING);
  if (!c.ok) throw new Error(c.reason);
  return c.value;
}

async function contactsOf(f: CampaignFixture, campaignId: string) {
  return (await f.store.campaignContacts.list({ campaignId, limit: 1000 })).items;
}

async function report(f: CampaignFixture, importId: string, lang: 'kk' | 'ru' = 'ru'): Promise<string> {
  let text = '';
  for await (const chunk of reportCsv(f.store.callListImports, importId, translator(lang))) text += chunk;
  return text;
}

describe('call-list import: formats and encodings', () => {
  it.each([
    ['UTF-8 with BOM, comma, Russian headers', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Телефон,ФИО,Язык\n87011234567,Айгүл Серікқызы,қаз\n', 'utf8')])],
    ['UTF-8 without BOM, semicolon, Kazakh headers', Buffer.from('Телефон нөмірі;Аты-жөні;Тіл\n8 701 123 45 67;Айгүл Серікқызы;kk\n', 'utf8')],
    ['Windows-1251, semicolon (Excel on a Russian Windows)', iconv.encode('Номер телефона;Ф.И.О.;Язык\r\n+7 (701) 123-45-67;Айгуль Сериковна;казахский\r\n', 'win1251')],
    ['English headers, tab-separated', Buffer.from('phone\tname\tlanguage\n7011234567\tAigul\tkk\n', 'utf8')],
  ])('Should import %s, with the phone in E.164', async (_what, bytes) => {
    const f = await campaignFixture();
    const c = await draft(f);
    const r = await importFile(f, c.id, bytes);
    expect(r.ok && r.value).toMatchObject({ status: 'done', imported: 1, rejected: 0, totalRows: 1 });
    const [contact] = await contactsOf(f, c.id);
    expect(contact).toMatchObject({ phone: '+77011234567', language: 'kk', state: 'ready' });
    expect(contact!.name).toMatch(/^(Айгүл|Айгуль|Aigul)/);
  });

  it('Should read an XLSX list: a phone typed as a number, a home line, and refuse a formula cell', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Тізім');
    ws.addRow(['Телефон', 'Имя', 'Лицевой счет', 'Регион', 'Теги']);
    ws.addRow([87011234567, 'Айгүл', '100000000001', 'Алматытелеком', 'vip, megaline']);
    ws.addRow(['8 (727) 258-12-34', 'Ержан', '', 'Алматытелеком', '']);
    ws.addRow(['87021234567', { formula: 'HYPERLINK("http://evil.example","click")', result: 'click' }, '', '', '']);
    const r = await importFile(f, c.id, Buffer.from(await wb.xlsx.writeBuffer()), 'list.xlsx');
    expect(r.ok && r.value).toMatchObject({ status: 'done', format: 'xlsx', imported: 2, rejected: 1 });
    expect((await contactsOf(f, c.id)).map((x) => [x.phone, x.tags]).sort()).toEqual([['+77011234567', ['vip', 'megaline']], ['+77272581234', []]]);
    const csv = await report(f, r.ok ? r.value.id : '');
    expect(csv).toContain('4;Имя;click;');
    expect(csv).toContain('формула');
  });
});

describe('call-list import: the validation report per row', () => {
  it('Should import the good rows and report every bad one with its line, column and reason', async () => {
    const f = await campaignFixture();
    await f.store.subscribers.create(aSubscriber({ id: 'muted', phone: '+77051112233' }));
    await f.store.subscribers.setNotificationsMuted('muted', true);
    await f.campaigns.addToDoNotCall('8 702 999 88 77', 'просил не звонить', MARKETING);
    const c = await draft(f);
    const rows = [
      'Телефон;ФИО;Лицевой счёт;Язык;Теги',
      '87011234567;Айгүл;100000000001;kk;vip', // 2 good
      '12345;Неверный номер;;ru;', // 3 bad phone
      ';Без номера;;ru;', // 4 no phone
      '+77011234567;;;;новый', // 5 duplicate of line 2: merged
      '87029998877;На стоп-листе;;ru;', // 6 do-not-call
      '87051112233;Отключил уведомления;;ru;', // 7 muted (cl. 32(21))
      '87071234567;=HYPERLINK("http://x";"y");;ru;', // 8 formula
      '87081234567;Ержан;12-34;english;', // 9 imported with warnings
      '',
      ';;;;', // blank
    ];
    const r = await importFile(f, c.id, Buffer.from(rows.join('\n'), 'utf8'));
    expect(r.ok && r.value).toMatchObject({ status: 'done', imported: 2, merged: 1, rejected: 5, warnings: 1, totalRows: 8 });
    const issues = await f.store.callListImports.issues(r.ok ? r.value.id : '', { limit: 100 });
    expect(issues.map((i) => [i.line, i.column, i.reason, i.outcome])).toEqual([
      [3, 'phone', 'bad_phone', 'rejected'],
      [4, 'phone', 'missing_phone', 'rejected'],
      [5, 'phone', 'duplicate', 'merged'],
      [6, 'phone', 'do_not_call', 'rejected'],
      [7, 'phone', 'opted_out', 'rejected'],
      [8, 'name', 'formula', 'rejected'],
      [9, 'account', 'bad_account', 'warning'],
      [9, 'language', 'unknown_language', 'warning'],
    ]);
    expect(issues[2]!.mergedIntoLine).toBe(2);
    const aigul = (await contactsOf(f, c.id)).find((x) => x.phone === '+77011234567')!;
    expect(aigul).toMatchObject({ name: 'Айгүл', accountNumber: '100000000001', tags: ['vip', 'новый'], line: 2 });

    const csv = await report(f, r.ok ? r.value.id : '');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe('\ufeffСтрока;Столбец;Значение;Причина;Что сделано');
    expect(csv).toContain('3;Телефон;12345;Неверный номер телефона;Не импортирована');
    expect(csv).toContain(`8;Имя;"'=HYPERLINK`);
    expect(csv).toContain("5;Телефон;'+77011234567;Повтор номера (со строкой 2);Объединена");
    expect(await report(f, r.ok ? r.value.id : '', 'kk')).toContain('Телефон нөмірі қате');
  });

  it('Should report rows beyond the campaign\'s size as over the limit', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    const { applyBatch } = await import('../../core/campaigns/import/apply.ts');
    const { MAX_CONTACTS_PER_CAMPAIGN } = await import('../../core/campaigns/import/limits.ts');
    const record = { id: 'imp', campaignId: c.id, source: 'file' as const, fileName: 'x.csv', format: 'csv' as const, encoding: 'auto', bytes: 1, segment: null,
      status: 'importing' as const, error: null, totalRows: 3, checkedRows: 3, processedRows: 0, imported: 0, merged: 0, rejected: 0, warnings: 0,
      createdBy: null, createdAt: f.clock.now(), updatedAt: f.clock.now(), finishedAt: null };
    await f.store.callListImports.create(record);
    const d = (line: number, phone: string) => ({ line, phone, name: null, accountNumber: null, region: null, language: null, tags: [] });
    const inserted = await applyBatch(f.store.callListImports, { record, size: MAX_CONTACTS_PER_CAMPAIGN - 1, reportDuplicates: true, at: f.clock.now() },
      { rows: 3, issues: [], drafts: [d(2, '+77011234567'), d(3, '+77021234567'), d(4, '+77051234567')] });
    expect(inserted).toBe(1);
    expect((await f.store.callListImports.issues('imp', { limit: 10 })).map((i) => [i.line, i.reason, i.outcome])).toEqual([[3, 'over_limit', 'rejected'], [4, 'over_limit', 'rejected']]);
    expect(await f.store.callListImports.get('imp')).toMatchObject({ imported: 1, rejected: 2, processedRows: 3 });
  });
});

describe('call-list import: files refused as a whole, nothing imported', () => {
  const big = Buffer.alloc(50 * 1024 * 1024, 'a');
  const wide = Buffer.from(`Телефон,${Array.from({ length: 9_999 }, (_, i) => `c${i}`).join(',')}\n87011234567\n`);
  const tooMany = Buffer.from(['Телефон', ...Array.from({ length: 100_001 }, (_, i) => `+7701${String(1000000 + i).slice(-7)}`)].join('\n'));
  const brokenAtEnd = Buffer.from([csvList(300).toString('utf8'), '87011230000,"unclosed quote', '87011230001,x'].join('\n'));
  const wrongColumn = Buffer.from(['Телефон,ФИО', ...Array.from({ length: 20 }, (_, i) => `Абонент ${i},+7701${String(1000000 + i).slice(-7)}`)].join('\n'));
  it.each([
    ['a 50 MB file', big, 'import.error.too_big', 'upload'],
    ['an empty file', Buffer.alloc(0), 'import.error.empty', 'upload'],
    ['binary junk', Buffer.from([0x00, 0x13, 0x37, 0xff, 0x00, 0x01, 0x02]), 'import.error.binary', 'upload'],
    ['an old .xls workbook', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'import.error.xls', 'upload'],
    ['a header only', Buffer.from('Телефон,ФИО\n'), 'import.error.no_rows', 'import'],
    ['10,000 columns', wide, 'import.error.too_many_columns', 'import'],
    ['no phone column', Buffer.from('Имя,Город\nАйгүл,Алматы\n'), 'import.error.no_phone_column', 'import'],
    ['no header row', Buffer.from('87011234567,Айгүл\n87021234567,Ержан\n'), 'import.error.no_header', 'import'],
    ['phones in the name column', wrongColumn, 'import.error.phone_column', 'import'],
    ['100,001 rows', tooMany, 'import.error.too_many_rows', 'import'],
    ['a broken record after 300 good rows', brokenAtEnd, 'import.error.csv_broken', 'import'],
    ['a damaged XLSX', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'import.error.xlsx_broken', 'import'],
  ])('Should refuse %s with a clear reason', async (_what, bytes, reason, when) => {
    const f = await campaignFixture();
    const c = await draft(f);
    const r = await importFile(f, c.id, bytes);
    if (when === 'upload') expect(r).toMatchObject({ ok: false, reason });
    else expect(r.ok && r.value).toMatchObject({ status: 'failed', error: { reason }, imported: 0 });
    expect(await f.campaigns.counts(c.id)).toEqual({ ready: 0, claimed: 0, done: 0, excluded: 0 });
    if (r.ok) expect(await f.store.callListImports.chunk(r.value.id, 0)).toBeNull();
  }, 30_000);

  it('Should refuse Windows-1251 bytes read as UTF-8 when UTF-8 was chosen, and read them when the encoding is left to the import', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    const bytes = iconv.encode('Phone;Name\n87011234567;Ержан\n', 'win1251');
    expect(await importFile(f, c.id, bytes, 'list.csv', 'utf-8')).toMatchObject({ ok: true, value: { status: 'failed', error: { reason: 'import.error.encoding' } } });
    expect(await importFile(f, c.id, bytes)).toMatchObject({ ok: true, value: { status: 'done', imported: 1 } });
    expect((await contactsOf(f, c.id))[0]!.name).toBe('Ержан');
  });
});

describe('call-list import: restarts and repeats', () => {
  it('Should resume after the runner stops in the middle, losing and double-counting nothing', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    const started = await f.campaigns.startFileImport({ campaignId: c.id, fileName: 'big.csv', bytes: csvList(1_200), encoding: 'auto' }, MARKETING);
    if (!started.ok) throw new Error(started.reason);
    await f.campaigns.runner.stop(); // the product stops before its runner got far
    const id = started.value.id;
    // Stop after the first batch, as a shutdown between batches would.
    let calls = 0;
    await runImport(f.campaigns.deps, id, 'instance-a', { get stopped() { calls += 1; return calls > 1; } });
    expect(await f.store.callListImports.get(id)).toMatchObject({ status: 'importing', processedRows: BATCH_ROWS, imported: BATCH_ROWS });
    await runImport(f.campaigns.deps, id, 'instance-b', { stopped: false });
    expect(await f.store.callListImports.get(id)).toMatchObject({ status: 'done', processedRows: 1_200, imported: 1_200, merged: 0 });
    expect((await f.campaigns.counts(c.id)).ready).toBe(1_200);
  });

  it('Should let the watchdog resume an import whose runner died (its lease ran out)', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    const started = await f.campaigns.startFileImport({ campaignId: c.id, fileName: 'x.csv', bytes: csvList(50), encoding: 'auto' }, MARKETING);
    if (!started.ok) throw new Error(started.reason);
    await f.campaigns.runner.stop();
    // A crashed instance still holds the lease.
    await f.store.leases.acquire(`campaign.import:${started.value.id}`, 'dead-instance', f.clock.now(), 30_000);
    const fresh = await campaignFixture(f.clock.now().toISOString(), f.store);
    await fresh.scheduler.tick();
    await fresh.campaigns.runner.idle();
    expect(await f.store.callListImports.get(started.value.id)).toMatchObject({ status: expect.stringMatching(/queued|checking|importing/), imported: 0 });
    f.clock.advance(31_000);
    fresh.clock.set(f.clock.now());
    await fresh.scheduler.tick();
    await fresh.campaigns.runner.idle();
    expect(await f.store.callListImports.get(started.value.id)).toMatchObject({ status: 'done', imported: 50 });
  });

  it('Should change nothing when the same file is imported again: every row merges into its contact', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    await importFile(f, c.id, csvList(30));
    const before = await contactsOf(f, c.id);
    const again = await importFile(f, c.id, csvList(30));
    expect(again.ok && again.value).toMatchObject({ status: 'done', imported: 0, merged: 30, rejected: 0 });
    expect(await contactsOf(f, c.id)).toEqual(before);
  });

  it('Should refuse a second import while one is running for the campaign', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    await f.campaigns.startFileImport({ campaignId: c.id, fileName: 'a.csv', bytes: csvList(5), encoding: 'auto' }, MARKETING);
    expect(await f.campaigns.startFileImport({ campaignId: c.id, fileName: 'b.csv', bytes: csvList(5), encoding: 'auto' }, MARKETING))
      .toEqual({ ok: false, reason: 'import.error.busy' });
    await f.campaigns.runner.idle();
  });

  it('Should keep the server answering while 20,000 rows go in (the import yields between batches)', async () => {
    const f = await campaignFixture();
    const c = await draft(f);
    let ticks = 0;
    const timer = setInterval(() => { ticks += 1; }, 0);
    const r = await importFile(f, c.id, csvList(20_000));
    clearInterval(timer);
    expect(r.ok && r.value).toMatchObject({ status: 'done', imported: 20_000 });
    expect(ticks).toBeGreaterThan(10);
  }, 60_000);
});

describe('audience from a segment of subscribers', () => {
  it('Should take the subscribers of a region and status, one contact per person, skipping those who muted notifications', async () => {
    const f = await campaignFixture();
    const { loadDemoData } = await import('../../core/demo/demo-data.ts');
    await loadDemoData(f.store, f.clock);
    await f.store.subscribers.setNotificationsMuted((await f.store.subscribers.findByPhone('+77021234567'))!.id, true);
    const c = await draft(f);
    const none = { regions: [], planIds: [], statuses: [], categories: [], channels: [], languages: [] };
    const started = await f.campaigns.startSegmentImport(c.id, none, MARKETING);
    await f.campaigns.runner.idle();
    const record = await f.campaigns.getImport(started.ok ? started.value.id : '');
    const phones = (await contactsOf(f, c.id)).map((x) => x.phone).sort();
    expect(phones).not.toContain('+77021234567');
    expect(new Set(phones).size).toBe(phones.length);
    expect(record).toMatchObject({ status: 'done', imported: phones.length, rejected: 1 });
    expect((await contactsOf(f, c.id)).every((x) => x.subscriberId && x.accountNumber)).toBe(true);
  });
});

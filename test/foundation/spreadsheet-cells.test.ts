/**
 * CSV injection (issue 20 item 12): every cell of every export goes through one function, `safeCell`, which makes a
 * value a spreadsheet would run as a formula show as text; the call-list validation report — the export that hands
 * back what an uploaded file held — is checked end to end with payloads in every column.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { reportCsv } from '../../core/campaigns/import/report.ts';
import { safeCell, spreadsheetCsv } from '../../core/spreadsheets/safe-cell.ts';
import { campaignFixture, completeQuestionnaire, importFile, MARKETING } from '../campaigns/fixture.ts';

describe('safeCell: a cell a spreadsheet would run is shown as text (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['=cmd|\' /C calc\'!A0', `'=cmd|' /C calc'!A0`],
    ['+SUM(1,2)', "'+SUM(1,2)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+77011234567', "'+77011234567"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\n=1+1', "'\n=1+1"],
  ])('Should prefix %j', (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });

  it.each([['Айгүл Серікқызы'], ['87011234567'], ['a=b'], [' =1'], [''], ["'уже текст"]])('Should leave %j as it is', (value) => {
    expect(safeCell(value)).toBe(value);
  });

  it('Should apply to every cell the export writer writes, headers included', async () => {
    const out = spreadsheetCsv();
    out.write(['=заголовок', 'имя']);
    out.write(['-1', '@x']);
    out.end();
    let text = '';
    for await (const chunk of out) text += String(chunk);
    expect(text).toBe("\ufeff'=заголовок;имя\r\n'-1;'@x\r\n");
  });
});

describe('the call-list validation report (CSV export)', () => {
  it('Should hand back no cell of the uploaded file that a spreadsheet would run', async () => {
    const f = await campaignFixture();
    const q = await completeQuestionnaire(f);
    const created = await f.campaigns.create({ ...(await f.campaigns.defaultSettings(q.id)), name: 'CSV', endAt: new Date(f.clock.now().getTime() + 86_400_000) }, MARKETING);
    if (!created.ok) throw new Error(created.reason);
    const file = [
      'Телефон;ФИО;Лицевой счёт;Регион;Язык;Теги',
      '=1+1;Айгүл;;;ru;', // a formula in the phone column
      '87081234567;@SUM(A1);;;ru;', // in the name
      '87011234567;Айгүл;;;ru;',
      '87021234567;Ержан;-2+3;;ru;', // a bad account number that is a formula
      '87051234567;Динара;;;+cmd;', // in the language
      '+77011234567;Повтор;;;ru;', // a duplicate: the phone itself is handed back
      '87071234567;"\t=HYPERLINK(""http://x"")";;;ru;',
    ].join('\n');
    const r = await importFile(f, created.value.id, Buffer.from(file, 'utf8'));
    if (!r.ok) throw new Error('import refused');
    let csv = '';
    for await (const chunk of reportCsv(f.store.callListImports, r.value.id, translator('ru'))) csv += chunk;
    const rows: string[][] = parse(csv.replace(/^\ufeff/, ''), { delimiter: ';', relax_column_count: true });
    const cells = rows.slice(1).flat();
    expect(rows.length).toBeGreaterThan(5);
    const running = cells.filter((cell) => /^[=+\-@\t\r\n]/.test(cell));
    expect(running).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=1+1", "'@SUM(A1)", "'+77011234567"]));
  });
});

/** Money and dates in kk and ru; every reason key the rules return exists in both languages; pre-ticket checks. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoney, tenge } from '../../core/billing/money.ts';
import { explain, formatDate, formatDateTime } from '../../core/billing/explain.ts';
import { readLocales } from '../../core/i18n/i18n.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { loadDemoData, DEMO_SUBSCRIBERS } from '../../core/demo/demo-data.ts';
import { checkBeforeTicket } from '../../core/faults/checks.ts';

describe('money and dates', () => {
  it.each([
    [724_550, '7\u00a0245,50\u00a0₸'],
    [624_000, '6\u00a0240\u00a0₸'],
    [5, '0,05\u00a0₸'],
    [123_456_789, '1\u00a0234\u00a0567,89\u00a0₸'],
  ])('Should show %i tiyn as %s in both languages', (tiyn, text) => {
    expect(formatMoney(tiyn, 'ru')).toBe(text);
    expect(formatMoney(tiyn, 'kk')).toBe(text);
  });

  it('Should turn tenge into tiyn exactly', () => {
    expect(tenge(7245.5)).toBe(724_550);
    expect(tenge(0.1 + 0.2)).toBe(30);
  });

  it.each([
    ['2026-03-25', 'ru', '25 марта 2026 г.'],
    ['2026-03-25', 'kk', '2026 жылғы 25 наурыз'],
    ['2028-02-29', 'ru', '29 февраля 2028 г.'],
  ] as const)('Should write %s in %s as %s', (date, lang, text) => {
    expect(formatDate(date, lang)).toBe(text);
  });

  it('Asia/Almaty: an instant is shown in Almaty time — 19:30 UTC on 31 Dec is 00:30 on 1 January', () => {
    expect(formatDateTime(new Date('2026-12-31T19:30:00Z'), 'ru')).toBe('1 января 2027 г., 00:30');
    expect(formatDateTime(new Date('2026-12-31T19:30:00Z'), 'kk')).toBe('2027 жылғы 1 қаңтар, 00:30');
  });

  it('Should explain a refusal with the amount formatted in the subscriber\'s language', () => {
    const text = explain({ reason: 'rules:deny.overdueDebt', params: { amountTiyn: 410_022 } }, 'ru');
    expect(text).toContain('4\u00a0100,22\u00a0₸');
    expect(explain({ reason: 'rules:plan.changePending', params: { date: '2026-04-01' } }, 'kk')).toContain('2026 жылғы 1 сәуір');
  });
});

describe('rules locale', () => {
  const keysOf = (o: unknown, prefix = ''): string[] =>
    o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

  it('Should have the same keys in kk and ru', () => {
    const l = readLocales();
    expect(keysOf(l.kk.rules).sort()).toEqual(keysOf(l.ru.rules).sort());
  });

  it('Should have a text for every rules: key the code can return', () => {
    const root = join(import.meta.dirname, '../../core');
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []);
    const used = new Set<string>();
    for (const f of files(root)) for (const m of readFileSync(f, 'utf8').matchAll(/'rules:([a-zA-Z.]+[a-zA-Z])'/g)) used.add(m[1]!);
    const l = readLocales();
    const kk = new Set(keysOf(l.kk.rules));
    const missing = [...used].filter((k) => !kk.has(k) && !k.endsWith('.'));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });
});

describe('pre-ticket checks on the demo data', () => {
  const setup = async () => {
    const clock = new ManualClock('2026-03-10T06:00:00Z');
    const store = openSqliteStore(':memory:');
    expect(await loadDemoData(store, clock)).toBe(true);
    expect(await loadDemoData(store, clock)).toBe(false);
    const account = async (n: string) => (await store.accounts.findByNumber(n))!;
    return { store, clock, account };
  };

  it.each([
    ['cl. 33(5): a disconnected account is told to pay, with the amount', '100000000004', 'megaline', { kind: 'disconnected_for_debt', amountTiyn: 2_070_000 }],
    ['cl. 33(3), 36(7): planned works at the address, with their end', '100000000006', 'megaline', { kind: 'outage', reason: 'rules:fault.plannedWorks', endsAt: new Date('2026-03-10T10:00:00Z') }],
    ['seed 000 note 2: a Hit line over 7 GB is throttled until 1 April', '100000000003', 'megaline', { kind: 'hit_throttled', usedMb: 7400, restoresOn: '2026-04-01', downKbps: 32 }],
    ['nothing explains the fault — a ticket is the way', '100000000001', 'megaline', null],
    ['planned works for Megaline do not explain a phone fault', '100000000006', 'phone', null],
  ])('%s', async (_t, number, service, expected) => {
    const { store, clock, account } = await setup();
    const finding = await checkBeforeTicket(store, await account(number), service, clock.now());
    if (expected === null) expect(finding).toBeNull();
    else expect(finding).toMatchObject(expected);
  });

  it('Demo data: every subscriber in the README table exists with the status shown', async () => {
    const { account } = await setup();
    for (const d of DEMO_SUBSCRIBERS) expect((await account(d.accountNumber)).status).toBe(d.status);
    expect(new Set(DEMO_SUBSCRIBERS.map((d) => d.status))).toEqual(new Set(['current', 'new', 'overdue', 'disconnected', 'closed']));
  });
});

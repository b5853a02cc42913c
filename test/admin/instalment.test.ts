/**
 * The console's instalment form (seed 001 status 6; cl. 12 para 3; cl. 31(13)): who may open it, what it refuses and
 * says why in the user's language, and what concluding does — account back to current, access within 3 hours,
 * audited, the subscriber told.
 */
import { describe, expect, it } from 'vitest';
import { requestAgreement } from '../../core/instalments/agreements.ts';
import { MEGALINE_PLANS } from '../../core/plans/catalogue.ts';
import type { AccountStatus } from '../../core/accounts/status.ts';
import type { Application } from '../../core/applications/model.ts';
import type { Role } from '../../core/users/model.ts';
import type { EventMap } from '../../core/events.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

/** Today in the fixture is Mon 2 March 2026; January (due 25 February) is 5 days late: 624 000 + 5 × 0.75 % = 647 400. */
const DEBT = 647_400;

async function world(options: { status?: AccountStatus; roles?: Role[]; language?: 'ru' | 'kk'; name?: string } = {}) {
  const f = await consoleFixture();
  for (const p of MEGALINE_PLANS) await f.store.billing.upsertPlan(p);
  await f.store.subscribers.create({ id: 's', fullName: options.name ?? 'Динара Ахметова', phone: '+77050000001', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date('2025-01-01') });
  await f.store.accounts.create({
    id: 'a', number: '200000000009', subscriberId: 's', status: options.status ?? 'disconnected', statusSince: new Date('2026-03-01T06:00:00Z'),
    billingMethod: 'credit', address: 'Алматы', region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null,
    openedAt: new Date('2025-06-01T00:00:00Z'), closedAt: null,
  });
  await f.store.billing.addInvoice({ id: 'jan', accountId: 'a', kind: 'monthly', period: '2026-01', issuedAt: new Date('2026-01-31T19:00:00Z'), dueDate: '2026-02-25', amountTiyn: 624_000, lines: [] });
  const requested = await requestAgreement({ store: f.store, clock: f.clock, logger: f.deps.logger }, { id: 'app-1' } as Application, (await f.store.accounts.get('a'))!);
  if (!requested.ok) throw new Error(requested.reason);
  const ticket = await f.ticket({ type: 'reference', topic: 'instalment', subscriberId: 's', accountId: 'a', chatKey: 'telegram:42', symptom: undefined, service: undefined });
  const me = await f.user(options.roles ?? ['agent']);
  if (options.language) await f.store.users.update(me.id, { language: options.language });
  const told: Array<EventMap['instalment.concluded']> = [];
  f.events.on('instalment.concluded', (e) => void told.push(e));
  const b = f.browser();
  await b.signIn(me.email);
  const page = `/admin/tickets/${ticket.id}/instalment`;
  const conclude = (rows: Array<[string, string]>, extra: Record<string, string> = {}) =>
    b.post(page, { agreement: requested.value.id, ...Object.fromEntries(rows.flatMap(([d, a], i) => [[`date${i + 1}`, d], [`amount${i + 1}`, a]])), ...extra });
  const status = async () => (await f.store.accounts.get('a'))!.status;
  return { f, b, ticket, page, conclude, status, told, agreementId: requested.value.id };
}

describe('console: concluding an instalment agreement (seed 001 status 6)', () => {
  it('seed 001 status 6 "or an instalment agreement is signed; the status then returns to current": concluded from the ticket, access within 3 h (cl. 31(13)), audited, the subscriber told', async () => {
    const w = await world();
    await w.b.get(`/admin/tickets/${w.ticket.id}`);
    expect(w.b.last.html).toContain(`href="${w.page}"`);
    await w.b.get(w.page);
    expect(visibleText(w.b.last.html)).toContain('Долг к рассрочке сейчас 6 474 ₸');
    expect(visibleText(w.b.last.html)).toContain('Пока соглашение не заключено, счёт остаётся в своём статусе');
    await w.conclude([['2026-03-26', '3237'], ['2026-04-27', '3 237,00']]);
    expect(w.b.last.status).toBe(303);
    expect(await w.status()).toBe('current');
    const [entry] = await w.f.store.audit.list({ action: 'instalment.concluded' });
    expect(entry).toMatchObject({ entity: 'account', entityId: 'a', details: { from: 'disconnected', parts: 2, debtTiyn: DEBT, ticketId: w.ticket.id } });
    expect(w.told).toHaveLength(1);
    expect(w.told[0]).toMatchObject({ accountNumber: '200000000009', chatKey: 'telegram:42', restoreBy: new Date('2026-03-02T09:00:00Z') });
    expect(w.told[0]!.agreement.parts).toEqual([{ dueDate: '2026-03-26', amountTiyn: 323_700 }, { dueDate: '2026-04-27', amountTiyn: 323_700 }]);
    await w.b.get(w.b.last.location!);
    const text = visibleText(w.b.last.html);
    expect(text).toContain('Соглашение заключено');
    expect(text).toContain('соглашение действует');
    expect(text).toContain('26 марта 2026 г.');
    expect(w.b.last.html).not.toContain('name="date1"'); // concluded once: no form any more
    await w.b.get(`/admin/tickets/${w.ticket.id}`);
    expect(visibleText(w.b.last.html)).toContain('Заключено соглашение о рассрочке, платежей в графике: 2');
  });

  it.each([
    ['cl. 12 para 3 "debt paid in stages": parts that do not add up to the debt', [['2026-03-26', '3000']], 'Сумма платежей 3 000 ₸ не равна долгу 6 474 ₸'],
    ['business calendar: a part on a Saturday (28 March 2026)', [['2026-03-28', '6474']], '28 марта 2026 г. — нерабочий день'],
    ['business calendar: a part on Nauryz (23 March 2026)', [['2026-03-23', '6474']], '23 марта 2026 г. — нерабочий день'],
    ['cl. 12 para 3: a part dated before today', [['2026-02-27', '6474']], 'Дата платежа не может быть в прошлом'],
    ['cl. 12 para 3: an amount that is not money', [['2026-03-26', 'шесть тысяч']], 'У каждого платежа должны быть дата и сумма'],
    ['cl. 12 para 3: a date without an amount', [['2026-03-26', '']], 'У каждого платежа должны быть дата и сумма'],
    ['cl. 12 para 3: no parts at all', [], 'Укажите хотя бы один платёж'],
  ] as Array<[string, Array<[string, string]>, string]>)('%s is refused with a clear message; nothing is concluded', async (_title, rows, message) => {
    const w = await world();
    await w.b.get(w.page);
    await w.conclude(rows);
    expect(w.b.last.status).toBe(422);
    expect(visibleText(w.b.last.html)).toContain(message);
    for (const [date] of rows) if (date) expect(w.b.last.html).toContain(`value="${date}"`); // what was typed stays
    expect(await w.status()).toBe('disconnected');
    expect(w.told).toEqual([]);
    expect(await w.f.store.billing.listOpenRestorations('a')).toEqual([]);
  });

  it('Should speak Kazakh to a Kazakh-speaking agent, refusals included', async () => {
    const w = await world({ language: 'kk' });
    await w.b.get(w.page);
    expect(visibleText(w.b.last.html)).toContain('Қазір бөліп төленетін берешек');
    await w.conclude([['2026-03-28', '6474']]);
    expect(visibleText(w.b.last.html)).toContain('жұмыс күні емес');
  });

  it.each([['second_line'], ['marketing'], ['observer']] as Array<[Role]>)('Should refuse the form to a %s (403), and conclude nothing', async (role) => {
    const w = await world({ roles: [role] });
    expect((await w.b.get(w.page)).status).toBe(403);
    await w.conclude([['2026-03-26', '6474']]);
    expect(w.b.last.status).toBe(403);
    expect(await w.status()).toBe('disconnected');
  });

  it('Should let a supervisor conclude, and refuse a post without the CSRF token', async () => {
    const w = await world({ roles: ['supervisor'] });
    await w.b.get(w.page);
    await w.conclude([['2026-03-26', '6474']], { _csrf: '' });
    expect(w.b.last.status).toBe(403);
    expect(await w.status()).toBe('disconnected');
    await w.b.get(w.page);
    await w.conclude([['2026-03-26', '6474']]);
    expect(await w.status()).toBe('current');
  });

  it("Should show the subscriber's name as text, never as markup", async () => {
    const w = await world({ name: '<script>alert(1)</script> Динара' });
    await w.b.get(w.page);
    expect(w.b.last.html).not.toContain('<script>alert(1)');
    expect(visibleText(w.b.last.html)).toContain('<script>alert(1)</script> Динара');
  });
});

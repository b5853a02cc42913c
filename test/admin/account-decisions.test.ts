/**
 * The console's account decisions (seed 001 statuses 3, 7, 9; issue 18 item 11): a supervisor writes off, reconnects
 * and moves a credit from the account page; each refused with the rule's reason in the user's language; only
 * supervisors and admins may decide; every decision is in the account's history.
 */
import { describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../core/accounts/status.ts';
import type { Role } from '../../core/users/model.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

async function world(status: AccountStatus, closedAt: string, roles: Role[] = ['supervisor'], language: 'ru' | 'kk' = 'ru') {
  const f = await consoleFixture(); // today: Mon 2 March 2026
  await f.store.subscribers.create({ id: 's', fullName: 'Бауыржан Нұрланов', phone: '+77070000001', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date('2020-01-01') });
  await f.store.accounts.create({
    id: 'a', number: '200000000005', subscriberId: 's', status, statusSince: new Date(closedAt), billingMethod: 'credit', address: 'Алматы', region: 'Алматытелеком',
    planId: 'megaline-plus', services: [], termContractUntil: null, openedAt: new Date('2020-01-01'), closedAt: new Date(closedAt),
  });
  const me = await f.user(roles);
  if (language === 'kk') await f.store.users.update(me.id, { language });
  const b = f.browser();
  await b.signIn(me.email);
  const status_ = async () => (await f.store.accounts.get('a'))!.status;
  return { f, b, status: status_, page: '/admin/accounts/a' };
}

describe('console: supervisor decisions on an account (seed 001)', () => {
  it('Should find the account from the Accounts page by its number or by the holder\'s phone as people type it, and say when nothing matches', async () => {
    const w = await world('closed', '2026-02-10T06:00:00Z');
    await w.b.get('/admin/accounts');
    expect(visibleText(w.b.last.html)).toContain('Номер лицевого счёта или телефон абонента');
    expect(w.b.last.html).toContain('href="/admin/accounts"'); // in the console's menu
    await w.b.get('/admin/accounts?q=2000 0000 0005');
    expect(w.b.last.location).toBe(w.page);
    await w.b.get(`/admin/accounts?q=${encodeURIComponent('8 (707) 000-00-01')}`);
    expect(w.b.last.location).toBe(w.page);
    await w.b.get('/admin/accounts?q=999999999999');
    expect(w.b.last.status).toBe(200);
    expect(visibleText(w.b.last.html)).toContain('Ничего не найдено');
  });

  it('seed 001 status 3 "reconnected to the same account within 30 calendar days of closing": done from the account page, in its history', async () => {
    const w = await world('closed', '2026-02-10T06:00:00Z');
    await w.b.get(w.page);
    expect(visibleText(w.b.last.html)).toContain('Подключить снова на этот счёт');
    expect(w.b.last.html).not.toContain('decision-write_off');
    await w.b.post(`${w.page}/decision`, { decision: 'reconnect', note: 'заявление № 15', services: ['megaline', 'phone'] });
    expect(w.b.last.status).toBe(303);
    await w.b.get(w.b.last.location!);
    const text = visibleText(w.b.last.html);
    expect(text).toContain('Абонент снова подключён, счёт — «текущий»');
    expect(text).toContain('Абонент снова подключён на счёт');
    expect(text).toContain('заявление № 15'); // the decision's reference
    expect(await w.f.store.accounts.get('a')).toMatchObject({ status: 'current', closedAt: null, services: ['megaline', 'phone'] });
  });

  it('seed 001 status 3: after 30 calendar days the refusal says why, in Russian and in Kazakh; nothing moves', async () => {
    const ru = await world('closed', '2026-01-30T06:00:00Z');
    await ru.b.get(ru.page);
    await ru.b.post(`${ru.page}/decision`, { decision: 'reconnect', note: 'заявление № 16', services: 'megaline' });
    expect(ru.b.last.status).toBe(422);
    expect(visibleText(ru.b.last.html)).toContain('Счёт закрыт 30 января 2026 г.: повторно подключить на тот же счёт можно только в течение 30 календарных дней');
    expect(await ru.status()).toBe('closed');
    const kk = await world('closed', '2026-01-30T06:00:00Z', ['supervisor'], 'kk');
    await kk.b.get(kk.page);
    await kk.b.post(`${kk.page}/decision`, { decision: 'reconnect', note: '16', services: 'megaline' });
    expect(visibleText(kk.b.last.html)).toContain('30 күнтізбелік күн ішінде ғана мүмкін');
  });

  it('seed 001 status 7 "recognised as bad and written off": refused when there is no debt to write off', async () => {
    const w = await world('closed_doubtful_debt', '2025-01-10T06:00:00Z');
    await w.b.get(w.page);
    await w.b.post(`${w.page}/decision`, { decision: 'write_off', note: 'протокол № 3' });
    expect(w.b.last.status).toBe(422);
    expect(visibleText(w.b.last.html)).toContain('Долга на счёте нет — списывать нечего');
    expect(await w.status()).toBe('closed_doubtful_debt');
  });

  it('Should show an agent the account without decisions and refuse their post (403); refuse a post without CSRF', async () => {
    const agent = await world('closed', '2026-02-20T06:00:00Z', ['agent']);
    await agent.b.get(agent.page);
    expect(agent.b.last.status).toBe(200);
    expect(agent.b.last.html).not.toContain('name="decision"');
    await agent.b.post(`${agent.page}/decision`, { decision: 'reconnect', note: 'x', services: 'megaline' });
    expect(agent.b.last.status).toBe(403);
    const sup = await world('closed', '2026-02-20T06:00:00Z');
    await sup.b.get(sup.page);
    await sup.b.post(`${sup.page}/decision`, { decision: 'reconnect', note: 'x', services: 'megaline', _csrf: '' });
    expect(sup.b.last.status).toBe(403);
    expect(await agent.status()).toBe('closed');
    expect(await sup.status()).toBe('closed');
  });
});

import { describe, expect, it } from 'vitest';
import { consoleFixture, visibleText } from './console.fixture.ts';

async function signedInAdmin() {
  const f = await consoleFixture();
  const admin = await f.user(['admin']);
  const b = f.browser();
  await b.signIn(admin.email);
  await b.get('/admin/users');
  return { f, admin, b };
}

describe('users and roles (seed 003 cl. 36)', () => {
  it('Should create a user whose temporary password, shown once, signs them in', async () => {
    const { f, b } = await signedInAdmin();
    await b.post('/admin/users', { name: 'Айгүл Сәрсенова', email: 'Aigul@Example.kz', language: 'kk', roles: ['agent', 'second_line'] });
    expect(b.last.status).toBe(201);
    const password = /<code>([^<]+)<\/code>/.exec(b.last.html)![1]!;
    expect(visibleText(b.last.html)).toContain('Временный пароль для Айгүл Сәрсенова');
    const created = (await f.store.users.findByEmail('aigul@example.kz'))!;
    expect(created.roles).toEqual(['agent', 'second_line']);
    expect((await f.browser().signIn('aigul@example.kz', password)).status).toBe(303);
  });

  it('Should refuse a second user with the same e-mail and say so', async () => {
    const { b, admin } = await signedInAdmin();
    await b.post('/admin/users', { name: 'Copy', email: admin.email, language: 'ru', roles: 'agent' });
    expect(b.last.status).toBe(422);
    expect(visibleText(b.last.html)).toContain('Пользователь с такой почтой уже есть');
  });

  it('Should reject a new-user form with a bad e-mail as 400 naming the field', async () => {
    const { b } = await signedInAdmin();
    await b.post('/admin/users', { name: 'X', email: 'not-an-email', language: 'ru', roles: 'agent' });
    expect(b.last.status).toBe(400);
    expect(visibleText(b.last.html)).toContain('email');
  });

  it('Should change roles, and the change shows in the audit log with who did it', async () => {
    const { f, b, admin } = await signedInAdmin();
    const agent = await f.user(['agent']);
    await b.post(`/admin/users/${agent.id}/roles`, { roles: ['agent', 'supervisor'] });
    expect(b.last.location).toBe(`/admin/users/${agent.id}?done=roles`);
    expect((await f.store.users.get(agent.id))!.roles).toEqual(['agent', 'supervisor']);
    await b.get('/admin/audit?action=user.roles_changed');
    const text = visibleText(b.last.html);
    expect(text).toContain('Изменены роли');
    expect(text).toContain(admin.name);
    expect(text).toContain('Стало Оператор, Супервайзер');
  });

  it('Should deactivate a user, ending their sessions, and let them back in after reactivation', async () => {
    const { f, b } = await signedInAdmin();
    const agent = await f.user(['agent']);
    const agentBrowser = f.browser();
    await agentBrowser.signIn(agent.email);
    await b.post(`/admin/users/${agent.id}/active`, { active: 'false' });
    await agentBrowser.get('/admin/account');
    expect(agentBrowser.last.status).toBe(303);
    expect((await f.browser().signIn(agent.email)).status).toBe(401);
    await b.post(`/admin/users/${agent.id}/active`, { active: 'true' });
    expect((await f.browser().signIn(agent.email)).status).toBe(303);
  });

  it('Should not let the last administrator be demoted or deactivated', async () => {
    const { f, b, admin } = await signedInAdmin();
    await b.post(`/admin/users/${admin.id}/roles`, { roles: 'agent' });
    expect(b.last.status).toBe(422);
    expect(visibleText(b.last.html)).toContain('Нельзя оставить консоль без активного администратора');
    expect((await f.store.users.get(admin.id))!.roles).toEqual(['admin']);
    await b.get('/admin/users');
    await b.post(`/admin/users/${admin.id}/active`, { active: 'false' });
    expect(b.last.status).toBe(422);
  });

  it('Should reset a password: the old one stops working, the new one is shown once, a lock is lifted', async () => {
    const { f, b } = await signedInAdmin();
    const agent = await f.user(['agent']);
    await f.store.users.update(agent.id, { lockedUntil: new Date(f.clock.now().getTime() + 600_000) });
    await b.post(`/admin/users/${agent.id}/password`);
    const password = /<code>([^<]+)<\/code>/.exec(b.last.html)![1]!;
    expect((await f.browser().signIn(agent.email)).status).toBe(401);
    expect((await f.browser().signIn(agent.email, password)).status).toBe(303);
  });

  it('Should list users with their roles and state, and filter the audit log by person and date', async () => {
    const { f, b, admin } = await signedInAdmin();
    await b.post('/admin/users', { name: 'Ерлан', email: 'erlan@example.kz', language: 'kk', roles: 'marketing' });
    await b.get('/admin/users');
    const list = visibleText(b.last.html);
    expect(list).toContain('Ерлан');
    expect(list).toContain('Маркетинг');
    expect(list).toContain('Активен');

    await b.get(`/admin/audit?actor=${admin.id}&from=2026-03-02&to=2026-03-02`);
    expect(visibleText(b.last.html)).toContain('Создан пользователь');
    await b.get(`/admin/audit?actor=${admin.id}&from=2026-03-03`);
    expect(visibleText(b.last.html)).toContain('По этим условиям ничего не найдено');
  });

  it('Should show a user without a role an honest empty console rather than an error, and marketing its campaigns', async () => {
    const f = await consoleFixture();
    const b = f.browser();
    await b.signIn((await f.user([])).email);
    await b.get('/admin');
    expect(b.last.status).toBe(200);
    expect(visibleText(b.last.html)).toContain('Для вашей роли здесь пока нет разделов');
    const m = f.browser();
    await m.signIn((await f.user(['marketing'])).email);
    expect(m.last.location ?? '').toBe('/admin/campaigns');
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS } from '../../core/users/authenticate.ts';
import { consoleFixture, PASSWORD, visibleText } from './console.fixture.ts';

describe('console sign-in and sessions', () => {
  it('Should sign an administrator in with e-mail and password and open the console', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin'], 'Boss@Example.kz');
    const b = f.browser();
    const res = await b.signIn('boss@example.kz');
    expect(res.status).toBe(303);
    await b.get('/admin/users');
    expect(b.last.status).toBe(200);
    expect(visibleText(b.last.html)).toContain(admin.name);
  });

  it('Should set the session cookie HttpOnly, SameSite=Lax, scoped to /admin, and keep only its hash in the store', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.get('/admin/sign-in');
    const res = await b.post('/admin/sign-in', { email: admin.email, password: PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kt_console='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    const token = b.cookies.get('kt_console')!;
    expect(await f.store.consoleSessions.get(token, f.clock.now())).toBeNull();
  });

  it('Should mark the cookie Secure when PUBLIC_URL is https', async () => {
    const f = await consoleFixture({}, { PUBLIC_URL: 'https://bot.example.kz' });
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.get('/admin/sign-in');
    const res = await b.post('/admin/sign-in', { email: admin.email, password: PASSWORD });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('kt_console='))).toMatch(/Secure/);
  });

  it('Should answer a wrong password and an unknown e-mail with the same words', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.signIn(admin.email, 'wrong password');
    const wrong = visibleText(b.last.html);
    await b.signIn('nobody@example.kz', 'wrong password');
    expect(b.last.status).toBe(401);
    expect(visibleText(b.last.html)).toBe(wrong);
    expect(wrong).toContain('Неверная почта или пароль');
  });

  it(`Should lock the account after ${MAX_FAILED_LOGINS} wrong passwords, refusing even the right one until the lock ends`, async () => {
    const f = await consoleFixture();
    const agent = await f.user(['agent']);
    const b = f.browser();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await b.signIn(agent.email, 'guess ' + i);
    const locked = await b.signIn(agent.email, PASSWORD);
    expect(locked.status).toBe(401);
    expect(b.cookies.has('kt_console')).toBe(false);

    const admin = f.browser();
    await admin.signIn((await f.user(['admin'])).email);
    await admin.get(`/admin/users/${agent.id}`);
    expect(visibleText(admin.last.html)).toContain('Заблокирован');
    await admin.get('/admin/audit?action=user.locked');
    expect(visibleText(admin.last.html)).toContain('Вход заблокирован после неудачных попыток');

    f.clock.advanceMinutes(16);
    expect((await b.signIn(agent.email, PASSWORD)).status).toBe(303);
  });

  it('Should limit sign-in attempts per client and e-mail, even for an e-mail that does not exist', async () => {
    const f = await consoleFixture();
    const b = f.browser();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await b.signIn('ghost@example.kz', 'x' + i)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(visibleText(b.last.html)).toContain('Слишком много попыток входа');
  });

  it('Should send a signed-out visitor to the sign-in page and back to where they were going', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.get('/admin/audit?entity=user');
    expect(b.last.status).toBe(303);
    expect(b.last.location).toBe('/admin/sign-in?next=%2Fadmin%2Faudit%3Fentity%3Duser');
    await b.get(b.last.location!);
    const res = await b.post('/admin/sign-in', { email: admin.email, password: PASSWORD, next: '/admin/audit?entity=user' });
    expect(res.headers.get('location')).toBe('/admin/audit?entity=user');
  });

  it('Should never redirect after sign-in to another site', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.get('/admin/sign-in');
    const res = await b.post('/admin/sign-in', { email: admin.email, password: PASSWORD, next: '//evil.example/admin' });
    expect(res.headers.get('location')).toBe('/admin');
  });

  it('Should end the session on sign-out so the old cookie opens nothing', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.signIn(admin.email);
    const token = b.cookies.get('kt_console')!;
    await b.get('/admin/users');
    await b.post('/admin/sign-out');
    expect(b.last.location).toBe('/admin/sign-in');
    const replay = await f.app.request('/admin/users', { headers: { cookie: `kt_console=${token}` } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toContain('/admin/sign-in');
  });

  it('Should change the password: the old one stops working and other sessions end', async () => {
    const f = await consoleFixture();
    const agent = await f.user(['agent']);
    const other = f.browser();
    await other.signIn(agent.email);
    const b = f.browser();
    await b.signIn(agent.email);
    await b.get('/admin/account');
    await b.post('/admin/account/password', { current: PASSWORD, next: 'a brand new secret', repeat: 'a brand new secret' });
    expect(b.last.location).toBe('/admin/account?done=password');
    await b.get(b.last.location!);
    expect(visibleText(b.last.html)).toContain('Пароль изменён');

    await other.get('/admin/account');
    expect(other.last.status).toBe(303);
    expect((await f.browser().signIn(agent.email, PASSWORD)).status).toBe(401);
    expect((await f.browser().signIn(agent.email, 'a brand new secret')).status).toBe(303);
  });

  it('Should refuse a password change with a wrong current password, saying why', async () => {
    const f = await consoleFixture();
    const agent = await f.user(['agent']);
    const b = f.browser();
    await b.signIn(agent.email);
    await b.get('/admin/account');
    await b.post('/admin/account/password', { current: 'not it', next: 'a brand new secret', repeat: 'a brand new secret' });
    expect(b.last.status).toBe(422);
    expect(visibleText(b.last.html)).toContain('Текущий пароль указан неверно');
  });

  it('Should switch the console to Kazakh and remember it', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.signIn(admin.email);
    await b.get('/admin/users');
    await b.post('/admin/language', { lang: 'kk', back: '/admin/users' });
    expect(b.last.location).toBe('/admin/users');
    await b.get('/admin/users');
    expect(b.last.html).toContain('<html lang="kk">');
    expect(visibleText(b.last.html)).toContain('Пайдаланушылар мен рөлдер');
    expect((await f.store.users.get(admin.id))!.language).toBe('kk');
  });
});

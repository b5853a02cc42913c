import { describe, expect, it } from 'vitest';
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

  it('Attack: wrong passwords slow down the client that types them (30 s, doubling), never lock the account', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const attacker = f.browser('203.0.113.9');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attacker.signIn(admin.email, 'guess ' + i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(visibleText(attacker.last.html)).toContain('Попробуйте снова через 30 сек.');
    expect(visibleText(attacker.last.html)).not.toContain('сек..');
    // While it waits, even the right password is not checked, and the try does not count.
    expect((await attacker.signIn(admin.email, PASSWORD)).status).toBe(429);
    f.clock.advanceMinutes(0.5);
    expect((await attacker.signIn(admin.email, 'guess 5')).status).toBe(429);
    expect(visibleText(attacker.last.html)).toContain('через 60 сек.');
    f.clock.advanceMinutes(1);
    expect((await attacker.signIn(admin.email, 'guess 6')).status).toBe(429);
    expect(visibleText(attacker.last.html)).toContain('через 2 мин.');

    // The administrator, from their own address, signs in at once: the account is not locked.
    const own = f.browser('198.51.100.4');
    expect((await own.signIn(admin.email, PASSWORD)).status).toBe(303);
    await own.get('/admin/audit?action=user.sign_in_delayed');
    expect(own.last.html).toContain('203.0.113.9');
  });

  it('Should cap the delay at LOGIN_MAX_DELAY_MINUTES and forget a client\'s failures once it signs in', async () => {
    const f = await consoleFixture({}, { LOGIN_MAX_DELAY_MINUTES: '2' });
    const agent = await f.user(['agent']);
    const b = f.browser('203.0.113.10');
    for (let i = 0; i < 9; i++) {
      await b.signIn(agent.email, 'guess ' + i);
      f.clock.advanceMinutes(10);
    }
    expect((await b.signIn(agent.email, 'again')).status).toBe(429);
    expect(visibleText(b.last.html)).toContain('через 2 мин.');
    f.clock.advanceMinutes(2);
    expect((await b.signIn(agent.email, PASSWORD)).status).toBe(303);
    const later = f.browser('203.0.113.10');
    expect((await later.signIn(agent.email, 'one typo')).status).toBe(401);
  });

  it('Should slow down a client trying one password on many accounts, even ones that do not exist', async () => {
    const f = await consoleFixture();
    const b = f.browser('203.0.113.11');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await b.signIn(`ghost${i}@example.kz`, 'Winter2026!')).status);
    expect(statuses.slice(0, 29).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(29)).toEqual([429, 429]);
    expect(visibleText(b.last.html)).toContain('Слишком много неверных попыток');
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

import { describe, expect, it } from 'vitest';
import { consoleFixture, visibleText } from './console.fixture.ts';

describe('console security', () => {
  it('Should refuse a forged form post without the CSRF token, changing nothing', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.signIn(admin.email);
    const before = await f.store.users.count();
    const res = await b.post('/admin/users', { _csrf: '', name: 'Mallory', email: 'mallory@example.kz', language: 'ru', roles: 'admin' });
    expect(res.status).toBe(403);
    expect(visibleText(b.last.html)).toContain('Форма устарела или пришла не из консоли');
    expect(await f.store.users.count()).toBe(before);
  });

  it("Should refuse a post carrying another session's CSRF token", async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const victim = f.browser();
    await victim.signIn(admin.email);
    const attacker = f.browser();
    await attacker.signIn((await f.user(['agent'])).email);
    const res = await victim.post('/admin/users', { _csrf: attacker.csrf, name: 'Mallory', email: 'm@example.kz', language: 'ru', roles: 'admin' });
    expect(res.status).toBe(403);
  });

  it('Should refuse a post from another origin even with a token', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const b = f.browser();
    await b.signIn(admin.email);
    const res = await b.post('/admin/users', { name: 'Mallory', email: 'm@example.kz', language: 'ru', roles: 'admin' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('Should refuse a sign-in post without the sign-in page token', async () => {
    const f = await consoleFixture();
    const admin = await f.user(['admin']);
    const res = await f.app.request('/admin/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ email: admin.email, password: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
  });

  it.each(['/admin/users', '/admin/users/new', '/admin/audit', '/admin/sms', '/admin/channels'])('Should show an agent 403 on the admin page %s', async (path) => {
    const f = await consoleFixture();
    const b = f.browser();
    await b.signIn((await f.user(['agent'])).email);
    await b.get(path);
    expect(b.last.status).toBe(403);
    expect(visibleText(b.last.html)).toContain('У вашей роли нет доступа к этому разделу');
  });

  it('Should send security headers: a CSP without inline scripts, no framing, no caching of pages', async () => {
    const f = await consoleFixture();
    const res = await f.app.request('/admin/sign-in');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('Should show every page with a title, and an unknown page with a calm 404', async () => {
    const f = await consoleFixture();
    const b = f.browser();
    await b.signIn((await f.user(['admin'])).email);
    await b.get('/admin/no-such-room');
    expect(b.last.status).toBe(404);
    expect(b.last.html).toMatch(/<title>Страница не найдена · /);
    expect(visibleText(b.last.html)).toContain('Такой страницы нет');
  });
});

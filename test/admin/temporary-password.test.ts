/**
 * A temporary password (a new user's, or one an administrator reset) opens only the password form: the user sets
 * their own before doing anything else, then goes on to work (issue 14; issue 20 item 8).
 */
import { describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../core/users/ensure-admin.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

const NEW_PASSWORD = 'my own long password';

async function newUser() {
  const f = await consoleFixture();
  const admin = f.browser();
  await admin.signIn((await f.user(['admin'])).email);
  await admin.get('/admin/users/new');
  await admin.post('/admin/users', { name: 'Айгүл Бекова', email: 'aigul@example.kz', language: 'ru', roles: ['agent'] });
  const temporary = /<p class="secret"><code>([^<]+)<\/code>/.exec(admin.last.html)![1]!;
  const user = (await f.store.users.findByEmail('aigul@example.kz'))!;
  return { f, admin, temporary, user };
}

describe('temporary passwords', () => {
  it('Should let a user with a temporary password only set their own, then go on to work', async () => {
    const { f, temporary, user } = await newUser();
    const ticket = await f.ticket();
    const b = f.browser();
    await b.get('/admin/sign-in');
    const res = await b.post('/admin/sign-in', { email: 'aigul@example.kz', password: temporary });
    expect(res.status).toBe(303);
    await b.get(res.headers.get('location')!);
    expect(b.last.status).toBe(303);
    expect(b.last.location).toBe('/admin/account');
    await b.get('/admin/account');
    expect(visibleText(b.last.html)).toContain('Вы вошли с временным паролем');
    expect(b.last.html).not.toContain('class="rooms"');
    for (const path of ['/admin/tickets', `/admin/tickets/${ticket.id}`, '/admin/users']) {
      await b.get(path);
      expect(b.last.status, path).toBe(303);
      expect(b.last.location, path).toBe('/admin/account');
    }
    expect((await b.get('/admin/tickets/rows', { accept: '*/*' })).status).toBe(303);
    expect((await b.get('/admin/tickets/events', { accept: 'text/event-stream' })).status).toBe(403);
    await b.get('/admin/account');
    expect((await b.post(`/admin/tickets/${ticket.id}/take`)).status).toBe(403);
    expect((await f.tickets.get(ticket.id))!.assigneeId).toBeNull();

    await b.get('/admin/account');
    await b.post('/admin/account/password', { current: temporary, next: NEW_PASSWORD, repeat: NEW_PASSWORD });
    expect(b.last.location).toBe('/admin');
    expect((await f.store.users.get(user.id))!.mustChangePassword).toBe(false);
    await b.get('/admin/tickets');
    expect(b.last.status).toBe(200);
    expect(b.last.html).toContain('class="rooms"');
  });

  it('Should ask again after an administrator resets the password, and not for a password the user chose', async () => {
    const { f, admin, temporary, user } = await newUser();
    const b = f.browser();
    await b.signIn('aigul@example.kz', temporary);
    await b.get('/admin/account');
    await b.post('/admin/account/password', { current: temporary, next: NEW_PASSWORD, repeat: NEW_PASSWORD });
    await b.signIn('aigul@example.kz', NEW_PASSWORD);
    expect((await b.get('/admin/tickets')).status).toBe(200);

    await admin.get(`/admin/users/${user.id}`);
    await admin.post(`/admin/users/${user.id}/password`);
    const reset = /<p class="secret"><code>([^<]+)<\/code>/.exec(admin.last.html)![1]!;
    await b.signIn('aigul@example.kz', reset);
    expect((await b.get('/admin/tickets')).headers.get('location')).toBe('/admin/account');
  });

  it('Should treat a generated first administrator password as temporary, and ADMIN_PASSWORD as chosen', async () => {
    for (const [password, must] of [[undefined, true], ['chosen-admin-password', false]] as const) {
      const f = await consoleFixture();
      await ensureAdmin(f.store, f.clock, 'root@example.kz', password);
      expect((await f.store.users.findByEmail('root@example.kz'))!.mustChangePassword).toBe(must);
    }
  });
});

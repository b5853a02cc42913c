import { describe, expect, it } from 'vitest';
import { accessOf } from '../../admin/guard.ts';
import { allows, PERMISSIONS, ROLE_PERMISSIONS, type Access } from '../../admin/permissions.ts';
import type { Role } from '../../core/users/model.ts';
import { ROLES } from '../../core/users/roles.ts';
import { startSession } from '../../core/users/sessions.ts';
import { consoleFixture } from './console.fixture.ts';

/** Every console route (method + path) with the access its guard declares; undefined when it declares none. */
async function consoleRoutes() {
  const f = await consoleFixture();
  const groups = new Map<string, { method: string; path: string; access: Access[] }>();
  for (const route of f.app.routes) {
    if (route.method === 'ALL') continue; // app.use() middleware and the 404 catch-all
    const key = `${route.method} ${route.path}`;
    const group = groups.get(key) ?? { method: route.method, path: route.path, access: [] };
    const access = accessOf(route.handler);
    if (access) group.access.push(access);
    groups.set(key, group);
  }
  return { f, routes: [...groups.values()] };
}

const sample = (path: string) => path.replace(':file', 'console.css').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('route permissions (seed 003 cl. 36: flexible access rights)', () => {
  it('Should have every console route declare exactly one permission', async () => {
    const { routes } = await consoleRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((r) => r.access.length !== 1).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('Should give every role only permissions that exist, and the administrator all of them', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it("Should let each role through exactly the routes the table grants, and refuse the rest with 403", async () => {
    const { f, routes } = await consoleRoutes();
    const users = new Map<Role, string>();
    for (const role of ROLES) users.set(role, (await f.user([role])).id);
    const mismatches: string[] = [];

    for (const route of routes) {
      const access = route.access[0]!;
      for (const role of [...ROLES, null]) {
        let cookie = '';
        let csrf = 'none';
        if (role) {
          const { token, session } = await startSession(f.store, f.clock, users.get(role)!);
          cookie = `kt_console=${token}`;
          csrf = session.csrfToken;
        } else {
          cookie = 'kt_console_pre=pre-token';
          csrf = 'pre-token';
        }
        const res = await f.app.request(sample(route.path), {
          method: route.method,
          headers: {
            cookie,
            'x-csrf-token': csrf,
            accept: route.path.endsWith('/events') ? 'text/event-stream' : 'text/html',
            ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(route.method === 'POST' ? { body: '' } : {}),
        });
        await res.body?.cancel();
        const signedOutRefusal = res.status === 401 || (res.status === 303 && res.headers.get('location')?.startsWith('/admin/sign-in?next='));
        const allowed = role ? allows([role], access) : access === 'public';
        const ok = allowed ? res.status !== 403 && !signedOutRefusal : role ? res.status === 403 : signedOutRefusal;
        if (!ok) mismatches.push(`${route.method} ${route.path} as ${role ?? 'signed out'} (needs ${access}): ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

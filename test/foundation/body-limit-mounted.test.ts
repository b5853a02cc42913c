/**
 * A body limit declared by a route of a sub-app that has its own error handler (the console, mounted under the
 * server) is honoured: hono wraps such handlers when mounting, and the guard finds the declaration through the wrap.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimit, limitBodies } from '../../core/server/body-limit.ts';

function server() {
  const console = new Hono();
  console.post('/upload', bodyLimit(1024 * 1024), async (c) => c.text(String((await c.req.arrayBuffer()).byteLength)));
  console.onError((err, c) => c.text(err.message, 500));
  const app = new Hono();
  app.use('*', limitBodies({ defaultBytes: 1024 }));
  app.route('/admin', console);
  return app;
}

describe('body limits declared inside a mounted sub-app', () => {
  it('Should let an upload through up to the route\'s own limit, and refuse one over it', async () => {
    const app = server();
    const ok = await app.request('/admin/upload', { method: 'POST', body: new Uint8Array(200 * 1024), headers: { 'content-length': String(200 * 1024) } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(String(200 * 1024));
    const big = await app.request('/admin/upload', { method: 'POST', body: new Uint8Array(2 * 1024 * 1024), headers: { 'content-length': String(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
  });
});

/** @module Health routes: `/healthz` says the process is up, `/readyz` that the store answers. */
import { Hono } from 'hono';

export function healthRoutes(store: { readonly kind: 'sqlite' | 'mongo'; ping(): Promise<void> }): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ready', store: store.kind });
    } catch {
      return c.json({ status: 'unavailable', store: store.kind }, 503);
    }
  });
  return app;
}

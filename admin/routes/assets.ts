/**
 * @module The console's own CSS and JS, served as files (the CSP forbids inline code). Read once at start; the
 * version in the URL is a hash of the contents, so browsers may cache them for long.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';

const dir = new URL('../assets/', import.meta.url);

const FILES: Record<string, { type: string; body: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('console.css', dir), 'utf8') },
  'console.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('console.js', dir), 'utf8') },
  'campaigns.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('campaigns.css', dir), 'utf8') },
  'campaigns.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('campaigns.js', dir), 'utf8') },
  'reports.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('reports.css', dir), 'utf8') },
  'reports.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('reports.js', dir), 'utf8') },
};

export const ASSET_VERSION = createHash('sha256')
  .update(Object.values(FILES).map((f) => f.body).join('\n'))
  .digest('hex')
  .slice(0, 10);

export function assetRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/:file', requires('public'), (c) => {
    const file = FILES[c.req.param('file')];
    if (!file) throw new HTTPException(404, { message: 'no such asset' });
    c.header('Content-Type', file.type);
    c.header('Cache-Control', c.req.query('v') === ASSET_VERSION ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(file.body);
  });
  return app;
}

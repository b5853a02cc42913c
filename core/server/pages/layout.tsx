/**
 * @module The frame of the pages served outside the console and the chat (payment pages, "not found", "too large"):
 * one stylesheet served as a file (`/assets/page.css`), and a CSP that allows no inline script or style at all
 * (hono's JSX escapes the text of a `<style>` element, which is how the payment page once lost its font).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { FC, PropsWithChildren } from 'hono/jsx';
import type { Language } from '../../i18n/model.ts';

const CSS = readFileSync(new URL('page.css', import.meta.url), 'utf8');
const VERSION = createHash('sha256').update(CSS).digest('hex').slice(0, 10);
export const PAGE_CSS_PATH = '/assets/page.css';

/** Nothing but our stylesheet and forms posting back to us; never framed. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Sets the CSP and no-store on a page response (call from the handler before `c.html`). */
export function pageHeaders(c: Context): void {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
}

export const PageLayout: FC<PropsWithChildren<{ language: Language; title: string }>> = ({ language, title, children }) => (
  <html lang={language}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <link rel="stylesheet" href={`${PAGE_CSS_PATH}?v=${VERSION}`} />
    </head>
    <body>
      <main>{children}</main>
    </body>
  </html>
);

/** Serves the stylesheet (long-cached when the version matches). */
export function pageAssetRoutes(): Hono {
  const app = new Hono();
  app.get(PAGE_CSS_PATH, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', c.req.query('v') === VERSION ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(CSS);
  });
  return app;
}

/**
 * @module The console's one error sink: expected refusals (HTTPException 4xx) become a calm page that says what
 * happened and what to do; anything else is logged and shown as a generic apology with status 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { i18n, translator } from '../core/i18n/i18n.ts';
import type { Logger } from '../core/logging/logger.ts';
import { href, type ConsoleEnv } from './context.ts';
import { Document } from './layout.tsx';
import { Notice } from './ui/bits.tsx';
import { InvalidInput } from './validation.ts';

function explanationKey(status: number, message: string): string {
  if (/^[a-z]+:[\w.]+$/.test(message) && i18n().exists(message)) return message;
  if (status === 403 && message === 'csrf') return 'admin:error.csrf';
  const known = [400, 401, 403, 404, 409, 413, 422, 429];
  return known.includes(status) ? `admin:error.${status}` : 'admin:error.500';
}

/** Renders the error page for `err` (status from an HTTPException, else 500 after logging). */
export function renderError(err: Error, c: Context<ConsoleEnv>, logger: Logger): Response | Promise<Response> {
  if (!c.get('t')) {
    c.set('t', translator('ru'));
    c.set('lang', 'ru');
  }
  if (!c.get('permissions')) c.set('permissions', new Set());
  const t = c.get('t');
  const status = err instanceof HTTPException ? err.status : 500;
  if (!(err instanceof HTTPException)) logger.error({ err, path: c.req.path }, 'console request failed');
  if (status === 401 && c.req.method === 'GET' && c.req.header('accept')?.includes('text/html')) return c.redirect(href('/sign-in'), 303);
  const fields = err instanceof InvalidInput ? err.fields : [];
  const message = err instanceof HTTPException ? err.message : '';
  c.status(status as 500);
  return c.html(
    <Document c={c} title={t(`admin:error.title_${status >= 500 ? 500 : status === 404 ? 404 : status === 403 ? 403 : 400}`)}>
      <section class="card error-state">
        <Notice kind="error">{t(explanationKey(status, message))}</Notice>
        {fields.length ? (
          <p class="muted">
            {t('admin:error.fields')} <span class="mono">{fields.join(', ')}</span>
          </p>
        ) : null}
        <p class="row-actions">
          <a class="button secondary" href={href('/')}>
            {t('admin:error.home')}
          </a>
        </p>
      </section>
    </Document>,
  );
}

/**
 * @module The product's answers for an unknown address (404) and a request body over its route's limit (413), in the
 * visitor's language: a page for browsers, JSON for scripts (`Accept: application/json` or a JSON request).
 */
import type { Context } from 'hono';
import { translator } from '../../i18n/i18n.ts';
import { pageLanguage } from './language.ts';
import { PageLayout, pageHeaders } from './layout.tsx';

const wantsJson = (c: Context): boolean =>
  (c.req.header('accept') ?? '').includes('application/json') || (c.req.header('content-type') ?? '').includes('application/json');

function page(c: Context, status: 404 | 413, key: 'notFound' | 'tooLarge', params: Record<string, number> = {}): Response | Promise<Response> {
  const language = pageLanguage(c);
  const t = translator(language);
  if (wantsJson(c)) return c.json({ error: key === 'notFound' ? 'not_found' : 'payload_too_large', message: t(`pages:${key}.text`, params), ...params }, status);
  pageHeaders(c);
  return c.html(
    <PageLayout language={language} title={t(`pages:${key}.title`)}>
      <section class="card">
        <p class="code" aria-hidden="true">{status}</p>
        <h1>{t(`pages:${key}.title`)}</h1>
        <p>{t(`pages:${key}.text`, params)}</p>
        <p>
          <a href="/">{t('pages:home')}</a>
        </p>
      </section>
    </PageLayout>,
    status,
  );
}

/** Use as the app's `notFound` handler. */
export const notFoundAnswer = (c: Context) => page(c, 404, 'notFound');

/** A body over `limitBytes`; the connection is closed, so the rest of the upload is not read. */
export function tooLargeAnswer(c: Context, limitBytes: number): Response | Promise<Response> {
  c.header('Connection', 'close');
  return page(c, 413, 'tooLarge', { kilobytes: Math.max(1, Math.floor(limitBytes / 1024)) });
}

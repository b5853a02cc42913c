/**
 * @module The survey campaigns in the console: `/admin/campaigns` for marketing and supervisors (campaigns,
 * questionnaires, call lists, the do-not-call list, the quota) and `/admin/calling` for agents. Paths without an id
 * are registered before `/:id`, so `/campaigns/quota` is never read as a campaign id.
 */
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_FILE_BYTES } from '../../../core/campaigns/import/limits.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { BASE, href } from '../../context.ts';
import { listRoutes } from './list.tsx';
import { questionnaireRoutes } from './questionnaires.tsx';
import { previewRoutes } from './preview.tsx';
import { doNotCallRoutes } from './do-not-call.tsx';
import { quotaRoutes } from './quota.tsx';
import { importRoutes } from './imports.tsx';
import { campaignPageRoutes } from './campaign.tsx';
export { callingRoutes } from './calling.tsx';

export function campaignRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.route('/questionnaires', questionnaireRoutes(deps));
  app.route('/questionnaires', previewRoutes(deps));
  app.route('/do-not-call', doNotCallRoutes(deps));
  app.route('/quota', quotaRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', listRoutes(deps));
  app.route('/', campaignPageRoutes(deps));
  return app;
}

const UPLOAD = new RegExp(`^${BASE}/campaigns/[0-9a-f-]{36}/audience/file$`);
/** Room for the form's other fields and the multipart framing around the file. */
const FRAMING = 64 * 1024;

/**
 * The size limit of a call-list upload, checked before anything reads the body (the CSRF check reads forms): a file
 * over it is answered at once with the upload page and a clear message, and the body is never buffered.
 */
export function campaignUploadLimit(): MiddlewareHandler<ConsoleEnv> {
  const limit = bodyLimit({
    maxSize: MAX_FILE_BYTES + FRAMING,
    onError: (c) => c.redirect(`${href(c.req.path.replace(`${BASE}`, '').replace(/\/file$/, ''))}?error=too_big`, 303),
  });
  return async function uploadLimit(c, next) {
    if (c.req.method === 'POST' && UPLOAD.test(c.req.path)) return limit(c, next);
    return next();
  };
}

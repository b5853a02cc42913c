/**
 * @module The survey campaigns in the console: `/admin/campaigns` for marketing and supervisors (campaigns,
 * questionnaires, call lists, the do-not-call list, the quota) and `/admin/calling` for agents. Paths without an id
 * are registered before `/:id`, so `/campaigns/quota` is never read as a campaign id.
 */
import { Hono } from 'hono';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { listRoutes } from './list.tsx';
import { questionnaireRoutes } from './questionnaires.tsx';
import { previewRoutes } from './preview.tsx';
import { doNotCallRoutes } from './do-not-call.tsx';
import { quotaRoutes } from './quota.tsx';
import { importRoutes } from './imports.tsx';
import { campaignPageRoutes } from './campaign.tsx';
import { resultsRoutes } from './results.tsx';
export { callingRoutes } from './calling.tsx';

export function campaignRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.route('/questionnaires', questionnaireRoutes(deps));
  app.route('/questionnaires', previewRoutes(deps));
  app.route('/do-not-call', doNotCallRoutes(deps));
  app.route('/quota', quotaRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', listRoutes(deps));
  app.route('/', resultsRoutes(deps));
  app.route('/', campaignPageRoutes(deps));
  return app;
}

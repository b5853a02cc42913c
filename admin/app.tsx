/**
 * @module The web console (hono, server-rendered JSX) under `/admin`. Middleware order: security headers → session →
 * language → CSRF → temporary password changed first → layout; every route declares its permission with `requires()` (admin/guard.ts, admin/permissions.ts).
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { csrfProtection } from './auth/csrf.ts';
import { requirePasswordChange } from './auth/password-change.ts';
import { loadSession } from './auth/session.ts';
import { BASE, type ConsoleDeps, type ConsoleEnv } from './context.ts';
import { renderError } from './errors.tsx';
import { requires } from './guard.ts';
import { languageMiddleware } from './language.ts';
import { layout } from './layout.tsx';
import { accountRoutes } from './routes/account.tsx';
import { assetRoutes } from './routes/assets.ts';
import { auditRoutes } from './routes/audit.tsx';
import { authRoutes } from './routes/auth.tsx';
import { channelRoutes } from './routes/channels.tsx';
import { homeRoutes } from './routes/home.tsx';
import { settingsRoutes } from './routes/settings.tsx';
import { smsRoutes } from './routes/sms.tsx';
import { ticketRoutes } from './routes/ticket.tsx';
import { instalmentRoutes } from './routes/instalment.tsx';
import { personalAccountRoutes } from './routes/accounts.tsx';
import { ticketListRoutes } from './routes/tickets.tsx';
import { userRoutes } from './routes/users.tsx';
import { whatsappRoutes } from './routes/whatsapp.tsx';
import { callingRoutes, campaignRoutes } from './routes/campaigns/index.ts';
import { consoleSecurityHeaders } from './security-headers.ts';
import { agentStatusContext } from './agent-status.ts';
import { liveRoutes } from './routes/live.tsx';
import { reportRoutes } from './routes/reports.tsx';
import { statusRoutes } from './routes/statuses.tsx';

/**
 * Builds the console app; mount it on the product's server with `app.route('/', createConsole(deps))`.
 * @example const res = await createConsole(deps).request('/admin/sign-in')
 */
export function createConsole(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>().basePath(BASE);
  app.use('*', consoleSecurityHeaders(), loadSession(deps), languageMiddleware(), csrfProtection(deps), requirePasswordChange(), agentStatusContext(deps), layout());

  app.route('/assets', assetRoutes());
  app.route('/', authRoutes(deps));
  app.route('/', homeRoutes());
  app.route('/tickets', ticketListRoutes(deps));
  app.route('/tickets', ticketRoutes(deps));
  app.route('/tickets', instalmentRoutes(deps));
  app.route('/account', accountRoutes(deps));
  app.route('/accounts', personalAccountRoutes(deps));
  app.route('/users', userRoutes(deps));
  app.route('/audit', auditRoutes(deps));
  app.route('/sms', smsRoutes(deps));
  app.route('/channels', channelRoutes(deps));
  app.route('/whatsapp', whatsappRoutes(deps));
  app.route('/settings', settingsRoutes(deps));
  app.route('/campaigns', campaignRoutes(deps));
  app.route('/calling', callingRoutes(deps));
  app.route('/reports', reportRoutes(deps));
  app.route('/live', liveRoutes(deps));
  app.route('/', statusRoutes(deps));

  app.all('/*', requires('public'), () => {
    throw new HTTPException(404, { message: 'no such page' });
  });
  app.onError((err, c) => renderError(err, c, deps.logger));
  return app;
}

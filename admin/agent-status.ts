/**
 * @module Per request, what the top bar shows of the contact centre's records: the signed-in agent's work status with
 * the "not ready" reasons to choose from (seed 003 cl. 32), and, for readers of reports, a freshly generated month's
 * report (announced for 7 days after it is generated, cl. 28).
 */
import type { MiddlewareHandler } from 'hono';
import type { ConsoleDeps, ConsoleEnv } from './context.ts';

const ANNOUNCE_MS = 7 * 24 * 3_600_000;

export function agentStatusContext({ reports, clock }: Pick<ConsoleDeps, 'reports' | 'clock'>): MiddlewareHandler<ConsoleEnv> {
  return async function agentStatusMiddleware(c, next) {
    const user = c.get('user');
    const can = c.get('permissions');
    c.set('agentStatus', null);
    c.set('reportNotice', null);
    if (user && !user.mustChangePassword && c.req.method === 'GET') {
      if (can.has('status.own')) {
        const current = await reports.currentStatus(user.id);
        c.set('agentStatus', { status: current?.status ?? 'offline', reason: current?.reason ?? null, reasons: await reports.notReadyReasons() });
      }
      if (can.has('reports.view')) {
        const [latest] = await reports.list(1);
        if (latest && clock.now().getTime() - latest.generatedAt.getTime() < ANNOUNCE_MS) c.set('reportNotice', latest);
      }
    }
    await next();
  };
}

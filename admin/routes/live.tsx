/**
 * @module The supervisor's live view (seed 003 cl. 13, 33): `/live` renders the panel, `/live/events` (server-sent
 * events) says when it may have changed — at once on this instance's ticket and status events, and every 10 s for what
 * other instances did and for the clock — and the browser swaps in `/live/panel`. Supervisors force an agent to
 * "ready" or offline from here; the customer's observer watches it read-only.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { EventName } from '../../core/events.ts';
import { addDays, almatyDate, startOfDay } from '../../core/billing/calendar.ts';
import type { Ticket } from '../../core/tickets/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../context.ts';
import { href } from '../context.ts';
import { requires } from '../guard.ts';
import { allows } from '../permissions.ts';
import { Notice } from '../ui/bits.tsx';
import { LivePanel } from '../ui/live-panel.tsx';
import { ReportAssets } from '../ui/report-assets.tsx';
import { form } from '../validation.ts';

/** Events after which the live view refreshes. */
const LIVE_EVENTS: EventName[] = [
  'ticket.created', 'ticket.updated', 'ticket.handoff_started', 'ticket.handoff_ended', 'ticket.message_created', 'ticket.breached',
  'agent.status_changed',
];
const REFRESH_MS = 10_000;

export function liveRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { reports, store, events, clock } = deps;
  const app = new Hono<ConsoleEnv>();

  async function panel(c: Context<ConsoleEnv>) {
    const snapshot = await reports.live();
    const ids = [...new Set(snapshot.waiting.map((w) => w.contact.ticketId).filter((id): id is string => Boolean(id)))];
    const found = await Promise.all(ids.map((id) => store.tickets.get(id)));
    const tickets = new Map(found.filter((x): x is Ticket => x !== null).map((x) => [x.id, x]));
    const agents = (await store.users.list()).filter((u) => u.active && allows(u.roles, 'status.own') && !u.roles.includes('admin'));
    const can = c.get('permissions');
    // cl. 32: time in each status today, per agent.
    const today = almatyDate(clock.now());
    const times = await reports.statusTime(today, addDays(today, 1), { from: startOfDay(today), to: clock.now() });
    return (
      <LivePanel t={c.get('t')} snapshot={snapshot} tickets={tickets} agents={agents} today={new Map([...times].map(([u, days]) => [u, days.get(today)!]))}
        canOpenTickets={can.has('tickets.view')}
        canForce={can.has('agents.force')} csrf={c.get('csrfToken')} />
    );
  }

  app.get('/', requires('live.view'), async (c) => {
    const t = c.get('t');
    return c.render(
      <>
        <ReportAssets />
        <p class="live-status muted small" data-live-status data-online={t('reports:live.connected')} data-offline={t('admin:tickets.live.offline')} hidden>
          {t('reports:live.connected')}
        </p>
        <div data-live-view={href('/live/panel')} data-live-events={href('/live/events')} data-wait-template={t('reports:live.wait', { minutes: '{m}', seconds: '{s}' })}>
          {await panel(c)}
        </div>
      </>,
      { title: t('reports:live.title') },
    );
  });

  app.get('/panel', requires('live.view'), async (c) => c.html(await panel(c)));

  app.get('/events', requires('live.view'), (c) =>
    streamSSE(c, async (stream) => {
      const nudge = () => void stream.writeSSE({ event: 'changed', data: '{}' }).catch(() => {});
      const offs = LIVE_EVENTS.map((name) => events.on(name, nudge));
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      stream.onAbort(() => offs.forEach((off) => off()));
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, REFRESH_MS).unref())]);
        if (!stream.aborted) await stream.writeSSE({ event: 'changed', data: '{}' });
      }
    }),
  );

  app.post('/agents/:id/status', requires('agents.force'), form(z.object({ status: z.enum(['ready', 'offline']) })), async (c) => {
    const t = c.get('t');
    const agent = await store.users.get(c.req.param('id'));
    if (!agent || !allows(agent.roles, 'status.own')) {
      c.status(404);
      return c.render(<Notice kind="error">{t('reports:live.no_agent')}</Notice>, { title: t('reports:live.title') });
    }
    const { status } = c.req.valid('form');
    const supervisor = c.get('user')!;
    const r = await reports.forceStatus(agent.id, status, supervisor.id);
    if (!r.ok) {
      c.status(400);
      return c.render(<Notice kind="error">{t(r.reason)}</Notice>, { title: t('reports:live.title') });
    }
    await store.audit.append({
      id: randomUUID(), at: clock.now(), actorType: 'user', actorId: supervisor.id, action: 'agent.status_forced', entity: 'agent',
      entityId: agent.id, details: { status },
    });
    return c.redirect(href('/live'), 303);
  });

  return app;
}

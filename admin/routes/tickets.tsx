/**
 * @module The tickets workplace's queues (seed 003 cl. 5, 32; PRODUCT.md "Tickets"): mine, unassigned, second
 * line, breached, all — filtered by type, channel, region, service, status and date, searched by number or phone,
 * keyset-paged (the cost of a page does not grow with the table). The list stays live: the browser listens to
 * `/tickets/events` (server-sent events) and swaps in freshly rendered rows from `/tickets/rows`.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { EventName } from '../../core/events.ts';
import type { Role } from '../../core/users/model.ts';
import {
  QUEUES, TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES, type QueueName, type Ticket, type TicketQuery,
} from '../../core/tickets/index.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { EmptyState, withQuery } from '../ui/bits.tsx';
import { OpenEscalations } from '../ui/escalations.tsx';
import { almatyDayStart } from '../ui/format.ts';
import { TicketRows, type Names } from '../ui/ticket-bits.tsx';
import { countText, QueueTabs, TicketFilters } from '../ui/ticket-filters.tsx';
import { query } from '../validation.ts';

const PAGE = 50;
const REGIONS_TTL_MS = 60_000;
const day = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('')]).optional();
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.literal('')]).optional();

const filters = z.object({
  queue: z.enum(QUEUES).optional(),
  type: optionalEnum(TICKET_TYPES),
  channel: optionalEnum(TICKET_CHANNELS),
  status: optionalEnum(TICKET_STATUSES),
  region: z.string().trim().max(100).optional(),
  service: z.string().trim().max(50).optional(),
  from: day,
  to: day,
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(300).optional(),
});
type Filters = z.output<typeof filters>;

/** Events after which a live list refreshes; `new` ones also ring the bell when new rows appear. */
const LIVE_EVENTS: Array<[EventName, 'new' | 'changed']> = [
  ['ticket.created', 'new'],
  ['ticket.escalated', 'new'],
  ['ticket.handoff_started', 'new'],
  ['ticket.updated', 'changed'],
  ['ticket.breached', 'changed'],
  ['ticket.message_created', 'changed'],
  ['ticket.message_updated', 'changed'],
  ['ticket.rated', 'changed'],
];

/** The queue a user lands on: the second line's own queue, everyone's for supervisors, new work for agents. */
function defaultQueue(roles: readonly Role[]): QueueName {
  if (roles.includes('supervisor') || roles.includes('admin')) return 'all';
  if (roles.includes('second_line') && !roles.includes('agent')) return 'second_line';
  return 'unassigned';
}

function toQuery(f: Filters, queue: QueueName, userId: string): TicketQuery {
  return {
    queue,
    userId,
    type: f.type || undefined,
    channel: f.channel || undefined,
    status: f.status || undefined,
    region: f.region || undefined,
    service: f.service || undefined,
    from: f.from ? almatyDayStart(f.from) : undefined,
    to: f.to ? almatyDayStart(f.to, 1) : undefined,
    cursor: f.cursor || null,
    limit: PAGE,
  };
}

/** Looks up the names the rows show (assignees, subscribers) in one go. */
export async function namesFor({ store }: Pick<ConsoleDeps, 'store'>, items: Ticket[]): Promise<Names> {
  const users = new Map((await store.users.list()).map((u) => [u.id, u.name]));
  const ids = [...new Set(items.map((t) => t.subscriberId).filter((id): id is string => Boolean(id)))];
  const found = await Promise.all(ids.map((id) => store.subscribers.get(id)));
  const subscribers = new Map(found.filter((s) => s !== null).map((s) => [s.id, s.fullName]));
  return { users, subscribers };
}

export function ticketListRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { tickets, events } = deps;
  const app = new Hono<ConsoleEnv>();

  /** The queue the user looks at and its query. */
  function scope(c: Context<ConsoleEnv>, f: Filters) {
    const user = c.get('user')!;
    const queue = f.queue ?? defaultQueue(user.roles);
    return { queue, query: toQuery(f, queue, user.id) };
  }

  async function load(c: Context<ConsoleEnv>, f: Filters) {
    const { queue, query } = scope(c, f);
    const page = await tickets.queue(query, f.q);
    return { queue, page, names: await namesFor(deps, page.items) };
  }

  // The regions of the filter list change seldom; reading them (a walk of the region index) once a minute is plenty.
  let regions: { at: number; list: string[] } | null = null;
  async function regionList(): Promise<string[]> {
    const now = deps.clock.now().getTime();
    if (!regions || now - regions.at > REGIONS_TTL_MS) regions = { at: now, list: await tickets.regions() };
    return regions.list;
  }

  app.get('/', requires('tickets.view'), query(filters), async (c) => {
    const t = c.get('t');
    const f = c.req.valid('query');
    const { queue, page, names } = await load(c, f);
    const counts = await tickets.queueCounts(scope(c, f).query, f.q);
    const { cursor: _cursor, ...withoutCursor } = f;
    const base = { ...withoutCursor, queue };
    const filtered = Boolean(f.type || f.channel || f.status || f.region || f.service || f.from || f.to || f.q);
    // The breached queue opens with what the supervisors still have to acknowledge (STYLE 12).
    const escalations = queue === 'breached' && !f.cursor ? await tickets.openEscalations() : [];
    const can = c.get('permissions');
    return c.render(
      <>
        <OpenEscalations t={t} items={escalations} canAcknowledge={can.has('tickets.escalations')} csrf={c.get('csrfToken')} />
        <QueueTabs t={t} queue={queue} counts={counts} params={withoutCursor} />
        <TicketFilters t={t} queue={queue} f={f} regions={await regionList()} />
        <p class="live-status muted small" data-live-status data-online={t('admin:tickets.live.connected')} hidden>
          {t('admin:tickets.live.connected')}
        </p>
        <div class="table-wrap" data-live-list={f.cursor ? undefined : withQuery(href('/tickets/rows'), base)} data-live-counts={withQuery(href('/tickets/counts'), base)} data-events={href('/tickets/events')}>
          <table class="tickets">
            <thead>
              <tr>
                <th>{t('admin:tickets.col.number')}</th>
                <th>{t('admin:tickets.col.request')}</th>
                <th>{t('admin:tickets.col.subscriber')}</th>
                <th>{t('admin:tickets.col.status')}</th>
                <th>{t('admin:tickets.col.assignee')}</th>
                <th>{t('admin:tickets.col.sla')}</th>
              </tr>
            </thead>
            <tbody id="ticket-rows">
              <TicketRows t={t} items={page.items} names={names} />
            </tbody>
          </table>
        </div>
        <div data-empty hidden={page.items.length > 0}>
          <EmptyState title={filtered ? t('admin:tickets.empty_filtered') : t(`admin:tickets.empty.${queue}`)}>
            {filtered ? t('admin:tickets.empty_filtered_hint') : t('admin:tickets.empty_hint')}
          </EmptyState>
        </div>
        <nav class="pager" aria-label={t('admin:paging.label')}>
          {f.cursor ? (
            <a class="button secondary" href={withQuery(href('/tickets'), base)}>
              ← {t('admin:paging.first')}
            </a>
          ) : null}
          {page.nextCursor ? (
            <a class="button secondary" rel="next" href={withQuery(href('/tickets'), { ...base, cursor: page.nextCursor })}>
              {t('admin:paging.older')} →
            </a>
          ) : null}
        </nav>
      </>,
      { title: t('admin:tickets.title') },
    );
  });

  app.get('/rows', requires('tickets.view'), query(filters), async (c) => {
    const { page, names } = await load(c, c.req.valid('query'));
    return c.html(<TicketRows t={c.get('t')} items={page.items} names={names} />);
  });

  // The live list refreshes the tabs' counts along with its rows.
  app.get('/counts', requires('tickets.view'), query(filters), async (c) => {
    const f = c.req.valid('query');
    const counts = await tickets.queueCounts(scope(c, f).query, f.q);
    return c.json(Object.fromEntries(Object.entries(counts).map(([q, n]) => [q, countText(n)])));
  });

  app.get('/events', requires('tickets.view'), (c) =>
    streamSSE(c, async (stream) => {
      const userId = c.get('user')!.id;
      const offs = LIVE_EVENTS.map(([name, kind]) =>
        events.on(name, async (payload) => {
          const ticket = (payload as { ticket: Ticket }).ticket;
          // New work rings only for agents who are ready (seed 003 cl. 32); the others' lists still refresh.
          const offered = kind === 'new' && (await deps.reports.offeredWork(userId)) ? 'new' : 'changed';
          void stream.writeSSE({ event: 'ticket', data: JSON.stringify({ id: ticket.id, number: ticket.number, kind: offered, event: name }) }).catch(() => {});
        }),
      );
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      stream.onAbort(() => offs.forEach((off) => off()));
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        // A comment line now and then keeps proxies from closing an idle stream.
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 25_000).unref())]);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
    }),
  );

  return app;
}

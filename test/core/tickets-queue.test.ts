import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../core/store/sqlite/index.ts';
import { buildQueueSql } from '../../core/store/sqlite/tickets.ts';
import type { TicketQuery } from '../../core/tickets/model.ts';

/**
 * The console's queues must stay fast with a million tickets: each queue query walks one index in `number` order
 * and stops after a page — never a table scan, never a sort. SQLite's own query plan shows it.
 */
const TICKETS = 50_000;

function fill(store: SqliteStore): void {
  const insert = store.db.prepare(`INSERT INTO tickets (id, number, type, channel, status, active, line, handed_off, breached,
    subscriber_id, chat_key, phone, language, region, service, assignee_id, created_at, updated_at, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'ru', ?, ?, ?, ?, ?, 1)`);
  const types = ['reference', 'complaint', 'technical', 'connection'];
  const channels = ['telegram', 'whatsapp', 'webchat', 'phone'];
  const statuses = ['open', 'in_progress', 'escalated', 'callback_done', 'resolved', 'closed'];
  const regions = ['Алматытелеком', 'Астанателеком', 'ДТ Шымкент', 'ДТ Караганда'];
  const t0 = Date.UTC(2026, 0, 1);
  store.db.transaction(() => {
    for (let n = 1; n <= TICKETS; n += 1) {
      const status = statuses[n % 6]!;
      insert.run(`t${n}`, n, types[n % 4], channels[(n >> 2) % 4], status, n % 6 < 4 ? 1 : 0, n % 3 === 0 ? 2 : 1, n % 17 === 0 ? 1 : 0,
        `s${n % 9000}`, `telegram:${n % 9000}`, `+7701${String(n % 10_000_000).padStart(7, '0')}`, regions[n % 4], n % 2 ? 'megaline' : 'phone',
        n % 5 === 0 ? null : `agent-${n % 40}`, t0 + n * 60_000, t0 + n * 60_000);
    }
  })();
}

const plan = (store: SqliteStore, q: TicketQuery): string => {
  const { sql, params } = buildQueueSql(q);
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
};

describe('console queue queries with many tickets', () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = openSqliteStore(':memory:');
    fill(store);
    store.db.exec('ANALYZE');
  });

  it.each([
    ['mine', { queue: 'mine', userId: 'agent-7' }, 'tickets_assignee_number'],
    ['unassigned', { queue: 'unassigned' }, 'tickets_unassigned_number'],
    ['second line', { queue: 'second_line' }, 'tickets_line_number'],
    ['breached', { queue: 'breached' }, 'tickets_breached_number'],
    ['all', { queue: 'all' }, null],
    ['all, deep page', { queue: 'all', cursor: '1200' }, null],
    ['mine, deep page', { queue: 'mine', userId: 'agent-7', cursor: '20000' }, 'tickets_assignee_number'],
    ['mine of an agent with no active tickets, deep page', { queue: 'mine', userId: 'agent-none', cursor: '20000' }, 'tickets_assignee_number'],
    ['mine, closed', { queue: 'mine', userId: 'agent-7', status: 'closed' }, 'tickets_assignee_number'],
    ['second line, escalated', { queue: 'second_line', status: 'escalated' }, null],
    ['by status', { queue: 'all', status: 'escalated' }, null],
    ['by phone', { queue: 'all', phone: '+77010000123' }, 'tickets_phone_number'],
    ['by number', { queue: 'all', number: 4242 }, null],
  ] as const)('Should serve the %s queue from an index, without a scan or a sort', (_name, q, index) => {
    const detail = plan(store, { ...q, limit: 50 } as TicketQuery);
    expect(detail).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    expect(detail).not.toMatch(/SCAN tickets$|SCAN tickets \|/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    if (index) expect(detail).toContain(index);
  });

  it('Should page through the mine queue with cursors and reach the same tickets as one big read', async () => {
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.tickets.queue({ queue: 'mine', userId: 'agent-7', limit: 100, cursor });
      all.push(...page.items.map((t) => t.number));
      cursor = page.nextCursor;
    } while (cursor);
    const direct = store.db.prepare("SELECT number FROM tickets WHERE assignee_id = 'agent-7' AND active = 1 ORDER BY number DESC").pluck().all();
    expect(all).toEqual(direct);
    expect(all.length).toBeGreaterThan(100);
  });

  it('Should find a ticket in a filtered queue by channel, region and date', async () => {
    const page = await store.tickets.queue({
      queue: 'all', channel: 'whatsapp', region: 'Алматытелеком', from: new Date(Date.UTC(2026, 0, 1) + 1000 * 60_000), limit: 5,
    });
    expect(page.items.length).toBe(5);
    for (const t of page.items) expect(t).toMatchObject({ channel: 'whatsapp', region: 'Алматытелеком' });
  });
});

describe('SLA timers with many open tickets', () => {
  it('Should claim due jobs through the partial index on pending due times (no work per open ticket)', () => {
    const store = openSqliteStore(':memory:');
    const insert = store.db.prepare("INSERT INTO jobs (id, kind, key, due_at, payload) VALUES (?, 'sla.callback_due', ?, ?, '{}')");
    const future = Date.UTC(2030, 0, 1);
    store.db.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) insert.run(`j${i}`, `sla:callback:${i}`, future + i);
    })();
    store.db.exec('ANALYZE');
    // The statement of sqliteJobs.claimDue (core/store/sqlite/machinery.ts).
    const detail = (store.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE done_at IS NULL AND due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
      ORDER BY due_at LIMIT ?`).all(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1), 500) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(detail).toMatch(/SEARCH jobs USING INDEX jobs_pending_due \(due_at<\?\)/);
  });
});

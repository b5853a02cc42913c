/**
 * The WhatsApp connection manager against an object with whatsapp-web.js's `Client` surface: linking by QR code,
 * restoring a saved session, the library's failures (offline, auth failure, no answer, dropped connection) retried
 * with doubling delays and reported to administrators (audit log, `channel.state_changed`), and one session owner
 * across instances by the store's lease.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus, type EventMap } from '../../core/events.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';
import { SESSION_LEASE, WhatsAppConnection } from '../../bot/whatsapp/connection.ts';
import type { WhatsAppStatus } from '../../bot/whatsapp/status.ts';
import { FakeWhatsApp } from '../helpers/fake-whatsapp.ts';

const OFFLINE = 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/';
const TIMING = { retryBaseMs: 20, retryMaxMs: 70, startTimeoutMs: 10_000, leaseTtlMs: 60_000, leaseRenewMs: 10_000, standbyCheckMs: 20 };

const running: WhatsAppConnection[] = [];

afterEach(async () => {
  for (const connection of running.splice(0)) await connection.stop();
});

async function setup(options: { ownerId?: string; store?: Store; wa?: FakeWhatsApp; timing?: Partial<typeof TIMING> } = {}) {
  const store = options.store ?? (await openSqliteStore(':memory:'));
  const clock = new ManualClock('2026-03-10T05:00:00Z');
  const wa = options.wa ?? new FakeWhatsApp();
  const events = new EventBus(silentLogger);
  const changes: EventMap['channel.state_changed'][] = [];
  events.on('channel.state_changed', (e) => void changes.push(e));
  const connection = new WhatsAppConnection({
    createClient: wa.createClient,
    clearSession: async () => {
      wa.session = null;
    },
    onMessage: () => {},
    store, clock, logger: silentLogger, events,
    timing: { ...TIMING, ...options.timing },
    ownerId: options.ownerId ?? 'instance-a',
  });
  const statuses: WhatsAppStatus[] = [];
  connection.subscribe((s) => void statuses.push(s));
  running.push(connection);
  const until = (state: WhatsAppStatus['state'], what: string = state) => wa.waitFor(() => connection.status().state === state, 5000, what);
  return { store, clock, wa, connection, statuses, changes, until };
}

describe('WhatsApp linking', () => {
  it('Should show the QR code, replace it with each new one, and report the linked number when the phone scans it', async () => {
    const { wa, connection, until, store } = await setup();
    connection.start();
    await until('qr');
    const first = connection.status().qr;
    expect(first).toMatch(/^2@/);
    const second = wa.refreshQr();
    expect(connection.status()).toMatchObject({ state: 'qr', qr: second });
    expect(second).not.toBe(first);

    wa.current.link('77272000160');
    await until('ready');
    expect(connection.status()).toMatchObject({ state: 'ready', phone: '+77272000160', qr: null, problem: null, failures: 0 });
    expect(connection.readyClient()).toBe(wa.current);
    const audit = await store.audit.list({ entity: 'channel', limit: 10 });
    expect(audit.map((a) => a.action)).toContain('whatsapp.connected');
  });

  it('Should restore a saved session without a new QR code', async () => {
    const { wa, connection, until, statuses } = await setup();
    wa.session = '77272000160';
    connection.start();
    await until('ready');
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'authenticated', 'ready']);
  });
});

describe('WhatsApp failures are retried with backoff and reported', () => {
  it('Should report the library\'s own error, retry after 20, 40, 70 (capped) ms, and connect once WhatsApp Web answers', async () => {
    const { wa, connection, until, statuses, changes, clock, store } = await setup();
    wa.session = '77272000160';
    wa.next.push({ kind: 'fail', error: OFFLINE }, { kind: 'fail', error: OFFLINE }, { kind: 'fail', error: OFFLINE });
    connection.start();
    await until('ready');

    const failed = statuses.filter((s) => s.state === 'failed');
    expect(failed.map((s) => s.problem)).toEqual(Array(3).fill({ code: 'unreachable', detail: OFFLINE }));
    expect(failed.map((s) => s.failures)).toEqual([1, 2, 3]);
    // The clock stands still in this test, so each retry time shows the delay chosen.
    expect(failed.map((s) => s.retryAt!.getTime() - clock.now().getTime())).toEqual([20, 40, 70]);
    expect(wa.clients.slice(0, 3).every((c) => c.destroyed)).toBe(true);
    expect(connection.status().failures).toBe(0);

    expect(changes).toContainEqual({ channel: 'whatsapp', state: 'failed', problem: `unreachable: ${OFFLINE}` });
    // One alert per streak of failures, not one per attempt.
    const audit = await store.audit.list({ entity: 'channel', limit: 20 });
    expect(audit.filter((a) => a.action === 'whatsapp.failed')).toHaveLength(1);
    expect(audit.find((a) => a.action === 'whatsapp.failed')?.details).toMatchObject({ problem: 'unreachable', detail: OFFLINE });
  });

  it('Should reconnect after WhatsApp drops a working connection, keeping the session (no QR code)', async () => {
    const { wa, connection, until, statuses, store } = await setup();
    wa.session = '77272000160';
    connection.start();
    await until('ready');
    const dropped = wa.current;
    dropped.emit('disconnected', 'CONFLICT');
    expect(connection.status()).toMatchObject({ state: 'disconnected', problem: { code: 'disconnected', detail: 'CONFLICT' }, failures: 1 });
    await wa.waitFor(() => wa.clients.length === 2 && connection.status().state === 'ready', 5000, 'reconnected');
    expect(dropped.destroyed).toBe(true);
    expect(statuses.some((s) => s.state === 'qr')).toBe(false);
    const audit = await store.audit.list({ entity: 'channel', limit: 20 });
    expect(audit.find((a) => a.action === 'whatsapp.disconnected')?.details).toMatchObject({ reason: 'CONFLICT' });
  });

  it('Should report an authentication failure and show a QR code on the next attempt', async () => {
    const { wa, connection, until } = await setup();
    wa.next.push({ kind: 'hang' });
    connection.start();
    await wa.waitFor(() => wa.clients.length === 1);
    wa.current.emit('auth_failure', 'Unable to log in. Are the session details valid?');
    expect(connection.status()).toMatchObject({ state: 'failed', problem: { code: 'auth' } });
    await until('qr');
  });

  it('Should give up on a client that shows neither a QR code nor "ready" in time, and try again', async () => {
    const { wa, connection, until, statuses } = await setup({ timing: { startTimeoutMs: 30 } });
    wa.session = '77272000160';
    wa.next.push({ kind: 'hang' });
    connection.start();
    await until('ready');
    expect(statuses.find((s) => s.state === 'failed')?.problem?.code).toBe('timeout');
    expect(wa.clients[0]!.destroyed).toBe(true);
  });

  it('Should contain a library that cannot even be loaded, and keep retrying', async () => {
    const { connection, wa } = await setup();
    let calls = 0;
    (connection as unknown as { options: { createClient: () => Promise<never> } }).options.createClient = async () => {
      calls += 1;
      throw new Error("Cannot find package 'whatsapp-web.js' imported from /app/bot/whatsapp/launch-client.ts");
    };
    connection.start();
    await wa.waitFor(() => calls >= 2, 5000, 'a second attempt');
    expect(connection.status()).toMatchObject({ state: 'failed', problem: { code: 'library' } });
  });
});

describe('WhatsApp console actions', () => {
  it('Should log out (unlink and delete the session) and show a new QR code', async () => {
    const { wa, connection, until, store } = await setup();
    wa.session = '77272000160';
    connection.start();
    await until('ready');
    const linked = wa.current;
    await connection.logout({ type: 'user', id: 'admin-1' });
    expect(linked.loggedOut).toBe(true);
    expect(linked.destroyed).toBe(true);
    await until('qr');
    const audit = await store.audit.list({ entity: 'channel', limit: 20 });
    expect(audit.find((a) => a.action === 'whatsapp.logged_out')).toMatchObject({ actorType: 'user', actorId: 'admin-1' });
  });

  it('Should re-link at once while waiting out a backoff delay', async () => {
    const { wa, connection, until } = await setup({ timing: { retryBaseMs: 60_000, retryMaxMs: 60_000 } });
    wa.session = '77272000160';
    wa.next.push({ kind: 'fail', error: OFFLINE });
    connection.start();
    await until('failed');
    await connection.relink({ type: 'user', id: 'admin-1' });
    await until('ready');
    expect(wa.clients).toHaveLength(2);
  });
});

describe('One WhatsApp session owner across instances (the lease)', () => {
  it('Should keep a second instance in standby without a browser, and let it take over when the owner stops', async () => {
    const store = await openSqliteStore(':memory:');
    const a = await setup({ store, ownerId: 'instance-a' });
    const b = await setup({ store, ownerId: 'instance-b' });
    a.wa.session = '77272000160';
    b.wa.session = '77272000160';
    a.connection.start();
    await a.until('ready');
    b.connection.start();
    await b.until('standby');
    expect(b.connection.status()).toMatchObject({ state: 'standby', holder: 'instance-a' });
    expect(b.wa.clients).toHaveLength(0);
    expect(await store.leases.holder(SESSION_LEASE, a.clock.now())).toBe('instance-a');

    await a.connection.stop();
    await b.until('ready', 'the standby instance taking over');
    expect(b.wa.clients).toHaveLength(1);
    expect(await store.leases.holder(SESSION_LEASE, b.clock.now())).toBe('instance-b');
  });
});

/**
 * @module The export/import command: a demo store exported from SQLite to JSON-lines files and imported into a fresh
 * SQLite store reads back the same through the store port, row for row, ids, times and insertion order included;
 * the same files map losslessly onto MongoDB documents; a non-empty target or a damaged export is refused.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/ports/clock.ts';
import { loadDemoData } from '../../core/demo/demo-data.ts';
import { openSqliteStore, type SqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';
import { sqliteDump, sqliteRestore } from '../../core/store/transfer/sqlite.ts';
import { exportStore, importStore } from '../../core/store/transfer/transfer.ts';
import { readRows, tablePath, type Manifest } from '../../core/store/transfer/format.ts';
import { chooseStore, run } from '../../core/store/transfer/cli.ts';
import { specForTable } from '../../core/store/mongo/collections.ts';
import { docToRow, rowToDoc } from '../../core/store/mongo/collection.ts';
import { startFakeMongod } from './fake-mongod.ts';

const now = new Date('2026-03-10T06:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

/** A demo store, plus a little of every other aggregate the demo does not create. */
async function demoStore(store: Store): Promise<void> {
  await loadDemoData(store, new ManualClock(now));
  const chat = await store.chats.touch('telegram', '4242', now);
  await store.chats.link(chat.key, { subscriberId: (await store.subscribers.findByPhone('+77011234567'))!.id, phone: '+77011234567', linkedAt: now, expiresAt: later(90 * 24 * 60) });
  await store.dialogs.write(chat.key, { step: 'menu', at: now }, 0, now);
  await store.users.create({ id: 'u1', email: 'Agent@Example.kz', name: 'Агент', passwordHash: 'scrypt$x', roles: ['agent'], language: 'kk', active: true, failedLogins: 0, lockedUntil: null, createdAt: now });
  await store.consoleSessions.create({ id: 'sess', userId: 'u1', csrfToken: 'c', createdAt: now, expiresAt: later(60) });
  for (let i = 0; i < 3; i++) {
    // Same time on purpose: only the insertion order tells these apart.
    await store.audit.append({ id: `a${i}`, at: now, actorType: 'user', actorId: 'u1', action: 'ticket.taken', entity: 'ticket', entityId: 't1', details: { i } });
  }
  await store.jobs.schedule({ id: 'job-1', kind: 'sla.callback', key: 'sla:t1', dueAt: later(120), payload: { ticketId: 't1' } });
  await store.leases.acquire('whatsapp', 'instance-1', now, 30_000);
  await store.dedupe.firstTime('telegram-update', '100', now);
  await store.settings.set('sla', { minutes: 120 });
  const ticket = await store.tickets.create(
    { id: 't1', type: 'technical', channel: 'telegram', status: 'open', line: 2, handedOff: false, breached: false, subscriberId: null, accountId: null, chatKey: chat.key, phone: '+77011234567', language: 'kk', region: 'Алматытелеком', service: 'megaline', symptom: 'no_internet', topic: null, result: null, comment: null, assigneeId: null, callbackDueAt: later(120), callbackOutcome: null, firstActionAt: null, createdAt: now, updatedAt: now, escalatedAt: null, resolvedAt: null, closedAt: null },
    { history: { ticketId: 't1', at: now, from: null, to: 'open', actor: { type: 'subscriber', id: null }, note: null }, sla: { ticketId: 't1', callbackMinutes: 120, clock: 'calendar', startedAt: now, dueAt: later(120), status: 'active', callbackAt: null, breachedAt: null } },
  );
  await store.ticketMessages.append({ id: 'm1', ticketId: ticket.id, direction: 'incoming', sender: 'subscriber', senderId: null, private: false, text: 'Интернет жоқ <script>', params: null, createdAt: now, delivery: 'none', externalId: '77', error: null });
  await store.smsOutbox.add({ id: 'sms1', to: '+77011234567', text: 'Код: ******', purpose: 'verify', chatKey: chat.key, provider: 'outbox', status: 'sent', attempts: 1, lastError: null, providerMessageId: null, createdAt: now, updatedAt: now, sentAt: now, expiresAt: later(5), nextAttemptAt: null });
  await store.conversationMessages.append({ id: 'cm1', chatKey: chat.key, direction: 'in', text: 'Интернет жоқ', at: now });
  await store.conversationMessages.append({ id: 'cm2', chatKey: chat.key, direction: 'out', text: 'Өтінім T-000001', at: now });
  await store.escalations.open({ id: 'esc1', ticketId: ticket.id, reason: 'callback_breached', openedAt: later(121), acknowledgedAt: null, acknowledgedBy: null });
  await store.otp.create({ id: 'otp1', purpose: 'verify', chatKey: chat.key, phone: '+77011234567', subscriberId: null, codeHash: 'h', attempts: 0, createdAt: now, expiresAt: later(5), consumedAt: null, closedAt: null, smsId: 'sms1', context: null });
}

/** Every table's rows in insertion order. */
function snapshot(store: SqliteStore): Record<string, unknown[]> {
  const tables = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence')`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => {
    const withoutRowid = /WITHOUT\s+ROWID/i.test(store.db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(t) as string);
    return [t, store.db.prepare(`SELECT * FROM "${t}" ${withoutRowid ? '' : 'ORDER BY rowid'}`).all()];
  }));
}

/** Every table's rows in a fixed order that does not depend on insertion. */
const sortedSnapshot = (store: SqliteStore): Record<string, string[]> =>
  Object.fromEntries(Object.entries(snapshot(store)).map(([t, rows]) => [t, rows.map((r) => JSON.stringify(r)).sort()]));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kt-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('store export/import (SQLite → files → SQLite)', () => {
  it('Should bring every table of a demo store over unchanged, and read back the same through the store port', async () => {
    const source = openSqliteStore(':memory:');
    await demoStore(source);
    const manifest = await exportStore(sqliteDump(source.db), dir);
    expect(manifest.tables.find((t) => t.name === 'subscribers')?.rows).toBeGreaterThanOrEqual(5);
    expect(readdirSync(dir)).toContain('manifest.json');

    const target = openSqliteStore(':memory:');
    await importStore(sqliteRestore(target.db), dir);
    expect(snapshot(target)).toEqual(snapshot(source));

    const phone = '+77051234567';
    const [before, after] = [await source.subscribers.findByPhone(phone), await target.subscribers.findByPhone(phone)];
    expect(after).toEqual(before);
    expect(await target.accounts.listBySubscriber(after!.id)).toEqual(await source.accounts.listBySubscriber(before!.id));
    expect(await target.billing.listPlans()).toEqual(await source.billing.listPlans());
    expect((await target.audit.list({})).map((e) => e.id)).toEqual(['a2', 'a1', 'a0']);
    expect(await target.tickets.queue({ queue: 'all', limit: 10 })).toEqual(await source.tickets.queue({ queue: 'all', limit: 10 }));
    expect(await target.ticketMessages.list('t1')).toEqual(await source.ticketMessages.list('t1'));
    expect(await target.jobs.getPending('sla:t1')).toEqual(await source.jobs.getPending('sla:t1'));
    expect(await target.dedupe.firstTime('telegram-update', '100', now)).toBe(false);
    expect((await target.users.findByEmail('agent@example.kz'))?.id).toBe('u1');
    // The counters continue where the source stopped: the next ticket gets the next number.
    const next = await target.tickets.create({ ...(await target.tickets.get('t1'))!, id: 't2' }, { history: { ticketId: 't2', at: now, from: null, to: 'open', actor: { type: 'system', id: null }, note: null }, sla: null });
    expect(next.number).toBe(2);
  });

  it('Should refuse to import into a store that already holds data', async () => {
    const source = openSqliteStore(':memory:');
    await demoStore(source);
    await exportStore(sqliteDump(source.db), dir);
    const target = openSqliteStore(':memory:');
    await target.settings.set('x', 1);
    await expect(importStore(sqliteRestore(target.db), dir)).rejects.toThrow(/not empty \(settings\)/);
  });

  it('Should refuse an export whose file lost rows, and a directory without a finished manifest', async () => {
    const source = openSqliteStore(':memory:');
    await demoStore(source);
    await exportStore(sqliteDump(source.db), dir);
    const file = tablePath(dir, 'invoices');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'));
    await expect(importStore(sqliteRestore(openSqliteStore(':memory:').db), dir)).rejects.toThrow(/invoices.*manifest lists \d+ rows, the file held \d+/);
    rmSync(join(dir, 'manifest.json'));
    await expect(importStore(sqliteRestore(openSqliteStore(':memory:').db), dir)).rejects.toThrow(/manifest.json is missing/);
  });
});

describe('store export files and MongoDB documents', () => {
  it('Should map every exported row of every table onto a MongoDB document and back without loss', async () => {
    const source = openSqliteStore(':memory:');
    await demoStore(source);
    const manifest: Manifest = await exportStore(sqliteDump(source.db), dir);
    for (const { name, rows } of manifest.tables) {
      const spec = specForTable(name);
      expect({ table: name, hasCollection: spec !== null }).toEqual({ table: name, hasCollection: true });
      let seen = 0;
      for await (const row of readRows(tablePath(dir, name))) {
        expect(docToRow(spec!, rowToDoc(spec!, row))).toEqual(row);
        seen++;
      }
      expect(seen).toBe(rows);
    }
  });

  it('Should fail loudly on a column the MongoDB collection does not map', () => {
    expect(() => rowToDoc(specForTable('subscribers')!, { id: 's', nickname: 'x' })).toThrow(/subscribers\.nickname has no field/);
  });
});

describe('store:export and store:import commands', () => {
  it('Should move a demo store between two data directories with the npm commands', async () => {
    const from = join(dir, 'from');
    const to = join(dir, 'to');
    const files = join(dir, 'files');
    const source = openSqliteStore(from);
    await demoStore(source);
    await source.close();
    expect(await run(['export', '--dir', files, '--from', 'sqlite', '--data-dir', from], {})).toBe(0);
    expect(await run(['import', '--dir', files], { STORE: 'sqlite', DATA_DIR: to })).toBe(0);
    const target = openSqliteStore(to);
    expect((await target.subscribers.findByPhone('+77081234567'))?.fullName).toBe('Светлана Ким');
    await target.close();
  });

  it('Should move a demo store SQLite → MongoDB → SQLite unchanged (MongoDB side: mongoose on the wire-protocol fake)', async () => {
    const fake = await startFakeMongod();
    try {
      const uri = fake.uri('kt_transfer');
      const source = openSqliteStore(join(dir, 'from'));
      await demoStore(source);
      expect(await run(['export', '--dir', join(dir, 'a'), '--from', 'sqlite', '--data-dir', join(dir, 'from')], {})).toBe(0);
      expect(await run(['import', '--dir', join(dir, 'a'), '--to', 'mongo', '--uri', uri], {})).toBe(0);
      await expect(run(['import', '--dir', join(dir, 'a')], { STORE: 'mongo', MONGODB_URI: uri })).rejects.toThrow(/not empty/);
      expect(await run(['export', '--dir', join(dir, 'b')], { STORE: 'mongo', MONGODB_URI: uri })).toBe(0);
      expect(await run(['import', '--dir', join(dir, 'b'), '--to', 'sqlite', '--data-dir', join(dir, 'back')], {})).toBe(0);
      const back = openSqliteStore(join(dir, 'back'));
      // MongoDB keeps insertion order only where the store reads by it, so compare the rows as sets, and the
      // insertion-ordered reads through the port.
      expect(sortedSnapshot(back)).toEqual(sortedSnapshot(source));
      expect(await back.smsOutbox.list()).toEqual(await source.smsOutbox.list());
      expect(await back.audit.list({})).toEqual(await source.audit.list({}));
      expect(await back.ticketMessages.list('t1')).toEqual(await source.ticketMessages.list('t1'));
      expect(await back.conversationMessages.listByChat('telegram:4242', { limit: 10 })).toEqual(await source.conversationMessages.listByChat('telegram:4242', { limit: 10 }));
      await Promise.all([source.close(), back.close()]);
    } finally {
      await fake.stop();
    }
  });

  it('Should take the store from the flags first, then from STORE, DATA_DIR and MONGODB_URI, then the defaults', () => {
    const env = { STORE: 'mongo', MONGODB_URI: 'mongodb://env/kt', DATA_DIR: '/env/data' };
    expect(chooseStore({}, {})).toEqual({ kind: 'sqlite', dataDir: './data', uri: undefined });
    expect(chooseStore({}, env)).toEqual({ kind: 'mongo', dataDir: '/env/data', uri: 'mongodb://env/kt' });
    expect(chooseStore({ kind: 'sqlite', dataDir: './copy' }, env)).toMatchObject({ kind: 'sqlite', dataDir: './copy' });
    expect(chooseStore({ kind: 'mongo', uri: 'mongodb://flag/kt' }, env)).toMatchObject({ kind: 'mongo', uri: 'mongodb://flag/kt' });
    expect(() => chooseStore({ kind: 'postgres' }, {})).toThrow(/sqlite or mongo/);
  });

  it('Should refuse a MongoDB target without a URI', async () => {
    await expect(run(['import', '--dir', dir, '--to', 'mongo'], {})).rejects.toThrow(/needs --uri or MONGODB_URI/);
  });
});

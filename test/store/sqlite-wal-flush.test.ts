/**
 * The embedded store syncs its write-ahead log in the background while it writes (core/store/sqlite/wal-flush.ts), so
 * a checkpoint does not stall every chat being answered: it flushes after writes, stays quiet while nothing is
 * written, and leaves no file open once the store is closed, with everything written still there.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../core/store/sqlite/database.ts';
import { flushWalAhead } from '../../core/store/sqlite/wal-flush.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wal-flush-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The files this process has open under `dir` (Linux: /proc/self/fd). */
const openFilesUnder = (dir: string) =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return [];
    }
  });

describe('SQLite WAL flushed ahead of the checkpoint', () => {
  it('Should flush the WAL once after writes and not again while nothing more is written', async () => {
    const file = join(scratch(), 'store.db');
    const db = openDatabase(file);
    let writes = 0;
    const walFlush = flushWalAhead(`${file}-wal`, () => writes, 10);
    try {
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(walFlush.flushes).toBe(0);
      db.exec('CREATE TABLE notes (text TEXT)');
      db.prepare('INSERT INTO notes VALUES (?)').run('first');
      writes += 2;
      await vi.waitFor(() => expect(walFlush.flushes).toBe(1), { timeout: 2_000, interval: 5 });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(walFlush.flushes).toBe(1);
      db.prepare('INSERT INTO notes VALUES (?)').run('second');
      writes += 1;
      await vi.waitFor(() => expect(walFlush.flushes).toBe(2), { timeout: 2_000, interval: 5 });
    } finally {
      await walFlush.stop();
      db.close();
    }
  });

  it('Should wait for a WAL that does not exist yet instead of failing', async () => {
    const file = join(scratch(), 'never-opened.db');
    let writes = 0;
    const walFlush = flushWalAhead(`${file}-wal`, () => writes, 5);
    writes = 1;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(walFlush.flushes).toBe(0);
    await walFlush.stop();
  });

  it('Should keep what was written and leave no file of the store open once the store is closed', async () => {
    const dir = scratch();
    const store = openSqliteStore(dir);
    await store.settings.set('greeting', 'Сәлем');
    await store.settings.set('greeting', 'Привет');
    // SQLite's own descriptor of the WAL, then the flush's.
    await vi.waitFor(() => expect(openFilesUnder(dir).filter((f) => f.endsWith('-wal'))).toHaveLength(2), { timeout: 3_000, interval: 10 });
    await store.close();
    expect(openFilesUnder(dir)).toEqual([]);
    const again = openSqliteStore(dir);
    try {
      expect(await again.settings.get('greeting')).toBe('Привет');
    } finally {
      await again.close();
    }
  });
});

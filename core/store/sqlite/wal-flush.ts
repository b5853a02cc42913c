/**
 * @module Flushes the embedded store's write-ahead log to disk ahead of the checkpoint, off the event loop (issue 21).
 * With `synchronous = NORMAL` a commit only appends to the WAL; the checkpoint (every 10,000 pages, database.ts)
 * first syncs the WAL, then copies it into the database and syncs that. Syncing 10,000 unsynced pages (≈ 40 MB) took
 * 55–80 ms of the checkpoint's 65–85 ms on this machine, on the event loop, inside the commit that crossed the mark,
 * so every chat answered in that turn waited for it. Syncing the WAL every quarter second on libuv's thread pool
 * (`fs.fdatasync`, while the event loop goes on) leaves the checkpoint little to sync: 9 ms instead of 65–85.
 *
 * Only an earlier flush of what SQLite already wrote: no SQLite state is touched, so it cannot change what a commit or
 * a checkpoint does (and a commit is on disk within a quarter second instead of at the next checkpoint). The file is
 * opened read-only once and kept open while the store is; SQLite keeps no locks on the WAL file itself (they are on
 * `-shm`), so closing this descriptor releases none of SQLite's.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** How often the WAL is flushed while the store writes. */
export const WAL_FLUSH_EVERY_MS = 250;

export interface WalFlush {
  /** Flushes done so far. */
  readonly flushes: number;
  /** Stops flushing and closes the file, after a flush under way has finished. */
  stop(): Promise<void>;
}

/**
 * Every `everyMs`, if `writes()` moved since the last flush, syncs `walFile` in the background; while nothing is
 * written it does nothing. A WAL that does not exist yet, or a failed sync, is tried again at the next tick.
 * @example const walFlush = flushWalAhead(`${file}-wal`, () => gc.writes);
 */
export function flushWalAhead(walFile: string, writes: () => number, everyMs = WAL_FLUSH_EVERY_MS): WalFlush {
  let file: FileHandle | null = null;
  let flushedAt = writes();
  let flushes = 0;
  let running: Promise<void> | null = null;

  const flush = async (upTo: number) => {
    try {
      file ??= await open(walFile, 'r');
      await file.datasync();
      flushedAt = upTo;
      flushes += 1;
    } catch {
      // No WAL yet, or a descriptor gone bad (reopened next time).
      await file?.close().catch(() => undefined);
      file = null;
    }
  };

  const timer = setInterval(() => {
    const now = writes();
    if (running || now === flushedAt) return;
    running = flush(now).finally(() => {
      running = null;
    });
  }, everyMs);
  timer.unref();

  return {
    get flushes() {
      return flushes;
    },
    async stop() {
      clearInterval(timer);
      await running;
      await file?.close();
      file = null;
    },
  };
}

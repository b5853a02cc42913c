/**
 * @module Group commit for the embedded store (issue 21): a commit costs far more than the write itself (WAL frames
 * written, file locks taken), so every write of one turn of the event loop — one dialog step's writes, or those of
 * every chat being answered at the same moment — goes into one transaction, committed once when the turn ends
 * (`setImmediate`). A repository method still resolves only after its writes are committed: nothing anyone awaited
 * is lost on a crash, and the store behaves as before, only with fewer commits.
 *
 * How: the repositories get a view of the database (`groupCommitting`) whose writing statements open the shared
 * transaction (BEGIN IMMEDIATE) before they run; `durable` wraps each repository method so that a method that wrote
 * waits for that transaction's commit. Transactions a repository opens itself (`db.transaction`) nest inside as
 * savepoints, or run on their own when no group is open, exactly as before.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

export interface GroupCommit {
  /** The repositories' view of the database: its writing statements join the open group. */
  readonly db: Db;
  /** Counts writes; a method whose call moved it has written. */
  readonly writes: number;
  /** Resolves when the group open now (if any) is committed; rejects if that commit failed. */
  committed(): Promise<void>;
  /** Commits the open group at once (before closing the database). */
  flush(): void;
  /** Commits the groups other connections of this process have open (see `openGroups`). */
  commitOthers(): void;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A commit nobody waits for (a raw statement's) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const DONE = Promise.resolve();

/**
 * The groups open right now, in this process. Two stores on one file (two instances in one test process) are two
 * connections: the second's write would wait for the first's lock while the first can only commit when the event
 * loop moves on. So before any repository call, the other connections' groups are committed first.
 */
const openGroups = new Set<() => void>();

function commitOthers(own: () => void): void {
  if (openGroups.size === 0 || (openGroups.size === 1 && openGroups.has(own))) return;
  for (const flush of [...openGroups]) if (flush !== own) flush();
}

/** Sets up group commit on `db` (after migrations; the raw `db` itself is left as it was). */
export function groupCommitting(raw: Db): GroupCommit {
  const begin = raw.prepare('BEGIN IMMEDIATE');
  const commit = raw.prepare('COMMIT');
  const rollback = raw.prepare('ROLLBACK');
  let group: Deferred | null = null;
  let writes = 0;

  const flush = () => {
    const open = group;
    if (!open) return;
    group = null;
    openGroups.delete(flush);
    try {
      commit.run();
      open.resolve();
    } catch (err) {
      if (raw.inTransaction) rollback.run();
      open.reject(err);
    }
  };

  /** Before a writing statement runs: joins the open transaction, or opens one committed at the end of the turn. */
  const beforeWrite = () => {
    writes += 1;
    if (raw.inTransaction) return; // the group's, or one a repository opened itself (db.transaction)
    begin.run();
    group = deferred();
    openGroups.add(flush);
    setImmediate(flush);
  };

  const wrap = (stmt: Statement<unknown[]>): Statement<unknown[]> => {
    if (stmt.readonly) return stmt;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = stmt[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(stmt, method, {
        value: function groupedStatement(this: unknown, ...args: unknown[]) {
          beforeWrite();
          return original.apply(this, args);
        },
      });
    }
    return stmt;
  };

  // Inherits everything (transactions, functions, inTransaction) from the real database; only prepare differs.
  const view = Object.create(raw) as Db;
  Object.defineProperty(view, 'prepare', {
    value: (source: string, ...rest: unknown[]) =>
      wrap((raw.prepare as (s: string, ...r: unknown[]) => Statement<unknown[]>).call(raw, source, ...rest)),
  });

  return {
    db: view,
    get writes() {
      return writes;
    },
    committed: () => group?.promise ?? DONE,
    flush,
    commitOthers: () => commitOthers(flush),
  };
}

/**
 * The repository with every method waiting, after it wrote, for the commit of its writes (SQLite repositories run
 * synchronously, so a write is known the moment the method returns).
 * @example const chats = durable(sqliteChats(gc.db), gc);
 */
export function durable<T extends object>(repository: T, gc: GroupCommit): T {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository)) {
    if (typeof member !== 'function') {
      out[name] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => unknown;
    out[name] = function durableMethod(...args: unknown[]) {
      gc.commitOthers();
      const before = gc.writes;
      const result = method.apply(repository, args);
      return gc.writes === before ? result : afterCommit(result, gc.committed());
    };
  }
  return out as T;
}

async function afterCommit<T>(result: T, committed: Promise<void>): Promise<Awaited<T>> {
  const value = await result;
  await committed;
  return value;
}

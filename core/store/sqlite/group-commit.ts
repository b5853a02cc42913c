/**
 * @module Group commit for the embedded store (issue 21). A statement run on its own is its own transaction: it takes
 * and drops SQLite's file locks (two system calls for a read), and a write also appends its WAL frames and commits —
 * far more than the statement itself. So every statement of one turn of the event loop — one dialog step's, or those
 * of every chat being answered at the same moment — runs in one transaction, committed once when the turn ends
 * (`setImmediate`). A repository method still resolves only after its writes are committed: nothing anyone awaited
 * is lost on a crash, and the store behaves as before, only with fewer commits and locks.
 *
 * How: the repositories get a view of the database (`groupCommitting`) whose statements open the shared transaction
 * before they run: a read opens a read transaction (BEGIN), a write the write transaction (BEGIN IMMEDIATE; a read
 * transaction open at that moment is ended first, as if each statement ran alone — so another process's commit can
 * never make it fail). `durable` wraps each repository method so that a method that wrote waits for the commit.
 * Transactions a repository opens itself (`db.transaction`) nest in an open write transaction as savepoints, or run on
 * their own (an open read transaction is ended first), exactly as before.
 */
import type { Statement, Transaction } from 'better-sqlite3';
import { deferred, type Deferred } from '../../deferred.ts';
import { limitsAsValues, type Db } from './database.ts';

export interface GroupCommit {
  /** The repositories' view of the database: its statements join the open group. */
  readonly db: Db;
  /** Counts writes; a method whose call moved it has written. */
  readonly writes: number;
  /** Resolves when the writes made so far are committed; rejects if that commit failed. */
  committed(): Promise<void>;
  /** Ends the open group at once (before closing the database). */
  flush(): void;
  /** Ends the groups other connections of this process have open (see `openGroups`). */
  commitOthers(): void;
}

const DONE = Promise.resolve();

/**
 * The groups open right now, in this process. Two stores on one file (two instances in one test process) are two
 * connections: the second's write would wait for the first's lock while the first can only commit when the event
 * loop moves on. So before any repository call, the other connections' groups are ended first.
 */
const openGroups = new Set<() => void>();

/** Sets up group commit on `raw` (after migrations; the raw database itself is left as it was). */
export function groupCommitting(raw: Db): GroupCommit {
  const beginRead = raw.prepare('BEGIN');
  const beginWrite = raw.prepare('BEGIN IMMEDIATE');
  const commit = raw.prepare('COMMIT');
  const rollback = raw.prepare('ROLLBACK');
  /** The open group: a read transaction (no waiters) or the write transaction and those waiting for its commit. */
  let group: { write: Deferred | null } | null = null;
  let scheduled = false;
  let writes = 0;

  const end = () => {
    const open = group;
    if (!open) return;
    group = null;
    openGroups.delete(flush);
    try {
      commit.run();
      open.write?.resolve();
    } catch (err) {
      if (raw.inTransaction) rollback.run();
      open.write?.reject(err);
    }
  };

  function flush(): void {
    scheduled = false;
    end();
  }

  const open = (write: boolean) => {
    (write ? beginWrite : beginRead).run();
    group = { write: write ? deferred() : null };
    openGroups.add(flush);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  const beforeRead = () => {
    if (!raw.inTransaction) open(false);
  };

  /** Before a writing statement: joins the write transaction, or opens it (ending a read transaction first). */
  const beforeWrite = () => {
    writes += 1;
    if (group && !group.write) end();
    if (!raw.inTransaction) open(true);
  };

  const wrap = (stmt: Statement<unknown[]>): Statement<unknown[]> => {
    const before = stmt.readonly ? beforeRead : beforeWrite;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = stmt[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(stmt, method, {
        value: function groupedStatement(this: unknown, ...args: unknown[]) {
          before();
          return original.apply(this, args);
        },
      });
    }
    return stmt;
  };

  /** A repository's own transaction: nested in the write group, or on its own after a read group is ended. */
  const wrapTransaction = (fn: Transaction<(...args: unknown[]) => unknown>) => {
    const variant = (run: (...args: unknown[]) => unknown) => function groupedTransaction(this: unknown, ...args: unknown[]) {
      if (group && !group.write) end();
      return run.apply(this, args);
    };
    return Object.assign(variant(fn), {
      default: variant(fn.default), deferred: variant(fn.deferred), immediate: variant(fn.immediate), exclusive: variant(fn.exclusive),
    });
  };

  // Inherits everything else (functions, pragmas, inTransaction) from the real database.
  const view = Object.create(raw) as Db;
  Object.defineProperty(view, 'prepare', {
    value: (source: string, ...rest: unknown[]) =>
      wrap((raw.prepare as (s: string, ...r: unknown[]) => Statement<unknown[]>).call(raw, limitsAsValues(source), ...rest)),
  });
  Object.defineProperty(view, 'transaction', {
    value: (fn: (...args: unknown[]) => unknown) => wrapTransaction(raw.transaction.call(view, fn) as Transaction<(...args: unknown[]) => unknown>),
  });

  return {
    db: view,
    get writes() {
      return writes;
    },
    committed: () => group?.write?.promise ?? DONE,
    flush: end,
    commitOthers: () => {
      if (openGroups.size === 0 || (openGroups.size === 1 && openGroups.has(flush))) return;
      for (const other of [...openGroups]) if (other !== flush) other();
    },
  };
}

/**
 * The repository with every method waiting, after it wrote, for the commit of its writes (SQLite repositories run
 * synchronously, so a write is known the moment the method returns). Methods named in `rideAlong` resolve at once
 * instead: their writes are committed with the next write anyone waits for — for writes only the caller's next steps
 * depend on (an update's de-duplication mark, a chat's last contact), which the dialog step's own state write, awaited
 * before any reply is sent, carries to disk. Lost in a crash before that, they are lost with the step they belong to,
 * which is then handled again.
 * @example const chats = durable(sqliteChats(gc.db), gc, ['touch']);
 */
export function durable<T extends object>(repository: T, gc: GroupCommit, rideAlong: readonly (keyof T & string)[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository)) {
    if (typeof member !== 'function') {
      out[name] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => unknown;
    if (rideAlong.includes(name as keyof T & string)) {
      out[name] = function ridingAlong(...args: unknown[]) {
        gc.commitOthers();
        return method.apply(repository, args);
      };
      continue;
    }
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

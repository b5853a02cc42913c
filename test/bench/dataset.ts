/**
 * @module Bulk data for the benchmarks, written straight into the embedded store's tables (the product's own use
 * cases would take hours for a million tickets). The schema is the product's: `openSqliteStore` runs the
 * migrations first. Rows are made inside SQLite by prepared `INSERT … SELECT` statements over a number series (no
 * per-row round trip to JavaScript), journal off for the load. The ticket table's secondary indexes are dropped for
 * the load and rebuilt from their own `CREATE INDEX` text; transcript rows arrive in key order, so their indexes
 * grow at the right edge and stay in place. Ids are UUID-shaped and ascending (`seqId`).
 */
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Db } from '../../core/store/sqlite/database.ts';
import { msSince } from './stats.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** SQL for a UUID-shaped id that sorts by the integer expression `n` (tag tells tables apart). */
const seqIdSql = (tag: number, n: string) => `printf('%08x-0000-4000-8000-%012x', ${tag}, ${n})`;

/** The id `seqIdSql` makes, computed in JavaScript. */
export const seqId = (tag: number, n: number): string =>
  `${tag.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** `WITH RECURSIVE seq(x)` counting 1..? (the bound is the statement's first parameter). */
const SERIES = 'WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < ?)';

/** Picks the (x mod n)-th of `values` in SQL. */
const pick = (x: string, values: readonly (string | null)[]) =>
  `CASE ${x} % ${values.length} ${values.map((v, i) => `WHEN ${i} THEN ${v === null ? 'NULL' : `'${v}'`}`).join(' ')} END`;

const TYPES = ['reference', 'complaint', 'technical', 'connection'] as const;
const CHANNELS = ['telegram', 'whatsapp', 'webchat', 'phone'] as const;
const ACTIVE = ['open', 'in_progress', 'escalated', 'callback_done'] as const;
const REGIONS = ['Алматытелеком', 'Астанателеком', 'Шымкенттелеком', 'Карагандинская ОДТ', 'Актюбинская ОДТ'];
const SERVICES = ['megaline', 'phone', 'idtv'];
const AGENTS = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000a3'];
/** A plausible transcript: the subscriber and the agent take turns (texts 15–95 characters). */
const TRANSCRIPT = [
  'Здравствуйте, интернет не работает со вчерашнего вечера.',
  'Добрый день! Проверяем линию, минуту, пожалуйста.',
  'Модем мигает красным, перезагружал два раза.',
  'На линии по вашему адресу повреждение, бригада уже выехала.',
  'Когда примерно починят?',
  'Сегодня до 18:00. Заявка передана техническому специалисту, он вам перезвонит.',
  'Хорошо, жду.',
  'Сәлеметсіз бе! Байланыс қалпына келтірілді, тексеріп көріңізші.',
  'Всё работает, спасибо!',
  'Рады помочь. Хорошего дня!',
];

function fastLoad(db: Db): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MiB
  db.pragma('temp_store = MEMORY');
}

function productPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/** Drops the secondary indexes of `table`, runs `load`, recreates them; returns the rebuild time in ms. */
function withoutIndexes(db: Db, table: string, load: () => void): number {
  const list = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?`).all(table) as {
    name: string;
    sql: string;
  }[];
  for (const index of list) db.exec(`DROP INDEX ${index.name}`);
  load();
  const start = process.hrtime.bigint();
  for (const index of list) db.exec(index.sql);
  return msSince(start);
}

const fileBytes = (dir: string) => statSync(join(dir, 'store.db')).size;

/** Forces the file to disk, so its write-back does not run into the measurements that follow. */
function flushToDisk(dir: string): void {
  const fd = openSync(join(dir, 'store.db'), 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface ConsoleDataset {
  dir: string;
  tickets: number;
  messagesPerTicket: number;
  active: number;
  ticketsMs: number;
  indexMs: number;
  messagesMs: number;
  bytes: number;
}

/**
 * Writes `tickets` tickets, each with `messagesPerTicket` transcript messages, into a new store in `dir`.
 * Numbers run 1..N over the last two years (newest highest); the newest `active` tickets are still being worked
 * on (every fifth of them unassigned), the rest are resolved or closed. Types, channels, regions and services vary.
 */
export function generateConsoleDataset(dir: string, tickets: number, messagesPerTicket: number, active: number): ConsoleDataset {
  const store = openSqliteStore(dir);
  const db = store.db;
  fastLoad(db);
  const now = Date.now();
  const span = 730 * DAY;
  const firstActive = tickets - active + 1;
  const created = `(${now - span} + CAST(x AS INTEGER) * ${Math.floor(span / tickets)})`;
  const isActive = `(x >= ${firstActive})`;
  const type = pick('x', TYPES);
  let start = process.hrtime.bigint();
  const indexMs = withoutIndexes(db, 'tickets', () => {
    db.prepare(`${SERIES}
      INSERT INTO tickets (id, number, type, channel, status, active, line, handed_off, breached, subscriber_id, account_id, chat_key,
        phone, language, region, service, symptom, topic, result, comment, assignee_id, callback_due_at, callback_outcome,
        first_action_at, created_at, updated_at, escalated_at, resolved_at, closed_at, version)
      SELECT ${seqIdSql(1, 'x')}, x, ${type}, ${pick('(x / 4)', CHANNELS)},
        CASE WHEN ${isActive} THEN ${pick('x', ACTIVE)} WHEN x % 7 = 0 THEN 'resolved' ELSE 'closed' END,
        ${isActive}, CASE WHEN x % 4 = 2 THEN 2 ELSE 1 END, 0, CASE WHEN x % 50 = 0 THEN 1 ELSE 0 END, NULL, NULL,
        CASE WHEN (x / 4) % 4 = 3 THEN NULL ELSE ${pick('(x / 4)', CHANNELS)} || ':' || (100000 + x % 250000) END,
        printf('+7701%07d', 1000000 + x % 8000000), CASE WHEN x % 3 = 0 THEN 'kk' ELSE 'ru' END,
        ${pick('x', REGIONS)}, ${pick('x', SERVICES)}, CASE WHEN x % 4 = 2 THEN 'no_internet' END, NULL, NULL, NULL,
        CASE WHEN ${isActive} AND x % 5 = 0 THEN NULL ELSE ${pick('x', AGENTS)} END,
        CASE WHEN x % 4 = 2 THEN ${created} + ${2 * HOUR} END, NULL,
        ${created} + 600000, ${created}, ${created} + ${HOUR}, NULL,
        CASE WHEN ${isActive} THEN NULL ELSE ${created} + ${DAY} END,
        CASE WHEN ${isActive} OR x % 7 = 0 THEN NULL ELSE ${created} + ${2 * DAY} END, 3
      FROM seq`).run(tickets);
  });
  const ticketsMs = msSince(start) - indexMs;
  db.prepare(`INSERT INTO counters (name, value) VALUES ('ticket', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`).run(tickets);

  start = process.hrtime.bigint();
  db.exec('CREATE TEMP TABLE bench_transcript (k INTEGER PRIMARY KEY, direction TEXT, sender TEXT, text TEXT)');
  const line = db.prepare('INSERT INTO bench_transcript VALUES (?, ?, ?, ?)');
  for (let k = 0; k < messagesPerTicket; k += 1) {
    line.run(k, k % 2 ? 'out' : 'in', k % 2 ? 'agent' : 'subscriber', TRANSCRIPT[k % TRANSCRIPT.length]);
  }
  // CROSS JOIN keeps tickets as the outer loop, so rows arrive in (ticket, seq) order.
  db.exec(`INSERT INTO ticket_messages (id, ticket_id, direction, sender, sender_id, private, text, params, created_at, delivery,
      external_id, error)
    SELECT ${seqIdSql(2, `(t.number - 1) * ${messagesPerTicket} + p.k + 1`)}, t.id, p.direction, p.sender,
      CASE WHEN p.sender = 'agent' THEN t.assignee_id END, 0, p.text, NULL, t.created_at + p.k * 300000, 'delivered', NULL, NULL
    FROM tickets t CROSS JOIN bench_transcript p`);
  db.exec('DROP TABLE bench_transcript');
  productPragmas(db);
  db.close();
  flushToDisk(dir);
  const messagesMs = msSince(start);
  return { dir, tickets, messagesPerTicket, active, ticketsMs, indexMs, messagesMs, bytes: fileBytes(dir) };
}

export interface SlaDataset {
  dir: string;
  open: number;
  /** Due times of round r (0-based) lie in [roundTime(r) - 10 min, roundTime(r) - 1 min]. */
  rounds: number;
  duePerRound: number;
  /** The clock at which round r's tickets are all due and no later round's is. */
  roundTime(r: number): Date;
  /** A time at which nothing is due yet. */
  before: Date;
  generateMs: number;
}

/**
 * `open` escalated technical tickets, each with an active callback SLA and its pending `sla.callback_due` job,
 * as `registerTicket` leaves them. `rounds × duePerRound` of them fall due in rounds an hour apart from `t0`; the
 * others are due days later. Tickets due in a round came from web-chat chats that exist, so the breach notice
 * really goes out.
 */
export function generateSlaDataset(dir: string, open: number, rounds: number, duePerRound: number, t0: Date): SlaDataset {
  const started = process.hrtime.bigint();
  const store = openSqliteStore(dir);
  const db = store.db;
  fastLoad(db);
  const base = t0.getTime();
  const dueCount = rounds * duePerRound;
  if (dueCount > open) throw new Error('more due tickets than open ones');
  // Ticket x (1-based): x <= dueCount falls due in round (x-1) / duePerRound, spread over its 9-minute window.
  const due = `CASE WHEN x <= ${dueCount} THEN ${base} + ((x - 1) / ${duePerRound}) * ${HOUR} - 600000 + ((x - 1) % ${duePerRound}) * ${Math.floor(
    540_000 / duePerRound,
  )} ELSE ${base + 2 * DAY} + x * 1000 END`;
  const createdAt = `(${due} - ${2 * HOUR})`;
  const chatKey = `CASE WHEN x <= ${dueCount} THEN 'webchat:bench-' || x ELSE 'telegram:' || (200000 + x) END`;
  withoutIndexes(db, 'tickets', () => {
    db.prepare(`${SERIES}
      INSERT INTO tickets (id, number, type, channel, status, active, line, handed_off, breached, subscriber_id, account_id, chat_key,
        phone, language, region, service, symptom, topic, result, comment, assignee_id, callback_due_at, callback_outcome,
        first_action_at, created_at, updated_at, escalated_at, resolved_at, closed_at, version)
      SELECT ${seqIdSql(3, 'x')}, x, 'technical', CASE WHEN x <= ${dueCount} THEN 'webchat' ELSE 'telegram' END, 'escalated', 1, 2, 0, 0,
        NULL, NULL, ${chatKey}, printf('+7702%07d', x), 'ru', 'Алматытелеком', 'megaline', 'no_internet', NULL, NULL, NULL, NULL,
        ${due}, NULL, NULL, ${createdAt}, ${createdAt}, ${createdAt}, NULL, NULL, 1
      FROM seq`).run(open);
  });
  db.prepare(`${SERIES}
    INSERT INTO ticket_sla (ticket_id, callback_minutes, clock, started_at, due_at, status, callback_at, breached_at)
    SELECT ${seqIdSql(3, 'x')}, 120, 'calendar', ${createdAt}, ${due}, 'active', NULL, NULL FROM seq`).run(open);
  db.prepare(`${SERIES}
    INSERT INTO jobs (id, kind, key, due_at, payload, attempts)
    SELECT ${seqIdSql(4, 'x')}, 'sla.callback_due', 'sla:callback:' || ${seqIdSql(3, 'x')}, ${due},
      json_object('ticketId', ${seqIdSql(3, 'x')}), 0 FROM seq`).run(open);
  db.prepare(`${SERIES}
    INSERT INTO chats (key, channel, external_id, language, created_at, last_seen_at)
    SELECT 'webchat:bench-' || x, 'webchat', 'bench-' || x, 'ru', ${base - DAY}, ${base - DAY} FROM seq`).run(dueCount);
  db.prepare(`INSERT INTO counters (name, value) VALUES ('ticket', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`).run(open);
  productPragmas(db);
  db.close();
  return {
    dir, open, rounds, duePerRound,
    roundTime: (r) => new Date(base + r * HOUR),
    before: new Date(base - 2 * HOUR),
    generateMs: msSince(started),
  };
}

/** @module SQLite repositories for subscribers, personal accounts and chats. */
import type { PersonalAccount } from '../../accounts/model.ts';
import type { AccountRepository } from '../../accounts/repository.ts';
import { LAST_SEEN_RESOLUTION_MS, type Chat } from '../../chats/model.ts';
import type { ChatRepository } from '../../chats/repository.ts';
import type { Subscriber } from '../../subscribers/model.ts';
import type { SubscriberRepository } from '../../subscribers/repository.ts';
import { isClosedStatus, isInService, type AccountStatus } from '../../accounts/status.ts';
import { chatKey } from '../../chats/key.ts';
import type { Statement } from 'better-sqlite3';
import { foldName, nameWords } from '../text.ts';
import { bool, date, dateOrNull, json, ms, msOrNull, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toSubscriber = (r: Row): Subscriber => ({
  id: r.id as string,
  fullName: r.full_name as string,
  phone: r.phone as string,
  iin: (r.iin as string | null) ?? null,
  category: r.category as Subscriber['category'],
  language: (r.language as Subscriber['language']) ?? null,
  notificationsMuted: bool(r.notifications_muted as number),
  createdAt: date(r.created_at as number),
});

export function sqliteSubscribers(db: Db): SubscriberRepository {
  const insert = db.prepare(`INSERT INTO subscribers (id, full_name, phone, iin, category, language, notifications_muted, created_at, name_key)
    VALUES (@id, @fullName, @phone, @iin, @category, @language, @muted, @createdAt, @nameKey)`);
  const byId = db.prepare('SELECT * FROM subscribers WHERE id = ?');
  const byPhone = db.prepare('SELECT * FROM subscribers WHERE phone = ?');
  const setLang = db.prepare('UPDATE subscribers SET language = ? WHERE id = ?');
  const setMuted = db.prepare('UPDATE subscribers SET notifications_muted = ? WHERE id = ?');
  const count = db.prepare('SELECT COUNT(*) FROM subscribers').pluck();
  // SQLite's own lower() folds ASCII only; names are Cyrillic, so each row keeps its name folded by JavaScript
  // (migration 007). Rows written before that are folded here, once.
  db.function('fold_name', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? foldName(v) : v));
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM subscribers WHERE name_key IS NULL)').pluck().get()) {
    db.prepare('UPDATE subscribers SET name_key = fold_name(full_name) WHERE name_key IS NULL').run();
  }
  const searchStatements = new Map<number, Statement<unknown[]>>();
  const searchFor = (words: number) => {
    let stmt = searchStatements.get(words);
    if (!stmt) {
      const where = Array.from({ length: words }, () => 'instr(name_key, ?) > 0').join(' AND ');
      stmt = db.prepare<unknown[]>(`SELECT * FROM subscribers WHERE ${where} ORDER BY full_name LIMIT ?`);
      searchStatements.set(words, stmt);
    }
    return stmt;
  };
  return {
    async create(s) {
      insert.run({ ...s, muted: s.notificationsMuted ? 1 : 0, createdAt: ms(s.createdAt), nameKey: foldName(s.fullName) });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toSubscriber(r) : null;
    },
    async findByPhone(phone) {
      const r = byPhone.get(phone) as Row | undefined;
      return r ? toSubscriber(r) : null;
    },
    async searchByName(text, limit) {
      const words = nameWords(text);
      if (words.length === 0) return [];
      return (searchFor(words.length).all(...words, limit) as Row[]).map(toSubscriber);
    },
    async setLanguage(id, language) {
      setLang.run(language, id);
    },
    async setNotificationsMuted(id, muted) {
      setMuted.run(muted ? 1 : 0, id);
    },
    async count() {
      return count.get() as number;
    },
  };
}

const toAccount = (r: Row): PersonalAccount => ({
  id: r.id as string,
  number: r.number as string,
  subscriberId: r.subscriber_id as string,
  status: r.status as AccountStatus,
  statusSince: date(r.status_since as number),
  billingMethod: r.billing_method as PersonalAccount['billingMethod'],
  address: r.address as string,
  region: r.region as string,
  planId: (r.plan_id as string | null) ?? null,
  services: json<string[]>(r.services as string),
  termContractUntil: dateOrNull(r.term_contract_until as number | null),
  openedAt: date(r.opened_at as number),
  closedAt: dateOrNull(r.closed_at as number | null),
});

export function sqliteAccounts(db: Db): AccountRepository {
  const insert = db.prepare(`INSERT INTO accounts (id, number, subscriber_id, status, status_since, billing_method, address, region,
      plan_id, services, term_contract_until, opened_at, closed_at)
    VALUES (@id, @number, @subscriberId, @status, @statusSince, @billingMethod, @address, @region, @planId, @services,
      @termContractUntil, @openedAt, @closedAt)`);
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const byNumber = db.prepare('SELECT * FROM accounts WHERE number = ?');
  const bySubscriber = db.prepare('SELECT * FROM accounts WHERE subscriber_id = ? ORDER BY number');
  const move = db.prepare(`UPDATE accounts SET status = @to, status_since = @at,
      closed_at = CASE WHEN @closing = 1 AND closed_at IS NULL THEN @at WHEN @reopening = 1 THEN NULL ELSE closed_at END
    WHERE id = @id AND status = @from`);
  const setPlan = db.prepare('UPDATE accounts SET plan_id = ? WHERE id = ?');
  const setServices = db.prepare('UPDATE accounts SET services = ? WHERE id = ?');
  const byStatus = db.prepare('SELECT * FROM accounts WHERE status = ? AND id > ? ORDER BY id LIMIT ?');
  return {
    async create(a) {
      insert.run({
        ...a,
        statusSince: ms(a.statusSince),
        services: JSON.stringify(a.services),
        termContractUntil: msOrNull(a.termContractUntil),
        openedAt: ms(a.openedAt),
        closedAt: msOrNull(a.closedAt),
      });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toAccount(r) : null;
    },
    async findByNumber(number) {
      const r = byNumber.get(number) as Row | undefined;
      return r ? toAccount(r) : null;
    },
    async listBySubscriber(subscriberId) {
      return (bySubscriber.all(subscriberId) as Row[]).map(toAccount);
    },
    async transition(id, from, to, at) {
      return move.run({ id, from, to, at: ms(at), closing: isClosedStatus(to) ? 1 : 0, reopening: isInService(to) ? 1 : 0 }).changes === 1;
    },
    async setPlan(id, planId) {
      setPlan.run(planId, id);
    },
    async setServices(id, services) {
      setServices.run(JSON.stringify(services), id);
    },
    async listByStatus(status, limit, afterId = '') {
      return (byStatus.all(status, afterId, limit) as Row[]).map(toAccount);
    },
  };
}

const toChat = (r: Row): Chat => ({
  key: r.key as string,
  channel: r.channel as Chat['channel'],
  externalId: r.external_id as string,
  language: (r.language as Chat['language']) ?? null,
  subscriberId: (r.subscriber_id as string | null) ?? null,
  linkedAt: dateOrNull(r.linked_at as number | null),
  linkExpiresAt: dateOrNull(r.link_expires_at as number | null),
  linkedPhone: (r.linked_phone as string | null) ?? null,
  createdAt: date(r.created_at as number),
  lastSeenAt: date(r.last_seen_at as number),
});

export function sqliteChats(db: Db): ChatRepository {
  const upsert = db.prepare(`INSERT INTO chats (key, channel, external_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET last_seen_at = excluded.last_seen_at RETURNING *`);
  const byKey = db.prepare('SELECT * FROM chats WHERE key = ?');
  const setLang = db.prepare('UPDATE chats SET language = ? WHERE key = ?');
  const link = db.prepare(`UPDATE chats SET subscriber_id = @subscriberId, linked_phone = @phone, linked_at = @linkedAt,
    link_expires_at = @expiresAt WHERE key = @key`);
  const unlink = db.prepare('UPDATE chats SET subscriber_id = NULL, linked_phone = NULL, linked_at = NULL, link_expires_at = NULL WHERE key = ?');
  const bySubscriber = db.prepare('SELECT * FROM chats WHERE subscriber_id = ? ORDER BY last_seen_at DESC');
  return {
    async touch(channel, externalId, at) {
      const key = chatKey(channel, externalId);
      const seen = byKey.get(key) as Row | undefined;
      if (seen && Math.abs(ms(at) - (seen.last_seen_at as number)) < LAST_SEEN_RESOLUTION_MS) return toChat(seen);
      return toChat(upsert.get(key, channel, externalId, ms(at), ms(at)) as Row);
    },
    async get(key) {
      const r = byKey.get(key) as Row | undefined;
      return r ? toChat(r) : null;
    },
    async setLanguage(key, language) {
      setLang.run(language, key);
    },
    async link(key, l) {
      link.run({ key, subscriberId: l.subscriberId, phone: l.phone, linkedAt: ms(l.linkedAt), expiresAt: ms(l.expiresAt) });
    },
    async unlink(key) {
      unlink.run(key);
    },
    async listBySubscriber(subscriberId) {
      return (bySubscriber.all(subscriberId) as Row[]).map(toChat);
    },
  };
}

/** @module SQLite repositories for one-time-code challenges, number locks, the SMS outbox and signed applications. */
import type { Application } from '../../applications/model.ts';
import type { ApplicationRepository } from '../../applications/repository.ts';
import type { SmsMessage } from '../../sms/model.ts';
import type { SmsOutboxRepository } from '../../sms/repository.ts';
import type { OtpChallenge } from '../../verification/model.ts';
import type { OtpChallengeRepository } from '../../verification/repository.ts';
import { date, dateOrNull, json, ms, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toChallenge = (r: Row): OtpChallenge => ({
  id: r.id as string,
  purpose: r.purpose as OtpChallenge['purpose'],
  chatKey: r.chat_key as string,
  phone: r.phone as string,
  subscriberId: (r.subscriber_id as string | null) ?? null,
  codeHash: r.code_hash as string,
  attempts: r.attempts as number,
  createdAt: date(r.created_at as number),
  expiresAt: date(r.expires_at as number),
  consumedAt: dateOrNull(r.consumed_at as number | null),
  closedAt: dateOrNull(r.closed_at as number | null),
  smsId: (r.sms_id as string | null) ?? null,
  context: r.context === null ? null : json<Record<string, unknown>>(r.context as string),
});

export function sqliteOtp(db: Db): OtpChallengeRepository {
  const closeOthers = db.prepare('UPDATE otp_challenges SET closed_at = ? WHERE chat_key = ? AND purpose = ? AND closed_at IS NULL');
  const insert = db.prepare(`INSERT INTO otp_challenges (id, purpose, chat_key, phone, subscriber_id, code_hash, attempts, created_at,
      expires_at, consumed_at, closed_at, sms_id, context)
    VALUES (@id, @purpose, @chatKey, @phone, @subscriberId, @codeHash, @attempts, @createdAt, @expiresAt, @consumedAt, @closedAt,
      @smsId, @context)`);
  const create = db.transaction((c: OtpChallenge) => {
    closeOthers.run(ms(c.createdAt), c.chatKey, c.purpose);
    insert.run({
      ...c,
      createdAt: ms(c.createdAt),
      expiresAt: ms(c.expiresAt),
      consumedAt: c.consumedAt ? ms(c.consumedAt) : null,
      closedAt: c.closedAt ? ms(c.closedAt) : null,
      context: c.context === null ? null : JSON.stringify(c.context),
    });
  });
  const byId = db.prepare('SELECT * FROM otp_challenges WHERE id = ?');
  const latest = db.prepare(`SELECT * FROM otp_challenges WHERE chat_key = ? AND purpose = ? AND closed_at IS NULL
    ORDER BY created_at DESC, rowid DESC LIMIT 1`);
  const countPhone = db.prepare('SELECT COUNT(*) FROM otp_challenges WHERE phone = ? AND created_at >= ?').pluck();
  const lastPhone = db.prepare('SELECT MAX(created_at) FROM otp_challenges WHERE phone = ? AND purpose = ?').pluck();
  const chatPhones = db.prepare('SELECT DISTINCT phone FROM otp_challenges WHERE chat_key = ? AND created_at >= ? ORDER BY phone').pluck();
  const attempt = db.prepare(`UPDATE otp_challenges SET attempts = attempts + 1,
      consumed_at = CASE WHEN @matched = 1 THEN @now ELSE NULL END
    WHERE id = @id AND closed_at IS NULL AND consumed_at IS NULL AND expires_at > @now AND attempts < @max
    RETURNING attempts, consumed_at`);
  const closeChat = db.prepare('UPDATE otp_challenges SET closed_at = ? WHERE chat_key = ? AND closed_at IS NULL');
  const lock = db.prepare(`INSERT INTO otp_locks (phone, until) VALUES (?, ?)
    ON CONFLICT(phone) DO UPDATE SET until = MAX(until, excluded.until)`);
  const lockOf = db.prepare('SELECT until FROM otp_locks WHERE phone = ?').pluck();
  return {
    async create(challenge) {
      create.immediate(challenge);
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toChallenge(r) : null;
    },
    async latestOpen(chatKey, purpose) {
      const r = latest.get(chatKey, purpose) as Row | undefined;
      return r ? toChallenge(r) : null;
    },
    async countForPhoneSince(phone, since) {
      return countPhone.get(phone, ms(since)) as number;
    },
    async lastForPhone(phone, purpose) {
      const v = lastPhone.get(phone, purpose) as number | null;
      return v === null ? null : date(v);
    },
    async phonesForChatSince(chatKey, since) {
      return chatPhones.all(chatKey, ms(since)) as string[];
    },
    async registerAttempt(id, matched, now, maxAttempts) {
      const r = attempt.get({ id, matched: matched ? 1 : 0, now: ms(now), max: maxAttempts }) as Row | undefined;
      return r ? { attempts: r.attempts as number, consumed: r.consumed_at !== null } : null;
    },
    async closeForChat(chatKey, at) {
      closeChat.run(ms(at), chatKey);
    },
    async lockPhone(phone, until) {
      lock.run(phone, ms(until));
    },
    async phoneLock(phone) {
      const v = lockOf.get(phone) as number | undefined;
      return v === undefined ? null : date(v);
    },
  };
}

const toSms = (r: Row): SmsMessage => ({
  id: r.id as string,
  to: r.recipient as string,
  text: r.text as string,
  purpose: r.purpose as string,
  chatKey: (r.chat_key as string | null) ?? null,
  provider: r.provider as string,
  status: r.status as SmsMessage['status'],
  attempts: r.attempts as number,
  lastError: (r.last_error as string | null) ?? null,
  providerMessageId: (r.provider_message_id as string | null) ?? null,
  createdAt: date(r.created_at as number),
  updatedAt: date(r.updated_at as number),
  sentAt: dateOrNull(r.sent_at as number | null),
  expiresAt: dateOrNull(r.expires_at as number | null),
  nextAttemptAt: dateOrNull(r.next_attempt_at as number | null),
});

export function sqliteSmsOutbox(db: Db): SmsOutboxRepository {
  const insert = db.prepare(`INSERT INTO sms_messages (id, recipient, text, purpose, chat_key, provider, status, attempts, last_error,
      provider_message_id, created_at, updated_at, sent_at, expires_at, next_attempt_at)
    VALUES (@id, @to, @text, @purpose, @chatKey, @provider, @status, @attempts, @lastError, @providerMessageId, @createdAt,
      @updatedAt, @sentAt, @expiresAt, @nextAttemptAt)`);
  const byId = db.prepare('SELECT * FROM sms_messages WHERE id = ?');
  const list = db.prepare(`SELECT * FROM sms_messages WHERE (@status IS NULL OR status = @status) AND created_at < @before
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`);
  const listTo = db.prepare(`SELECT * FROM sms_messages WHERE recipient = @to AND (@status IS NULL OR status = @status) AND created_at < @before
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`);
  const claim = db.prepare(`UPDATE sms_messages SET attempts = attempts + 1, leased_until = @until, updated_at = @now
    WHERE id = @id AND status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
      AND (leased_until IS NULL OR leased_until <= @now)
    RETURNING *`);
  const sent = db.prepare(`UPDATE sms_messages SET status = 'sent', sent_at = @at, updated_at = @at, provider_message_id = @pid,
      text = @text, leased_until = NULL, next_attempt_at = NULL WHERE id = @id`);
  const failed = db.prepare(`UPDATE sms_messages SET status = 'failed', updated_at = @at, last_error = @error, text = @text,
      leased_until = NULL, next_attempt_at = NULL WHERE id = @id`);
  const release = db.prepare(`UPDATE sms_messages SET updated_at = @at, last_error = @error, next_attempt_at = @retryAt,
      leased_until = NULL WHERE id = @id AND status = 'queued'`);
  const optMs = (d: Date | null) => (d ? ms(d) : null);
  return {
    async add(m) {
      insert.run({
        ...m,
        createdAt: ms(m.createdAt),
        updatedAt: ms(m.updatedAt),
        sentAt: optMs(m.sentAt),
        expiresAt: optMs(m.expiresAt),
        nextAttemptAt: optMs(m.nextAttemptAt),
      });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toSms(r) : null;
    },
    async list(filter = {}) {
      const rows = (filter.to ? listTo : list).all({
        ...(filter.to ? { to: filter.to } : {}),
        status: filter.status ?? null,
        before: filter.before ? ms(filter.before) : Number.MAX_SAFE_INTEGER,
        limit: filter.limit ?? 100,
      }) as Row[];
      return rows.map(toSms);
    },
    async claim(id, now, leaseMs) {
      const r = claim.get({ id, now: ms(now), until: ms(now) + leaseMs }) as Row | undefined;
      return r ? toSms(r) : null;
    },
    async markSent(id, at, providerMessageId, text) {
      sent.run({ id, at: ms(at), pid: providerMessageId, text });
    },
    async markFailed(id, at, error, text) {
      failed.run({ id, at: ms(at), error, text });
    },
    async release(id, at, error, retryAt) {
      release.run({ id, at: ms(at), error, retryAt: ms(retryAt) });
    },
  };
}

const toApplication = (r: Row): Application => ({
  id: r.id as string,
  subscriberId: r.subscriber_id as string,
  phone: r.phone as string,
  channel: r.channel as Application['channel'],
  chatKey: r.chat_key as string,
  kind: r.kind as Application['kind'],
  quote: r.quote as string,
  payload: json<Record<string, unknown>>(r.payload as string),
  challengeId: r.challenge_id as string,
  signedAt: date(r.signed_at as number),
});

export function sqliteApplications(db: Db): ApplicationRepository {
  const insert = db.prepare(`INSERT INTO applications (id, subscriber_id, phone, channel, chat_key, kind, quote, payload, challenge_id,
      signed_at) VALUES (@id, @subscriberId, @phone, @channel, @chatKey, @kind, @quote, @payload, @challengeId, @signedAt)`);
  const byId = db.prepare('SELECT * FROM applications WHERE id = ?');
  const bySubscriber = db.prepare('SELECT * FROM applications WHERE subscriber_id = ? ORDER BY signed_at DESC, rowid DESC');
  return {
    async add(a) {
      insert.run({ ...a, payload: JSON.stringify(a.payload), signedAt: ms(a.signedAt) });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toApplication(r) : null;
    },
    async listBySubscriber(subscriberId) {
      return (bySubscriber.all(subscriberId) as Row[]).map(toApplication);
    },
  };
}

/**
 * @module MongoDB repositories for one-time-code challenges, number locks and the SMS outbox (mirrors
 * sqlite/verification.ts; signed applications are in applications.ts). Tries, claims and locks are single conditional
 * writes.
 */
import { Schema, type Connection } from 'mongoose';
import type { SmsListFilter, SmsMessage } from '../../sms/model.ts';
import type { SmsOutboxRepository } from '../../sms/repository.ts';
import type { OtpChallenge } from '../../verification/model.ts';
import type { OtpChallengeRepository } from '../../verification/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { DAY_MS, jsonValue, purgeAt, upsertWithRetry } from './connection.ts';
import { nextSequence } from './counters.ts';

// === One-time-code challenges

export type OtpDoc = Omit<OtpChallenge, 'id'> & { _id: string; seq: number; purgeAt: Date };

export const otpSchema = new Schema<OtpDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  purpose: { type: String, required: true, enum: ['verify', 'sign'] },
  chatKey: { type: String, required: true },
  phone: { type: String, required: true },
  subscriberId: { type: String, default: null },
  codeHash: { type: String, required: true },
  attempts: { type: Number, required: true, default: 0, min: 0 },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  consumedAt: { type: Date, default: null },
  closedAt: { type: Date, default: null },
  smsId: { type: String, default: null },
  context: { type: Schema.Types.Mixed, default: null },
  purgeAt: { type: Date, required: true },
}, schemaOptions);
otpSchema.index({ chatKey: 1, purpose: 1, createdAt: -1, seq: -1 });
otpSchema.index({ phone: 1, createdAt: -1 });
// Challenges are kept a week past their expiry — long enough for every per-hour limit — then MongoDB deletes them.
otpSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

const OTP_RETENTION_MS = 7 * DAY_MS;

export const otpSpec: CollectionSpec = {
  model: 'OtpChallenge', collection: 'otp_challenges', table: 'otp_challenges', schema: otpSchema,
  columns: columns({
    id: 'key', purpose: 'plain', chat_key: 'plain', phone: 'plain', subscriber_id: 'plain', code_hash: 'plain',
    attempts: 'plain', created_at: 'date', expires_at: 'date', consumed_at: 'date', closed_at: 'date', sms_id: 'plain',
    context: 'json',
  }),
  derive: (doc) => ({ purgeAt: purgeAt(doc.expiresAt as Date, OTP_RETENTION_MS) }),
  rowOrder: 'otp_challenges',
};

interface OtpLockDoc {
  _id: string;
  until: Date;
}

// One document per number, kept for good (the use case reads past locks too), so no TTL here.
export const otpLockSchema = new Schema<OtpLockDoc>({
  _id: { type: String, required: true },
  until: { type: Date, required: true },
}, schemaOptions);

export const otpLocksSpec: CollectionSpec = {
  model: 'OtpLock', collection: 'otp_locks', table: 'otp_locks', schema: otpLockSchema,
  columns: columns({ phone: 'key', until: 'date' }),
};

const toChallenge = ({ _id, seq: _s, purgeAt: _p, ...d }: OtpDoc): OtpChallenge => ({
  id: _id,
  purpose: d.purpose,
  chatKey: d.chatKey,
  phone: d.phone,
  subscriberId: d.subscriberId ?? null,
  codeHash: d.codeHash,
  attempts: d.attempts,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
  consumedAt: d.consumedAt ?? null,
  closedAt: d.closedAt ?? null,
  smsId: d.smsId ?? null,
  context: d.context ?? null,
});

/** The open challenges of the chat and purpose that are older than (createdAt, seq): the ones a new one replaces. */
export function olderOpenFilter(c: Pick<OtpChallenge, 'chatKey' | 'purpose' | 'createdAt'>, seq: number): Record<string, unknown> {
  return {
    chatKey: c.chatKey,
    purpose: c.purpose,
    closedAt: null,
    $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, seq: { $lt: seq } }],
  };
}

/** The filter of a try: the challenge still takes tries at `now` (SQLite's UPDATE … WHERE of registerAttempt). */
export function attemptFilter(id: string, now: Date, maxAttempts: number): Record<string, unknown> {
  return { _id: id, closedAt: null, consumedAt: null, expiresAt: { $gt: now }, attempts: { $lt: maxAttempts } };
}

/** One-time-code challenges over `otp_challenges` and number locks over `otp_locks`. */
export function mongoOtp(conn: Connection): OtpChallengeRepository {
  const M = modelFor<OtpDoc>(conn, otpSpec);
  const Locks = modelFor<OtpLockDoc>(conn, otpLocksSpec);
  return {
    async create(c) {
      // Insert first, then close the older open ones. Two racing creates for one chat both close whatever is older
      // than themselves, so exactly the newest stays open — what SQLite's serialised transaction gives — with no
      // multi-document transaction; a crash in between leaves an extra open challenge that the newest one outranks.
      const { id, ...rest } = c;
      const seq = await nextSequence(conn, 'otp_challenges');
      await M.create({ _id: id, seq, ...rest, context: c.context === null ? null : jsonValue(c.context), purgeAt: purgeAt(c.expiresAt, OTP_RETENTION_MS) });
      await M.updateMany(olderOpenFilter(c, seq), { $set: { closedAt: c.createdAt } });
    },
    async get(id) {
      const d = await M.findById(id).lean<OtpDoc>();
      return d ? toChallenge(d) : null;
    },
    async latestOpen(chatKey, purpose) {
      const d = await M.findOne({ chatKey, purpose, closedAt: null }).sort({ createdAt: -1, seq: -1 }).lean<OtpDoc>();
      return d ? toChallenge(d) : null;
    },
    async countForPhoneSince(phone, since) {
      return M.countDocuments({ phone, createdAt: { $gte: since } });
    },
    async lastForPhone(phone, purpose) {
      const d = await M.findOne({ phone, purpose }, { createdAt: 1 }).sort({ createdAt: -1 }).lean<Pick<OtpDoc, 'createdAt'>>();
      return d?.createdAt ?? null;
    },
    async phonesForChatSince(chatKey, since) {
      const phones = (await M.distinct('phone', { chatKey, createdAt: { $gte: since } })) as string[];
      return phones.sort();
    },
    async registerAttempt(id, matched, now, maxAttempts) {
      const d = await M.findOneAndUpdate(
        attemptFilter(id, now, maxAttempts),
        { $inc: { attempts: 1 }, $set: { consumedAt: matched ? now : null } },
        { returnDocument: 'after' },
      ).lean<OtpDoc>();
      return d ? { attempts: d.attempts, consumed: d.consumedAt !== null } : null;
    },
    async closeForChat(chatKey, at) {
      await M.updateMany({ chatKey, closedAt: null }, { $set: { closedAt: at } });
    },
    async lockPhone(phone, until) {
      // `$max` keeps the later lock, atomically (SQLite: MAX(until, excluded.until)).
      await upsertWithRetry(() => Locks.updateOne(
        { _id: phone },
        { $max: { until } },
        { upsert: true },
      ));
    },
    async phoneLock(phone) {
      const d = await Locks.findById(phone).lean<OtpLockDoc>();
      return d?.until ?? null;
    },
  };
}

// === SMS outbox

export type SmsDoc = Omit<SmsMessage, 'id'> & { _id: string; seq: number; leasedUntil: Date | null };

export const smsSchema = new Schema<SmsDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  to: { type: String, required: true },
  text: { type: String },
  purpose: { type: String, required: true },
  chatKey: { type: String, default: null },
  provider: { type: String, required: true },
  status: { type: String, required: true, enum: ['queued', 'sent', 'failed'] },
  attempts: { type: Number, required: true, default: 0, min: 0 },
  lastError: { type: String, default: null },
  providerMessageId: { type: String, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  sentAt: { type: Date, default: null },
  expiresAt: { type: Date, default: null },
  nextAttemptAt: { type: Date, default: null },
  leasedUntil: { type: Date, default: null },
}, schemaOptions);
smsSchema.index({ createdAt: -1, seq: -1 });
smsSchema.index({ status: 1, createdAt: -1, seq: -1 });
smsSchema.index({ to: 1, createdAt: -1, seq: -1 });

export const smsSpec: CollectionSpec = {
  model: 'SmsMessage', collection: 'sms_messages', table: 'sms_messages', schema: smsSchema,
  columns: columns({
    id: 'key', recipient: ['plain', 'to'], text: 'plain', purpose: 'plain', chat_key: 'plain', provider: 'plain',
    status: 'plain', attempts: 'plain', last_error: 'plain', provider_message_id: 'plain', created_at: 'date',
    updated_at: 'date', sent_at: 'date', expires_at: 'date', next_attempt_at: 'date', leased_until: 'date',
  }),
  rowOrder: 'sms_messages',
};

const toSms = ({ _id, seq: _s, leasedUntil: _l, ...d }: SmsDoc): SmsMessage => ({
  id: _id,
  to: d.to,
  text: d.text,
  purpose: d.purpose,
  chatKey: d.chatKey ?? null,
  provider: d.provider,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError ?? null,
  providerMessageId: d.providerMessageId ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  sentAt: d.sentAt ?? null,
  expiresAt: d.expiresAt ?? null,
  nextAttemptAt: d.nextAttemptAt ?? null,
});

/** The console list's filter: one status or all, strictly before a time (newest-first paging). */
export function smsListFilter(filter: SmsListFilter): Record<string, unknown> {
  return {
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.before ? { createdAt: { $lt: filter.before } } : {}),
  };
}

/** A queued message is claimable when due and not held by another attempt. */
export function smsClaimFilter(id: string, now: Date): Record<string, unknown> {
  return {
    _id: id,
    status: 'queued',
    $and: [
      { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
      { $or: [{ leasedUntil: null }, { leasedUntil: { $lte: now } }] },
    ],
  };
}

/** The SMS outbox over `sms_messages`; a delivery attempt claims a message with a lease. */
export function mongoSmsOutbox(conn: Connection): SmsOutboxRepository {
  const M = modelFor<SmsDoc>(conn, smsSpec);
  return {
    async add(m) {
      const { id, ...rest } = m;
      const seq = await nextSequence(conn, 'sms_messages');
      await M.create({ _id: id, seq, ...rest, leasedUntil: null });
    },
    async get(id) {
      const d = await M.findById(id).lean<SmsDoc>();
      return d ? toSms(d) : null;
    },
    async list(filter = {}) {
      const docs = await M.find(smsListFilter(filter)).sort({ createdAt: -1, seq: -1 }).limit(filter.limit ?? 100).lean<SmsDoc[]>();
      return docs.map(toSms);
    },
    async claim(id, now, leaseMs) {
      const d = await M.findOneAndUpdate(
        smsClaimFilter(id, now),
        { $inc: { attempts: 1 }, $set: { leasedUntil: new Date(now.getTime() + leaseMs), updatedAt: now } },
        { returnDocument: 'after' },
      ).lean<SmsDoc>();
      return d ? toSms(d) : null;
    },
    async markSent(id, at, providerMessageId, text) {
      await M.updateOne({ _id: id }, {
        $set: { status: 'sent', sentAt: at, updatedAt: at, providerMessageId, text, leasedUntil: null, nextAttemptAt: null },
      });
    },
    async markFailed(id, at, error, text) {
      await M.updateOne({ _id: id }, {
        $set: { status: 'failed', updatedAt: at, lastError: error, text, leasedUntil: null, nextAttemptAt: null },
      });
    },
    async release(id, at, error, retryAt) {
      await M.updateOne({ _id: id, status: 'queued' }, {
        $set: { updatedAt: at, lastError: error, nextAttemptAt: retryAt, leasedUntil: null },
      });
    },
  };
}

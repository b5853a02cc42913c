/** @module MongoDB repositories for subscribers, personal accounts and chats (mirrors sqlite/people.ts). */
import { Schema, type Connection } from 'mongoose';
import type { PersonalAccount } from '../../accounts/model.ts';
import type { AccountRepository } from '../../accounts/repository.ts';
import type { Chat } from '../../chats/model.ts';
import type { ChatRepository } from '../../chats/repository.ts';
import type { Subscriber } from '../../subscribers/model.ts';
import type { SubscriberRepository } from '../../subscribers/repository.ts';
import { ACCOUNT_STATUSES, isClosedStatus, type AccountStatus } from '../../accounts/status.ts';
import { chatKey } from '../../chats/key.ts';
import { foldName, nameWords } from '../text.ts';
import { columns, IS_SET, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { upsertWithRetry } from './connection.ts';

const LANGUAGES = ['kk', 'ru', null];
const CHANNELS = ['telegram', 'whatsapp', 'webchat'];

// === Subscribers

/** `nameKey`: the name folded for the search (core/store/text.ts), as SQLite's `name_key`. */
export type SubscriberDoc = Omit<Subscriber, 'id'> & { _id: string; nameKey?: string };

export const subscriberSchema = new Schema<SubscriberDoc>({
  _id: { type: String, required: true },
  fullName: { type: String, required: true },
  phone: { type: String, required: true },
  iin: { type: String, default: null },
  category: { type: String, required: true, enum: ['individual', 'entrepreneur'] },
  language: { type: String, enum: LANGUAGES, default: null },
  notificationsMuted: { type: Boolean, required: true, default: false },
  createdAt: { type: Date, required: true },
  nameKey: { type: String, default: null },
}, schemaOptions);
// One code goes to one verified number: a phone belongs to one subscriber.
subscriberSchema.index({ phone: 1 }, { unique: true });

export const subscribersSpec: CollectionSpec = {
  model: 'Subscriber', collection: 'subscribers', table: 'subscribers', schema: subscriberSchema,
  columns: columns({
    id: 'key', full_name: 'plain', phone: 'plain', iin: 'plain', category: 'plain', language: 'plain',
    notifications_muted: 'bool', created_at: 'date', name_key: 'plain',
  }),
  derive: (doc) => ({ nameKey: foldName(String(doc.fullName ?? '')) }),
};

const toSubscriber = ({ _id, nameKey: _key, ...d }: SubscriberDoc): Subscriber => ({
  id: _id,
  fullName: d.fullName,
  phone: d.phone,
  iin: d.iin ?? null,
  category: d.category,
  language: d.language ?? null,
  notificationsMuted: d.notificationsMuted,
  createdAt: d.createdAt,
});

/** `text` as a regular expression that matches it literally. */
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Subscribers over `subscribers`; a phone belongs to one subscriber (unique index). */
export function mongoSubscribers(conn: Connection): SubscriberRepository {
  const M = modelFor<SubscriberDoc>(conn, subscribersSpec);
  return {
    async create(s) {
      const { id, ...rest } = s;
      await M.create({ _id: id, ...rest, nameKey: foldName(s.fullName) });
    },
    async get(id) {
      const d = await M.findById(id).lean<SubscriberDoc>();
      return d ? toSubscriber(d) : null;
    },
    async findByPhone(phone) {
      const d = await M.findOne({ phone }).lean<SubscriberDoc>();
      return d ? toSubscriber(d) : null;
    },
    async searchByName(text, limit) {
      const words = nameWords(text);
      if (words.length === 0) return [];
      const filter = { $and: words.map((w) => ({ nameKey: { $regex: escapeRegex(w) } })) };
      return (await M.find(filter).sort({ fullName: 1 }).limit(limit).lean<SubscriberDoc[]>()).map(toSubscriber);
    },
    async setLanguage(id, language) {
      await M.updateOne({ _id: id }, { $set: { language } });
    },
    async setNotificationsMuted(id, muted) {
      await M.updateOne({ _id: id }, { $set: { notificationsMuted: muted } });
    },
    async count() {
      return M.countDocuments();
    },
  };
}

// === Personal accounts

export type AccountDoc = Omit<PersonalAccount, 'id'> & { _id: string };

export const accountSchema = new Schema<AccountDoc>({
  _id: { type: String, required: true },
  number: { type: String, required: true },
  subscriberId: { type: String, required: true },
  status: { type: String, required: true, enum: ACCOUNT_STATUSES },
  statusSince: { type: Date, required: true },
  billingMethod: { type: String, required: true, enum: ['credit', 'advance'] },
  address: { type: String },
  region: { type: String },
  planId: { type: String, default: null },
  services: { type: [String], required: true },
  termContractUntil: { type: Date, default: null },
  openedAt: { type: Date, required: true },
  closedAt: { type: Date, default: null },
}, schemaOptions);
accountSchema.index({ number: 1 }, { unique: true });
accountSchema.index({ subscriberId: 1, number: 1 });
// listByStatus pages through one status in id order (the time-driven transitions walk it).
accountSchema.index({ status: 1, _id: 1 });

export const accountsSpec: CollectionSpec = {
  model: 'Account', collection: 'accounts', table: 'accounts', schema: accountSchema,
  columns: columns({
    id: 'key', number: 'plain', subscriber_id: 'plain', status: 'plain', status_since: 'date', billing_method: 'plain',
    address: 'plain', region: 'plain', plan_id: 'plain', services: 'json', term_contract_until: 'date', opened_at: 'date',
    closed_at: 'date',
  }),
};

const toAccount = ({ _id, ...d }: AccountDoc): PersonalAccount => ({
  id: _id,
  number: d.number,
  subscriberId: d.subscriberId,
  status: d.status,
  statusSince: d.statusSince,
  billingMethod: d.billingMethod,
  address: d.address,
  region: d.region,
  planId: d.planId ?? null,
  services: [...d.services],
  termContractUntil: d.termContractUntil ?? null,
  openedAt: d.openedAt,
  closedAt: d.closedAt ?? null,
});

/** The filter of a status move: only from the expected status (and, for the closing stamp, only if not yet closed). */
export function transitionFilter(id: string, from: AccountStatus, stampClosing: boolean): Record<string, unknown> {
  return stampClosing ? { _id: id, status: from, closedAt: null } : { _id: id, status: from };
}

/** Personal accounts over `accounts`; status moves are conditional on the expected status. */
export function mongoAccounts(conn: Connection): AccountRepository {
  const M = modelFor<AccountDoc>(conn, accountsSpec);
  return {
    async create(a) {
      const { id, ...rest } = a;
      await M.create({ _id: id, ...rest });
    },
    async get(id) {
      const d = await M.findById(id).lean<AccountDoc>();
      return d ? toAccount(d) : null;
    },
    async findByNumber(number) {
      const d = await M.findOne({ number }).lean<AccountDoc>();
      return d ? toAccount(d) : null;
    },
    async listBySubscriber(subscriberId) {
      return (await M.find({ subscriberId }).sort({ number: 1 }).lean<AccountDoc[]>()).map(toAccount);
    },
    async transition(id, from, to, at) {
      // Each update is one atomic conditional write. A closing status stamps closedAt the first time only
      // (SQLite does it with CASE in one UPDATE); if the account already has closedAt, the plain move applies.
      if (isClosedStatus(to)) {
        const stamped = await M.updateOne(transitionFilter(id, from, true), { $set: { status: to, statusSince: at, closedAt: at } });
        if (stamped.matchedCount === 1) return true;
      }
      const moved = await M.updateOne(transitionFilter(id, from, false), { $set: { status: to, statusSince: at } });
      return moved.matchedCount === 1;
    },
    async setPlan(id, planId) {
      await M.updateOne({ _id: id }, { $set: { planId } });
    },
    async setServices(id, services) {
      await M.updateOne({ _id: id }, { $set: { services } });
    },
    async listByStatus(status, limit, afterId = '') {
      return (await M.find({ status, _id: { $gt: afterId } }).sort({ _id: 1 }).limit(limit).lean<AccountDoc[]>()).map(toAccount);
    },
  };
}

// === Chats

export type ChatDoc = Omit<Chat, 'key'> & { _id: string };

export const chatSchema = new Schema<ChatDoc>({
  _id: { type: String, required: true },
  channel: { type: String, required: true, enum: CHANNELS },
  externalId: { type: String, required: true },
  language: { type: String, enum: LANGUAGES, default: null },
  subscriberId: { type: String, default: null },
  linkedAt: { type: Date, default: null },
  linkExpiresAt: { type: Date, default: null },
  linkedPhone: { type: String, default: null },
  createdAt: { type: Date, required: true },
  lastSeenAt: { type: Date, required: true },
}, schemaOptions);
// Only linked chats are indexed by subscriber (SQLite: WHERE subscriber_id IS NOT NULL).
chatSchema.index({ subscriberId: 1, lastSeenAt: -1 }, { partialFilterExpression: { subscriberId: IS_SET } });

export const chatsSpec: CollectionSpec = {
  model: 'Chat', collection: 'chats', table: 'chats', schema: chatSchema,
  columns: columns({
    key: 'key', channel: 'plain', external_id: 'plain', language: 'plain', subscriber_id: 'plain', linked_at: 'date',
    link_expires_at: 'date', linked_phone: 'plain', created_at: 'date', last_seen_at: 'date',
  }),
};

const toChat = ({ _id, ...d }: ChatDoc): Chat => ({
  key: _id,
  channel: d.channel,
  externalId: d.externalId,
  language: d.language ?? null,
  subscriberId: d.subscriberId ?? null,
  linkedAt: d.linkedAt ?? null,
  linkExpiresAt: d.linkExpiresAt ?? null,
  linkedPhone: d.linkedPhone ?? null,
  createdAt: d.createdAt,
  lastSeenAt: d.lastSeenAt,
});

const UNLINKED = { subscriberId: null, linkedPhone: null, linkedAt: null, linkExpiresAt: null };

/** Chats over `chats`, created on first contact by an upsert. */
export function mongoChats(conn: Connection): ChatRepository {
  const M = modelFor<ChatDoc>(conn, chatsSpec);
  return {
    async touch(channel, externalId, at) {
      const key = chatKey(channel, externalId);
      const d = await upsertWithRetry(() => M.findOneAndUpdate(
        { _id: key },
        { $set: { lastSeenAt: at }, $setOnInsert: { channel, externalId, createdAt: at, language: null, ...UNLINKED } },
        { upsert: true, returnDocument: 'after', runValidators: true },
      ).lean<ChatDoc>());
      return toChat(d!);
    },
    async get(key) {
      const d = await M.findById(key).lean<ChatDoc>();
      return d ? toChat(d) : null;
    },
    async setLanguage(key, language) {
      await M.updateOne({ _id: key }, { $set: { language } });
    },
    async link(key, l) {
      await M.updateOne({ _id: key }, {
        $set: { subscriberId: l.subscriberId, linkedPhone: l.phone, linkedAt: l.linkedAt, linkExpiresAt: l.expiresAt },
      });
    },
    async unlink(key) {
      await M.updateOne({ _id: key }, { $set: UNLINKED });
    },
    async listBySubscriber(subscriberId) {
      return (await M.find({ subscriberId }).sort({ lastSeenAt: -1 }).lean<ChatDoc[]>()).map(toChat);
    },
  };
}

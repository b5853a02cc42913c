/**
 * @module MongoDB schemas, checked without a server: what a document must carry (required fields, enums, whole tiyn),
 * and the indexes the store relies on (read from the schemas with `schema.indexes()`): unique where the domain needs
 * uniqueness, partial where only some documents count, TTL where data expires.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from 'mongoose';
import type { CollectionSpec } from '../../core/store/mongo/collection.ts';
import { COLLECTIONS } from '../../core/store/mongo/collections.ts';
import { accountsSpec, chatsSpec, subscribersSpec } from '../../core/store/mongo/people.ts';
import { auditSpec, consoleSessionsSpec, usersSpec } from '../../core/store/mongo/console.ts';
import { dedupeSpec, jobsSpec } from '../../core/store/mongo/machinery.ts';
import { applicationsSpec } from '../../core/store/mongo/applications.ts';
import { otpSpec } from '../../core/store/mongo/verification.ts';
import { paymentsSpec } from '../../core/store/mongo/payments.ts';
import { breachesSpec, ticketsSpec } from '../../core/store/mongo/tickets.ts';
import { ledgerPaymentsSpec, trafficSpec } from '../../core/store/mongo/billing.ts';
import { escalationsSpec } from '../../core/store/mongo/conversations.ts';
import { offlineConnection, offlineModel } from './mongo-offline.ts';
import { aSubscriber, anAccount } from './foundation.contract.ts';

const conn = offlineConnection();
const model = (spec: CollectionSpec): Model<any> => offlineModel(conn, spec);

/** The paths that fail validation, with the validator that failed. */
async function invalid(spec: CollectionSpec, doc: Record<string, unknown>): Promise<Record<string, string>> {
  try {
    await new (model(spec))(doc).validate();
    return {};
  } catch (err) {
    const errors = (err as { errors?: Record<string, { kind: string }> }).errors ?? {};
    return Object.fromEntries(Object.entries(errors).map(([path, e]) => [path, e.kind]));
  }
}

const { id: subscriberId, ...subscriber } = aSubscriber();
const { id: accountId, ...account } = anAccount();

describe('MongoDB schemas: what a document must carry', () => {
  it('Should accept a subscriber and an account exactly as the domain gives them', async () => {
    expect(await invalid(subscribersSpec, { _id: subscriberId, ...subscriber })).toEqual({});
    expect(await invalid(accountsSpec, { _id: accountId, ...account })).toEqual({});
  });

  it('Should refuse a subscriber without a phone or with an unknown category', async () => {
    expect(await invalid(subscribersSpec, { _id: 's', ...subscriber, phone: undefined, category: 'company' }))
      .toEqual({ phone: 'required', category: 'enum' });
  });

  it('Should refuse an account status outside the ten statuses of seed 001', async () => {
    expect(await invalid(accountsSpec, { _id: 'a', ...account, status: 'suspended' })).toEqual({ status: 'enum' });
  });

  it('Should refuse money that is not a whole number of tiyn', async () => {
    const payment = {
      _id: 'p', provider: 'test', accountId: 'a', accountNumber: '1', language: 'ru', amountTiyn: 100.5, currency: 'KZT',
      description: 'x', status: 'created', createdAt: new Date(), updatedAt: new Date(),
    };
    expect(await invalid(paymentsSpec, payment)).toEqual({ amountTiyn: 'user defined' });
    expect(await invalid(paymentsSpec, { ...payment, amountTiyn: 0, currency: 'USD' })).toEqual({ amountTiyn: 'min', currency: 'enum' });
    expect(await invalid(ledgerPaymentsSpec, {
      _id: 'l', externalId: 'e', accountId: 'a', kind: 'payment', amountTiyn: 1.25, paidAt: new Date(), registeredAt: new Date(),
    })).toEqual({ amountTiyn: 'user defined' });
  });

  it('Should refuse a ticket on a third support line, an unknown channel or status', async () => {
    const errors = await invalid(ticketsSpec, {
      _id: 't', number: 1, type: 'technical', channel: 'email', status: 'waiting', active: true, line: 3, language: 'kk',
      createdAt: new Date(), updatedAt: new Date(), version: 1,
    });
    expect(errors).toEqual({ channel: 'enum', status: 'enum', line: 'enum' });
  });

  it('Should refuse a traffic month that is not YYYY-MM', async () => {
    expect(await invalid(trafficSpec, { accountId: 'a', month: '2026-3', incomingMb: 1 })).toEqual({ month: 'regexp' });
  });

  it('Should refuse a field the schema does not know instead of silently dropping it', () => {
    const Chat = model(chatsSpec);
    expect(() => new Chat({ _id: 'telegram:1', channel: 'telegram', nickname: 'x' })).toThrow(/nickname/);
  });

  it('Should keep an empty details object (mongoose would drop it by default)', () => {
    const Audit = model(auditSpec);
    const doc = new Audit({ _id: 'a', seq: 1, at: new Date(), actorType: 'system', action: 'x', entity: 'y', details: {} });
    expect(doc.toObject().details).toEqual({});
  });
});

type IndexRow = [Record<string, number>, Record<string, unknown>];
const indexes = (spec: CollectionSpec): IndexRow[] => spec.schema.indexes() as IndexRow[];
const find = (spec: CollectionSpec, keys: Record<string, number>): Record<string, unknown> | undefined =>
  indexes(spec).find(([k]) => JSON.stringify(k) === JSON.stringify(keys))?.[1];

describe('MongoDB indexes: uniqueness, partial and TTL indexes', () => {
  it.each([
    ['one subscriber per verified phone', subscribersSpec, { phone: 1 }],
    ['one account per invoice number', accountsSpec, { number: 1 }],
    ['one console user per e-mail, any case', usersSpec, { emailKey: 1 }],
    ['one ticket per human-friendly number', ticketsSpec, { number: -1 }],
    ['one ledger entry per external payment id', ledgerPaymentsSpec, { externalId: 1 }],
    ['one signed application per one-time code', applicationsSpec, { challengeId: 1 }],
    ['one breach per ticket and deadline', breachesSpec, { ticketId: 1, kind: 1 }],
    ['one sighting per update id and scope', dedupeSpec, { scope: 1, eventId: 1 }],
    ['one escalation per ticket and reason', escalationsSpec, { ticketId: 1, reason: 1 }],
  ] as const)('Should enforce %s with a unique index', (_what, spec, keys) => {
    expect(find(spec, keys)).toMatchObject({ unique: true });
  });

  it('Should keep one pending job per key, while done jobs may share it (unique partial index)', () => {
    expect(find(jobsSpec, { key: 1 })).toEqual({ unique: true, partialFilterExpression: { pending: true } });
  });

  it('Should index only pending jobs by due time, so a tick reads the due ones only', () => {
    expect(find(jobsSpec, { dueAt: 1 })).toMatchObject({ partialFilterExpression: { pending: true } });
  });

  it('Should make a gateway payment id unique per provider only once it is set', () => {
    expect(find(paymentsSpec, { provider: 1, gatewayPaymentId: 1 })).toMatchObject({
      unique: true, partialFilterExpression: { gatewayPaymentId: { $gt: '' } },
    });
  });

  it.each([
    ['console sessions', consoleSessionsSpec],
    ['seen update ids', dedupeSpec],
    ['one-time-code challenges', otpSpec],
  ] as const)('Should let MongoDB delete expired %s (TTL on purgeAt)', (_what, spec) => {
    expect(find(spec, { purgeAt: 1 })).toMatchObject({ expireAfterSeconds: 0 });
  });

  it('Should give every partial index a filter MongoDB accepts (equality, $gt, $exists, $type only)', () => {
    const allowed = (filter: Record<string, unknown>): boolean => Object.values(filter).every((v) =>
      v === null ? false : typeof v !== 'object' || Object.keys(v as object).every((op) => ['$gt', '$gte', '$lt', '$lte', '$exists', '$type', '$eq'].includes(op)));
    for (const spec of COLLECTIONS) {
      for (const [keys, options] of indexes(spec)) {
        const filter = options.partialFilterExpression as Record<string, unknown> | undefined;
        if (filter) expect({ collection: spec.collection, keys, ok: allowed(filter) }).toEqual({ collection: spec.collection, keys, ok: true });
      }
    }
  });

  it('Should never declare two indexes with the same key pattern in one collection', () => {
    for (const spec of COLLECTIONS) {
      const patterns = indexes(spec).map(([k]) => JSON.stringify(k));
      expect({ collection: spec.collection, duplicates: patterns.filter((p, i) => patterns.indexOf(p) !== i) })
        .toEqual({ collection: spec.collection, duplicates: [] });
    }
  });
});

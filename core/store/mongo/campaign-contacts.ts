/**
 * @module MongoDB repository of campaign contacts (mirrors sqlite/campaign-contacts.ts). A claim is one
 * `findOneAndUpdate` from "ready" to "claimed" — of two agents racing for one contact, on any instances, exactly one
 * matches — followed by a conditional `$inc` of the quota counter (`taken < cap`), inside one transaction so a crash
 * between the two leaves neither. Outcomes and releases are transactions that write only while the claim is theirs.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import {
  CONTACT_STATES, EXCLUSION_REASONS, RESPONSE_CHANNELS, type CallAttempt, type Contact, type ContactState, type SurveyResponse,
} from '../../campaigns/model.ts';
import { OUTCOME_CODES } from '../../campaigns/outcomes.ts';
import type { ClaimRequest, ContactRepository, OutcomeRecord } from '../../campaigns/repository.ts';
import {
  ATTEMPT_COLUMNS, CONTACT_COLUMNS, DNC_COLUMNS, QUOTA_ALERT_COLUMNS, QUOTA_COLUMNS, RESPONSE_COLUMNS, type QuotaAlertRow,
} from '../campaign-columns.ts';
import { IS_SET, modelFor, schemaOptions } from './collection.ts';
import { inTransaction, insertUnlessDuplicate, upsertWithRetry } from './connection.ts';
import { campaignSpec, docCodec, type Doc } from './campaign-docs.ts';
import { doNotCallSpec } from './campaigns.ts';

const text = { type: String, default: null };
const when = { type: Date, default: null };

export const contactSchema = new Schema({
  _id: { type: String, required: true },
  campaignId: { type: String, required: true },
  phone: { type: String, required: true },
  name: text, accountNumber: text, region: text,
  language: { type: String, enum: ['kk', 'ru', null], default: null },
  tags: { type: [String], required: true },
  subscriberId: text,
  utcOffsetMinutes: { type: Number, required: true },
  state: { type: String, required: true, enum: CONTACT_STATES },
  priority: { type: Number, required: true, enum: [0, 1] },
  dueAt: { type: Date, required: true },
  reservedFor: text,
  attempts: { type: Number, required: true, min: 0 },
  lastOutcome: { type: String, enum: [...OUTCOME_CODES, null], default: null },
  lastAttemptAt: when, claimId: text, claimedBy: text, leaseUntil: when, quotaPeriod: text,
  excludedReason: { type: String, enum: [...EXCLUSION_REASONS, null], default: null },
  importId: text,
  line: { type: Number, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  closedAt: when,
}, schemaOptions);
// One contact per phone in a campaign: duplicates are merged (SQLite: UNIQUE (campaign_id, phone)).
contactSchema.index({ campaignId: 1, phone: 1 }, { unique: true });
// The claim queues, partial on waiting contacts (SQLite: campaign_contacts_due / _reserved).
contactSchema.index({ campaignId: 1, priority: 1, dueAt: 1 }, { partialFilterExpression: { state: 'ready' } });
contactSchema.index({ campaignId: 1, reservedFor: 1, dueAt: 1 }, { partialFilterExpression: { state: 'ready', reservedFor: IS_SET } });
contactSchema.index({ campaignId: 1, claimedBy: 1 }, { partialFilterExpression: { state: 'claimed' } });
contactSchema.index({ leaseUntil: 1 }, { partialFilterExpression: { state: 'claimed' } });
contactSchema.index({ campaignId: 1, createdAt: 1, _id: 1 });
contactSchema.index({ campaignId: 1, state: 1, createdAt: 1, _id: 1 });
export const contactsSpec = campaignSpec('CampaignContact', 'campaign_contacts', contactSchema, CONTACT_COLUMNS, 'id');

const attemptSchema = new Schema({
  _id: { type: String, required: true },
  campaignId: { type: String, required: true },
  contactId: { type: String, required: true },
  agentId: { type: String, required: true },
  claimedAt: { type: Date, required: true },
  endedAt: { type: Date, required: true },
  outcome: { type: String, required: true, enum: OUTCOME_CODES },
  callbackAt: when, callbackAgentId: text, note: text,
  effective: { type: Boolean, required: true },
  quotaPeriod: text,
}, schemaOptions);
attemptSchema.index({ contactId: 1, endedAt: 1 });
attemptSchema.index({ campaignId: 1, endedAt: 1 });
attemptSchema.index({ campaignId: 1, _id: 1 });
export const attemptsSpec = campaignSpec('CallAttempt', 'call_attempts', attemptSchema, ATTEMPT_COLUMNS, 'id');

const responseSchema = new Schema({
  _id: { type: String, required: true },
  campaignId: { type: String, required: true },
  questionnaireId: { type: String, required: true },
  channel: { type: String, required: true, enum: RESPONSE_CHANNELS },
  agentId: text,
  language: { type: String, required: true, enum: ['kk', 'ru'] },
  answers: { type: Schema.Types.Mixed, required: true },
  complete: { type: Boolean, required: true },
  updatedAt: { type: Date, required: true },
  completedAt: when,
}, schemaOptions);
responseSchema.index({ campaignId: 1, updatedAt: 1 });
responseSchema.index({ campaignId: 1, _id: 1 });
export const responsesSpec = campaignSpec('SurveyResponse', 'survey_responses', responseSchema, RESPONSE_COLUMNS, 'contactId');

const quotaSchema = new Schema({
  _id: { type: String, required: true },
  used: { type: Number, required: true, min: 0 },
  taken: { type: Number, required: true },
}, schemaOptions);
export const quotaSpec = campaignSpec('CampaignQuota', 'campaign_quota', quotaSchema, QUOTA_COLUMNS, 'period');

const alertSchema = new Schema({
  _id: { type: String, required: true },
  period: { type: String, required: true },
  threshold: { type: Number, required: true },
  at: { type: Date, required: true },
}, schemaOptions);
alertSchema.index({ period: 1, threshold: 1 });
export const quotaAlertsSpec = campaignSpec('CampaignQuotaAlert', 'campaign_quota_alerts', alertSchema, QUOTA_ALERT_COLUMNS, 'id');

const CLEAR_CLAIM = { claimId: null, claimedBy: null, leaseUntil: null, quotaPeriod: null };

export function mongoCampaignContacts(conn: Connection): ContactRepository {
  const Contacts = modelFor<Doc>(conn, contactsSpec);
  const Attempts = modelFor<Doc>(conn, attemptsSpec);
  const Responses = modelFor<Doc>(conn, responsesSpec);
  const Quota = modelFor<Doc>(conn, quotaSpec);
  const Alerts = modelFor<Doc>(conn, quotaAlertsSpec);
  const Dnc = modelFor<Doc>(conn, doNotCallSpec);
  const contacts = docCodec<Contact>(CONTACT_COLUMNS, 'id');
  const attempts = docCodec<CallAttempt>(ATTEMPT_COLUMNS, 'id');
  const responses = docCodec<SurveyResponse>(RESPONSE_COLUMNS, 'contactId');
  const dnc = docCodec(DNC_COLUMNS, 'phone');

  const ensureQuota = (period: string) => upsertWithRetry(() => Quota.updateOne({ _id: period }, { $setOnInsert: { used: 0, taken: 0 } }, { upsert: true }));
  const readQuota = async (period: string, session?: ClientSession) => {
    const d = await Quota.findById(period, null, { session }).lean<Doc>();
    return { period, used: (d?.used as number) ?? 0, taken: (d?.taken as number) ?? 0 };
  };
  const freeSlot = async (period: string | null, session: ClientSession) => {
    if (period) await Quota.updateOne({ _id: period }, { $inc: { taken: -1 } }, { session });
  };

  /** The claim queues in order: my promised call-backs, any due call-back, the due first calls and retries. */
  const queues = (r: ClaimRequest) => {
    const base = { campaignId: r.campaignId, state: 'ready', dueAt: { $lte: r.now }, utcOffsetMinutes: { $in: r.offsets } };
    const anyone = { $or: [{ reservedFor: null }, { dueAt: { $lte: r.reservedUntil } }] };
    return [{ ...base, reservedFor: r.agentId }, { ...base, priority: 0, ...anyone }, { ...base, priority: 1, ...anyone }];
  };

  const giveBack = (id: string, claimId: string, at: Date) => inTransaction(conn, async (session) => {
    const before = await Contacts.findOneAndUpdate({ _id: id, claimId, state: 'claimed' },
      { $set: { state: 'ready', ...CLEAR_CLAIM, updatedAt: at } }, { session }).lean<Doc>();
    if (!before) return false;
    await freeSlot(before.quotaPeriod as string | null, session);
    return true;
  });

  return {
    async get(id) {
      const d = await Contacts.findById(id).lean<Doc>();
      return d ? contacts.fromDoc(d) : null;
    },
    async countByState(campaignId) {
      const entries = await Promise.all(CONTACT_STATES.map(async (state) => [state, await Contacts.countDocuments({ campaignId, state })]));
      return Object.fromEntries(entries) as Record<ContactState, number>;
    },
    async list({ campaignId, state, cursor, limit }) {
      const m = cursor ? /^(\d+)\|(.+)$/.exec(cursor) : null;
      const after = m ? { $or: [{ createdAt: { $gt: new Date(Number(m[1])) } }, { createdAt: new Date(Number(m[1])), _id: { $gt: m[2] } }] } : {};
      const docs = await Contacts.find({ campaignId, ...(state ? { state } : {}), ...after }).sort({ createdAt: 1, _id: 1 }).limit(limit + 1).lean<Doc[]>();
      const items = docs.slice(0, limit).map(contacts.fromDoc);
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > limit && last ? `${last.createdAt.getTime()}|${last.id}` : null };
    },
    async claimNext(r) {
      await ensureQuota(r.quota.period);
      return inTransaction(conn, async (session) => {
        const claim = { $set: { state: 'claimed', claimId: r.claimId, claimedBy: r.agentId, leaseUntil: r.leaseUntil, quotaPeriod: r.quota.period, updatedAt: r.now } };
        let doc: Doc | null = null;
        for (const filter of queues(r)) {
          doc = await Contacts.findOneAndUpdate(filter, claim, { sort: { dueAt: 1, _id: 1 }, returnDocument: 'after', session }).lean<Doc>();
          if (doc) break;
        }
        if (!doc) return { kind: 'none' as const };
        const slot = r.quota.enforce ? { _id: r.quota.period, taken: { $lt: r.quota.cap } } : { _id: r.quota.period };
        if ((await Quota.updateOne(slot, { $inc: { taken: 1 } }, { session })).matchedCount === 1) {
          return { kind: 'claimed' as const, contact: contacts.fromDoc(doc) };
        }
        // The cap is reached: put the contact back as it was (no abort, so the transaction never needs a retry).
        await Contacts.updateOne({ _id: doc._id, claimId: r.claimId }, { $set: { state: 'ready', ...CLEAR_CLAIM } }, { session });
        return { kind: 'quota_reached' as const };
      });
    },
    async claimedBy(campaignId, agentId, now) {
      const d = await Contacts.findOne({ campaignId, state: 'claimed', claimedBy: agentId, leaseUntil: { $gt: now } }).lean<Doc>();
      return d ? contacts.fromDoc(d) : null;
    },
    async renewLease(contactId, claimId, now, until) {
      const filter = { _id: contactId, claimId, state: 'claimed', leaseUntil: { $gt: now } };
      return (await Contacts.updateOne(filter, { $set: { leaseUntil: until } })).matchedCount === 1;
    },
    release: giveBack,
    async exclude(contactId, claimId, reason, at) {
      return inTransaction(conn, async (session) => {
        const before = await Contacts.findOneAndUpdate({ _id: contactId, state: { $in: ['ready', 'claimed'] }, claimId },
          { $set: { state: 'excluded', excludedReason: reason, ...CLEAR_CLAIM, updatedAt: at, closedAt: at } }, { session }).lean<Doc>();
        if (!before) return false;
        await freeSlot(before.quotaPeriod as string | null, session);
        return true;
      });
    },
    async releaseExpired(now, limit) {
      const stale = await Contacts.find({ state: 'claimed', leaseUntil: { $lte: now } }, { claimId: 1 }).sort({ leaseUntil: 1 }).limit(limit).lean<Doc[]>();
      let n = 0;
      for (const d of stale) if (await giveBack(d._id as string, d.claimId as string, now)) n += 1;
      return n;
    },
    async recordOutcome(o: OutcomeRecord) {
      return inTransaction(conn, async (session) => {
        const common = { lastOutcome: o.attempt.outcome, lastAttemptAt: o.attempt.endedAt, ...CLEAR_CLAIM, updatedAt: o.at };
        const next = o.next.state === 'done'
          ? { ...common, state: 'done', closedAt: o.at }
          : { ...common, state: 'ready', dueAt: o.next.dueAt, priority: o.next.priority, reservedFor: o.next.reservedFor };
        const before = await Contacts.findOneAndUpdate({ _id: o.contactId, claimId: o.claimId, state: 'claimed' },
          { $set: next, $inc: { attempts: 1 } }, { session }).lean<Doc>();
        if (!before) return null;
        await Attempts.create([attempts.toDoc(o.attempt)], { session });
        if (o.response) {
          const { _id, ...rest } = responses.toDoc(o.response);
          await Responses.updateOne({ _id }, { $set: rest }, { upsert: true, session });
        }
        if (o.doNotCall) {
          const { _id, ...rest } = dnc.toDoc(o.doNotCall);
          await Dnc.updateOne({ _id }, { $setOnInsert: rest }, { upsert: true, session });
        }
        const period = (before.quotaPeriod as string | null) ?? null;
        if (o.attempt.effective) {
          const target = period ?? o.attempt.quotaPeriod!;
          await Quota.updateOne({ _id: target }, { $inc: { used: 1, taken: period ? 0 : 1 } }, { upsert: true, session });
          return { quota: await readQuota(target, session) };
        }
        await freeSlot(period, session);
        return { quota: period ? await readQuota(period, session) : null };
      });
    },
    async attempts(contactId) {
      return (await Attempts.find({ contactId }).sort({ endedAt: 1, _id: 1 }).lean<Doc[]>()).map(attempts.fromDoc);
    },
    async response(contactId) {
      const d = await Responses.findById(contactId).lean<Doc>();
      return d ? responses.fromDoc(d) : null;
    },
    async responses(campaignId, { after, limit }) {
      const docs = await Responses.find({ campaignId, ...(after ? { _id: { $gt: after } } : {}) }).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map(responses.fromDoc);
    },
    async campaignAttempts(campaignId, { after, limit }) {
      const docs = await Attempts.find({ campaignId, ...(after ? { _id: { $gt: after } } : {}) }).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map(attempts.fromDoc);
    },
    quota: (period) => readQuota(period),
    async raiseQuotaAlert(period, threshold, at) {
      const row: QuotaAlertRow = { id: `${period}:${threshold}`, period, threshold, at };
      return insertUnlessDuplicate(() => Alerts.create({ _id: row.id, period, threshold, at }));
    },
    async quotaAlerts(period) {
      return (await Alerts.find({ period }).sort({ threshold: 1 }).lean<Doc[]>()).map((d) => ({ threshold: d.threshold as number, at: d.at as Date }));
    },
  };
}

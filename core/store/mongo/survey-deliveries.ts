/**
 * @module MongoDB repositories of messenger surveys (mirrors sqlite/survey-deliveries.ts): every move of a delivery
 * record is one conditional update on the state it starts from; an answer moves the record and writes the response
 * in one transaction.
 */
import { Schema, type Connection } from 'mongoose';
import {
  DELIVERY_STATES, SURVEY_CHANNELS, type DeliveryState, type SurveyDelivery, type SurveyOptOut, type SurveyResponse,
} from '../../campaigns/model.ts';
import type { SurveyDeliveryRepository, SurveyOptOutRepository } from '../../campaigns/repository.ts';
import { DELIVERY_COLUMNS, OPT_OUT_COLUMNS, RESPONSE_COLUMNS } from '../campaign-columns.ts';
import { modelFor, schemaOptions } from './collection.ts';
import { inTransaction, insertUnlessDuplicate } from './connection.ts';
import { campaignSpec, docCodec, type Doc } from './campaign-docs.ts';
import { responsesSpec } from './campaign-contacts.ts';

const text = { type: String, default: null };
const when = { type: Date, default: null };

const deliverySchema = new Schema({
  _id: { type: String, required: true },
  campaignId: { type: String, required: true },
  contactId: { type: String, required: true },
  subscriberId: { type: String, required: true },
  chatKey: { type: String, required: true },
  channel: { type: String, required: true, enum: SURVEY_CHANNELS },
  state: { type: String, required: true, enum: DELIVERY_STATES },
  dueAt: { type: Date, required: true },
  attempts: { type: Number, required: true, min: 0 },
  questionId: text, messageId: text, error: text,
  sentAt: when, answeredAt: when,
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
}, schemaOptions);
deliverySchema.index({ campaignId: 1, dueAt: 1, _id: 1 }, { partialFilterExpression: { state: 'pending' } });
deliverySchema.index({ campaignId: 1, state: 1, _id: 1 });
deliverySchema.index({ chatKey: 1, sentAt: -1 }, { partialFilterExpression: { state: 'sent' } });
export const deliveriesSpec = campaignSpec('SurveyDelivery', 'survey_deliveries', deliverySchema, DELIVERY_COLUMNS, 'id');

const optOutSchema = new Schema({
  _id: { type: String, required: true },
  campaignId: text,
  at: { type: Date, required: true },
}, schemaOptions);
export const optOutsSpec = campaignSpec('SurveyOptOut', 'survey_opt_outs', optOutSchema, OPT_OUT_COLUMNS, 'subscriberId');

export function mongoSurveyDeliveries(conn: Connection): SurveyDeliveryRepository {
  const M = modelFor<Doc>(conn, deliveriesSpec);
  const Responses = modelFor<Doc>(conn, responsesSpec);
  const d = docCodec<SurveyDelivery>(DELIVERY_COLUMNS, 'id');
  const responses = docCodec<SurveyResponse>(RESPONSE_COLUMNS, 'contactId');
  const moved = async (filter: Doc, set: Doc, inc?: Doc) =>
    (await M.updateOne(filter, { $set: set, ...(inc ? { $inc: inc } : {}) })).matchedCount === 1;
  return {
    async seed(records) {
      let n = 0;
      for (const r of records) {
        const { _id, ...rest } = d.toDoc(r);
        const result = await M.updateOne({ _id }, { $setOnInsert: rest }, { upsert: true });
        n += result.upsertedCount ?? 0;
      }
      return n;
    },
    async get(id) {
      const doc = await M.findById(id).lean<Doc>();
      return doc ? d.fromDoc(doc) : null;
    },
    async due(campaignId, now, limit) {
      const docs = await M.find({ campaignId, state: 'pending', dueAt: { $lte: now } }).sort({ dueAt: 1, _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map(d.fromDoc);
    },
    begin: (id, at) => moved({ _id: id, state: 'pending' }, { state: 'sending', updatedAt: at }, { attempts: 1 }),
    settle(id, outcome, at) {
      const set = outcome.state === 'sent'
        ? { state: 'sent', messageId: outcome.messageId, questionId: outcome.questionId, error: null, sentAt: at, updatedAt: at }
        : { state: outcome.state, error: outcome.error, updatedAt: at };
      return moved({ _id: id, state: 'sending' }, set);
    },
    postpone: (id, dueAt, error, at) => moved({ _id: id, state: { $in: ['pending', 'sending'] } }, { state: 'pending', dueAt, error, updatedAt: at }),
    async strandSending(campaignId, at) {
      const r = await M.updateMany({ campaignId, state: 'sending' }, { $set: { state: 'ambiguous', error: 'interrupted', updatedAt: at } });
      return r.modifiedCount;
    },
    async openForChat(chatKey) {
      return (await M.find({ chatKey, state: 'sent' }).sort({ sentAt: -1, _id: 1 }).lean<Doc[]>()).map(d.fromDoc);
    },
    answer(a) {
      return inTransaction(conn, async (session) => {
        const end = a.nextQuestionId === null;
        const before = await M.findOneAndUpdate({ _id: a.deliveryId, state: 'sent', questionId: a.questionId },
          { $set: { questionId: a.nextQuestionId, state: end ? 'answered' : 'sent', answeredAt: end ? a.at : null, updatedAt: a.at } },
          { session }).lean<Doc>();
        if (!before) return false;
        const { _id, ...rest } = responses.toDoc(a.response);
        await Responses.updateOne({ _id }, { $set: rest }, { upsert: true, session });
        return true;
      });
    },
    move(id, from, to, at, error) {
      return moved({ _id: id, state: { $in: from } }, { state: to, updatedAt: at, ...(error != null ? { error } : {}) });
    },
    async expireOpen(campaignId, at) {
      const r = await M.updateMany({ campaignId, state: { $in: ['pending', 'sent'] } }, { $set: { state: 'expired', updatedAt: at } });
      return r.modifiedCount;
    },
    async countByState(campaignId) {
      const entries = await Promise.all(DELIVERY_STATES.map(async (state) => [state, await M.countDocuments({ campaignId, state })]));
      return Object.fromEntries(entries) as Record<DeliveryState, number>;
    },
    async list(campaignId, { state, after, limit }) {
      const docs = await M.find({ campaignId, ...(state ? { state } : {}), ...(after ? { _id: { $gt: after } } : {}) })
        .sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map(d.fromDoc);
    },
  };
}

export function mongoSurveyOptOuts(conn: Connection): SurveyOptOutRepository {
  const M = modelFor<Doc>(conn, optOutsSpec);
  const o = docCodec<SurveyOptOut>(OPT_OUT_COLUMNS, 'subscriberId');
  return {
    add: (optOut) => insertUnlessDuplicate(() => M.create(o.toDoc(optOut))),
    async remove(subscriberId) {
      return (await M.deleteOne({ _id: subscriberId })).deletedCount === 1;
    },
    async get(subscriberId) {
      const doc = await M.findById(subscriberId).lean<Doc>();
      return doc ? o.fromDoc(doc) : null;
    },
    async among(subscriberIds) {
      if (subscriberIds.length === 0) return new Set();
      const docs = await M.find({ _id: { $in: subscriberIds } }, { _id: 1 }).lean<Doc[]>();
      return new Set(docs.map((x) => x._id as string));
    },
  };
}

/**
 * @module MongoDB repositories of survey campaigns: questionnaires, campaigns and the do-not-call list (mirrors
 * sqlite/campaigns.ts). A change is one conditional update on the revision it was made on.
 */
import { Schema, type Connection } from 'mongoose';
import type { CampaignRepository, DoNotCallRepository, QuestionnaireRepository } from '../../campaigns/repository.ts';
import { CAMPAIGN_MODES, CAMPAIGN_STATES, DNC_SOURCES, type Campaign, type DoNotCallEntry, type Questionnaire } from '../../campaigns/model.ts';
import { CAMPAIGN_COLUMNS, DNC_COLUMNS, QUESTIONNAIRE_COLUMNS } from '../campaign-columns.ts';
import { modelFor, schemaOptions } from './collection.ts';
import { insertUnlessDuplicate } from './connection.ts';
import { campaignSpec, docCodec, type Doc } from './campaign-docs.ts';

const text = { type: String, default: null };
const when = { type: Date, default: null };

const questionnaireSchema = new Schema({
  _id: { type: String, required: true },
  familyId: { type: String, required: true },
  version: { type: Number, required: true, min: 1 },
  name: { type: String, required: true },
  greeting: { type: Schema.Types.Mixed, required: true },
  closing: { type: Schema.Types.Mixed, required: true },
  questions: { type: Schema.Types.Mixed, required: true },
  frozenAt: when,
  createdBy: text,
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  revision: { type: Number, required: true, min: 1 },
}, schemaOptions);
questionnaireSchema.index({ familyId: 1, version: 1 }, { unique: true });
questionnaireSchema.index({ updatedAt: -1 });

export const questionnairesSpec = campaignSpec('Questionnaire', 'questionnaires', questionnaireSchema, QUESTIONNAIRE_COLUMNS, 'id');

const campaignSchema = new Schema({
  _id: { type: String, required: true },
  name: { type: String, required: true },
  questionnaireId: { type: String, required: true },
  mode: { type: String, required: true, enum: CAMPAIGN_MODES },
  state: { type: String, required: true, enum: CAMPAIGN_STATES },
  startAt: when,
  endAt: when,
  callingHours: { type: Schema.Types.Mixed, required: true },
  retry: { type: Schema.Types.Mixed, required: true },
  agentIds: { type: [String], required: true },
  createdBy: text,
  createdAt: { type: Date, required: true },
  launchedBy: text,
  launchedAt: when,
  updatedAt: { type: Date, required: true },
  revision: { type: Number, required: true, min: 1 },
}, schemaOptions);
campaignSchema.index({ createdAt: -1 });
campaignSchema.index({ questionnaireId: 1 });

export const campaignsSpec = campaignSpec('Campaign', 'campaigns', campaignSchema, CAMPAIGN_COLUMNS, 'id');

const dncSchema = new Schema({
  _id: { type: String, required: true },
  source: { type: String, required: true, enum: DNC_SOURCES },
  note: text,
  addedBy: text,
  campaignId: text,
  addedAt: { type: Date, required: true },
}, schemaOptions);
dncSchema.index({ addedAt: -1, _id: -1 });

export const doNotCallSpec = campaignSpec('DoNotCall', 'do_not_call', dncSchema, DNC_COLUMNS, 'phone');

export function mongoQuestionnaires(conn: Connection): QuestionnaireRepository {
  const M = modelFor<Doc>(conn, questionnairesSpec);
  const q = docCodec<Questionnaire>(QUESTIONNAIRE_COLUMNS, 'id');
  return {
    async create(questionnaire) {
      await M.create(q.toDoc(questionnaire));
    },
    async get(id) {
      const d = await M.findById(id).lean<Doc>();
      return d ? q.fromDoc(d) : null;
    },
    async list() {
      return (await M.find().sort({ updatedAt: -1, _id: 1 }).lean<Doc[]>()).map(q.fromDoc);
    },
    async update(questionnaire, expectedRevision) {
      const { familyId: _f, version: _v, createdAt: _c, createdBy: _b, frozenAt: _z, revision: _r, ...rest } = questionnaire;
      const r = await M.updateOne({ _id: questionnaire.id, revision: expectedRevision, frozenAt: null }, { $set: q.set(rest), $inc: { revision: 1 } });
      return r.matchedCount === 1;
    },
    async freeze(id, at) {
      await M.updateOne({ _id: id, frozenAt: null }, { $set: { frozenAt: at } });
    },
    async latestVersion(familyId) {
      const d = await M.findOne({ familyId }).sort({ version: -1 }).lean<Doc>();
      return (d?.version as number | undefined) ?? 0;
    },
  };
}

export function mongoCampaigns(conn: Connection): CampaignRepository {
  const M = modelFor<Doc>(conn, campaignsSpec);
  const c = docCodec<Campaign>(CAMPAIGN_COLUMNS, 'id');
  return {
    async create(campaign) {
      await M.create(c.toDoc(campaign));
    },
    async get(id) {
      const d = await M.findById(id).lean<Doc>();
      return d ? c.fromDoc(d) : null;
    },
    async list(filter = {}) {
      const where = filter.states ? { state: { $in: filter.states } } : {};
      return (await M.find(where).sort({ createdAt: -1, _id: 1 }).lean<Doc[]>()).map(c.fromDoc);
    },
    async update(campaign, expectedRevision) {
      const { createdAt: _c, createdBy: _b, revision: _r, ...rest } = campaign;
      const r = await M.updateOne({ _id: campaign.id, revision: expectedRevision }, { $set: c.set(rest), $inc: { revision: 1 } });
      return r.matchedCount === 1;
    },
    async countUsing(questionnaireId) {
      return M.countDocuments({ questionnaireId });
    },
  };
}

export function mongoDoNotCall(conn: Connection): DoNotCallRepository {
  const M = modelFor<Doc>(conn, doNotCallSpec);
  const d = docCodec<DoNotCallEntry>(DNC_COLUMNS, 'phone');
  return {
    async add(entry) {
      return insertUnlessDuplicate(() => M.create(d.toDoc(entry)));
    },
    async remove(phone) {
      return (await M.deleteOne({ _id: phone })).deletedCount === 1;
    },
    async get(phone) {
      const doc = await M.findById(phone).lean<Doc>();
      return doc ? d.fromDoc(doc) : null;
    },
    async list({ limit, before, phone }) {
      if (phone) return (await M.find({ _id: phone }).lean<Doc[]>()).map(d.fromDoc);
      const where = before ? { $or: [{ addedAt: { $lt: before.at } }, { addedAt: before.at, _id: { $lt: before.phone } }] } : {};
      return (await M.find(where).sort({ addedAt: -1, _id: -1 }).limit(limit).lean<Doc[]>()).map(d.fromDoc);
    },
    async count() {
      return M.countDocuments();
    },
  };
}

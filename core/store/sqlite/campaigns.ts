/**
 * @module SQLite repositories of survey campaigns: questionnaires, campaigns and the do-not-call list (contacts and
 * imports are in campaign-contacts.ts and call-list-imports.ts). Changes apply at the revision they were made on.
 */
import type { CampaignRepository, DoNotCallRepository, QuestionnaireRepository } from '../../campaigns/repository.ts';
import type { Campaign, DoNotCallEntry, Questionnaire } from '../../campaigns/model.ts';
import { CAMPAIGN_COLUMNS, DNC_COLUMNS, QUESTIONNAIRE_COLUMNS } from '../campaign-columns.ts';
import { codec } from './codec.ts';
import type { Db } from './database.ts';

type Row = Record<string, unknown>;

export function sqliteQuestionnaires(db: Db): QuestionnaireRepository {
  const q = codec<Questionnaire>('questionnaires', QUESTIONNAIRE_COLUMNS);
  const insert = db.prepare(q.insert);
  const byId = db.prepare('SELECT * FROM questionnaires WHERE id = ?');
  const all = db.prepare('SELECT * FROM questionnaires ORDER BY updated_at DESC, id');
  const freeze = db.prepare('UPDATE questionnaires SET frozen_at = ? WHERE id = ? AND frozen_at IS NULL');
  const latest = db.prepare('SELECT MAX(version) FROM questionnaires WHERE family_id = ?').pluck();
  return {
    async create(questionnaire) {
      insert.run(...q.values(questionnaire));
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? q.read(r) : null;
    },
    async list() {
      return (all.all() as Row[]).map(q.read);
    },
    async update(questionnaire, expectedRevision) {
      const { id: _id, familyId: _f, version: _v, createdAt: _c, createdBy: _b, frozenAt: _z, revision: _r, ...rest } = questionnaire;
      const set = q.set(rest);
      const sql = `UPDATE questionnaires SET ${set.sql}, revision = revision + 1 WHERE id = ? AND revision = ? AND frozen_at IS NULL`;
      return db.prepare(sql).run(...set.values, questionnaire.id, expectedRevision).changes === 1;
    },
    async freeze(id, at) {
      freeze.run(at.getTime(), id);
    },
    async latestVersion(familyId) {
      return (latest.get(familyId) as number | null) ?? 0;
    },
  };
}

export function sqliteCampaigns(db: Db): CampaignRepository {
  const c = codec<Campaign>('campaigns', CAMPAIGN_COLUMNS);
  const insert = db.prepare(c.insert);
  const byId = db.prepare('SELECT * FROM campaigns WHERE id = ?');
  const all = db.prepare('SELECT * FROM campaigns ORDER BY created_at DESC, id');
  const using = db.prepare('SELECT COUNT(*) FROM campaigns WHERE questionnaire_id = ?').pluck();
  return {
    async create(campaign) {
      insert.run(...c.values(campaign));
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? c.read(r) : null;
    },
    async list(filter = {}) {
      const items = (all.all() as Row[]).map(c.read);
      return filter.states ? items.filter((x) => filter.states!.includes(x.state)) : items;
    },
    async update(campaign, expectedRevision) {
      const { id: _id, createdAt: _c, createdBy: _b, revision: _r, ...rest } = campaign;
      const set = c.set(rest);
      const sql = `UPDATE campaigns SET ${set.sql}, revision = revision + 1 WHERE id = ? AND revision = ?`;
      return db.prepare(sql).run(...set.values, campaign.id, expectedRevision).changes === 1;
    },
    async countUsing(questionnaireId) {
      return using.get(questionnaireId) as number;
    },
  };
}

export function sqliteDoNotCall(db: Db): DoNotCallRepository {
  const d = codec<DoNotCallEntry>('do_not_call', DNC_COLUMNS);
  const insert = db.prepare(`${d.insert} ON CONFLICT (phone) DO NOTHING`);
  const remove = db.prepare('DELETE FROM do_not_call WHERE phone = ?');
  const byPhone = db.prepare('SELECT * FROM do_not_call WHERE phone = ?');
  const first = db.prepare('SELECT * FROM do_not_call ORDER BY added_at DESC, phone DESC LIMIT ?');
  const next = db.prepare('SELECT * FROM do_not_call WHERE (added_at, phone) < (?, ?) ORDER BY added_at DESC, phone DESC LIMIT ?');
  const count = db.prepare('SELECT COUNT(*) FROM do_not_call').pluck();
  return {
    async add(entry) {
      return insert.run(...d.values(entry)).changes === 1;
    },
    async remove(phone) {
      return remove.run(phone).changes === 1;
    },
    async get(phone) {
      const r = byPhone.get(phone) as Row | undefined;
      return r ? d.read(r) : null;
    },
    async list({ limit, before, phone }) {
      if (phone) return (byPhone.all(phone) as Row[]).map(d.read);
      const rows = before ? next.all(before.at.getTime(), before.phone, limit) : first.all(limit);
      return (rows as Row[]).map(d.read);
    },
    async count() {
      return count.get() as number;
    },
  };
}

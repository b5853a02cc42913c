/**
 * @module SQLite repositories of messenger surveys: the delivery record of each recipient (every move conditional on
 * the state it starts from) and the survey opt-outs. An answer moves the record and writes the response in one
 * transaction, so a second answer to the same question changes nothing.
 */
import { DELIVERY_STATES, type DeliveryState, type SurveyDelivery, type SurveyOptOut, type SurveyResponse } from '../../campaigns/model.ts';
import type { SurveyDeliveryRepository, SurveyOptOutRepository } from '../../campaigns/repository.ts';
import { DELIVERY_COLUMNS, OPT_OUT_COLUMNS, RESPONSE_COLUMNS } from '../campaign-columns.ts';
import { codec } from './codec.ts';
import { preparedOnce, type Db } from './database.ts';

type Row = Record<string, unknown>;

export function sqliteSurveyDeliveries(db: Db): SurveyDeliveryRepository {
  const prepared = preparedOnce(db);
  const d = codec<SurveyDelivery>('survey_deliveries', DELIVERY_COLUMNS);
  const responses = codec<SurveyResponse>('survey_responses', RESPONSE_COLUMNS);
  const insert = db.prepare(`${d.insert} ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare('SELECT * FROM survey_deliveries WHERE id = ?');
  const due = db.prepare(`SELECT * FROM survey_deliveries INDEXED BY survey_deliveries_due
    WHERE campaign_id = ? AND state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`);
  const begin = db.prepare(`UPDATE survey_deliveries SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'pending'`);
  const sent = db.prepare(`UPDATE survey_deliveries SET state = 'sent', message_id = ?, question_id = ?, error = NULL, sent_at = ?, updated_at = ?
    WHERE id = ? AND state = 'sending'`);
  const ended = db.prepare(`UPDATE survey_deliveries SET state = ?, error = ?, updated_at = ? WHERE id = ? AND state = 'sending'`);
  const postpone = db.prepare(`UPDATE survey_deliveries SET state = 'pending', due_at = ?, error = ?, updated_at = ?
    WHERE id = ? AND state IN ('pending', 'sending')`);
  const strand = db.prepare(`UPDATE survey_deliveries SET state = 'ambiguous', error = 'interrupted', updated_at = ?
    WHERE campaign_id = ? AND state = 'sending'`);
  const openFor = db.prepare(`SELECT * FROM survey_deliveries WHERE chat_key = ? AND state = 'sent' ORDER BY sent_at DESC, id`);
  const advance = db.prepare(`UPDATE survey_deliveries SET question_id = ?, state = ?, answered_at = ?, updated_at = ?
    WHERE id = ? AND state = 'sent' AND question_id = ?`);
  const upsertResponse = db.prepare(`${responses.insert} ON CONFLICT (contact_id) DO UPDATE SET questionnaire_id = excluded.questionnaire_id,
    channel = excluded.channel, agent_id = excluded.agent_id, language = excluded.language, answers = excluded.answers,
    complete = excluded.complete, updated_at = excluded.updated_at, completed_at = excluded.completed_at`);
  const expire = db.prepare(`UPDATE survey_deliveries SET state = 'expired', updated_at = ? WHERE campaign_id = ? AND state IN ('pending', 'sent')`);
  const counts = db.prepare('SELECT state, COUNT(*) AS n FROM survey_deliveries WHERE campaign_id = ? GROUP BY state');
  const list = db.prepare('SELECT * FROM survey_deliveries WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?');
  const listState = db.prepare('SELECT * FROM survey_deliveries WHERE campaign_id = ? AND state = ? AND id > ? ORDER BY id LIMIT ?');

  const seed = db.transaction((records: SurveyDelivery[]) => records.reduce((n, r) => n + insert.run(...d.values(r)).changes, 0));
  const answer = db.transaction((a: Parameters<SurveyDeliveryRepository['answer']>[0]) => {
    const state = a.nextQuestionId === null ? 'answered' : 'sent';
    const answeredAt = a.nextQuestionId === null ? a.at.getTime() : null;
    if (advance.run(a.nextQuestionId, state, answeredAt, a.at.getTime(), a.deliveryId, a.questionId).changes !== 1) return false;
    upsertResponse.run(...responses.values(a.response));
    return true;
  });

  return {
    async seed(records) {
      return seed.immediate(records);
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? d.read(r) : null;
    },
    async due(campaignId, now, limit) {
      return (due.all(campaignId, now.getTime(), limit) as Row[]).map(d.read);
    },
    async begin(id, at) {
      return begin.run(at.getTime(), id).changes === 1;
    },
    async settle(id, outcome, at) {
      const t = at.getTime();
      const r = outcome.state === 'sent'
        ? sent.run(outcome.messageId, outcome.questionId, t, t, id)
        : ended.run(outcome.state, outcome.error, t, id);
      return r.changes === 1;
    },
    async postpone(id, dueAt, error, at) {
      return postpone.run(dueAt.getTime(), error, at.getTime(), id).changes === 1;
    },
    async strandSending(campaignId, at) {
      return strand.run(at.getTime(), campaignId).changes;
    },
    async openForChat(chatKey) {
      return (openFor.all(chatKey) as Row[]).map(d.read);
    },
    async answer(record) {
      return answer.immediate(record);
    },
    async move(id, from, to, at, error) {
      const marks = from.map(() => '?').join(', ');
      const sql = `UPDATE survey_deliveries SET state = ?, error = COALESCE(?, error), updated_at = ? WHERE id = ? AND state IN (${marks})`;
      return prepared(sql).run(to, error ?? null, at.getTime(), id, ...from).changes === 1;
    },
    async expireOpen(campaignId, at) {
      return expire.run(at.getTime(), campaignId).changes;
    },
    async countByState(campaignId) {
      const out = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
      for (const r of counts.all(campaignId) as Array<{ state: DeliveryState; n: number }>) out[r.state] = r.n;
      return out;
    },
    async list(campaignId, { state, after, limit }) {
      const rows = state ? listState.all(campaignId, state, after ?? '', limit) : list.all(campaignId, after ?? '', limit);
      return (rows as Row[]).map(d.read);
    },
  };
}

export function sqliteSurveyOptOuts(db: Db): SurveyOptOutRepository {
  const o = codec<SurveyOptOut>('survey_opt_outs', OPT_OUT_COLUMNS);
  const insert = db.prepare(`${o.insert} ON CONFLICT (subscriber_id) DO NOTHING`);
  const remove = db.prepare('DELETE FROM survey_opt_outs WHERE subscriber_id = ?');
  const byId = db.prepare('SELECT * FROM survey_opt_outs WHERE subscriber_id = ?');
  const among = db.prepare('SELECT subscriber_id FROM survey_opt_outs WHERE subscriber_id IN (SELECT value FROM json_each(?))').pluck();
  return {
    async add(optOut) {
      return insert.run(...o.values(optOut)).changes === 1;
    },
    async remove(subscriberId) {
      return remove.run(subscriberId).changes === 1;
    },
    async get(subscriberId) {
      const r = byId.get(subscriberId) as Row | undefined;
      return r ? o.read(r) : null;
    },
    async among(subscriberIds) {
      if (subscriberIds.length === 0) return new Set();
      return new Set(among.all(JSON.stringify(subscriberIds)) as string[]);
    },
  };
}

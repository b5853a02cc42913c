/**
 * @module SQLite repository of campaign contacts: claims with their quota slot, leases, outcomes, attempts, answers and
 * the quota counter. A claim and an outcome are each one IMMEDIATE transaction, which takes the database's write lock
 * before reading, so two connections — two instances on one file — can never pick the same contact or overshoot the cap.
 */
import type { CallAttempt, Contact, ContactState, SurveyResponse } from '../../campaigns/model.ts';
import { CONTACT_STATES } from '../../campaigns/model.ts';
import type { ClaimRequest, ContactRepository, OutcomeRecord } from '../../campaigns/repository.ts';
import { ATTEMPT_COLUMNS, CONTACT_COLUMNS, DNC_COLUMNS, RESPONSE_COLUMNS, type QuotaAlertRow, QUOTA_ALERT_COLUMNS } from '../campaign-columns.ts';
import { codec } from './codec.ts';
import { preparedOnce, type Db } from './database.ts';

type Row = Record<string, unknown>;


export function sqliteCampaignContacts(db: Db): ContactRepository {
  const prepared = preparedOnce(db);
  const contacts = codec<Contact>('campaign_contacts', CONTACT_COLUMNS);
  const attempts = codec<CallAttempt>('call_attempts', ATTEMPT_COLUMNS);
  const responses = codec<SurveyResponse>('survey_responses', RESPONSE_COLUMNS);
  const dnc = codec('do_not_call', DNC_COLUMNS);
  const alerts = codec<QuotaAlertRow>('campaign_quota_alerts', QUOTA_ALERT_COLUMNS);

  const byId = db.prepare('SELECT * FROM campaign_contacts WHERE id = ?');
  const byCampaign = db.prepare('SELECT rowid AS seq, * FROM campaign_contacts WHERE campaign_id = ? AND rowid > ? ORDER BY rowid LIMIT ?');
  const byState = db.prepare('SELECT rowid AS seq, * FROM campaign_contacts WHERE campaign_id = ? AND state = ? AND rowid > ? ORDER BY rowid LIMIT ?');
  const counts = db.prepare('SELECT state, COUNT(*) AS n FROM campaign_contacts WHERE campaign_id = ? GROUP BY state');
  const offsets = "utc_offset_minutes IN (SELECT value FROM json_each(?))";
  // The three queues of a claim, each a walk down a partial index on waiting contacts.
  const mine = db.prepare(`SELECT id FROM campaign_contacts INDEXED BY campaign_contacts_reserved
    WHERE campaign_id = ? AND state = 'ready' AND reserved_for = ? AND due_at <= ? AND ${offsets} ORDER BY due_at LIMIT 1`);
  const due = db.prepare(`SELECT id FROM campaign_contacts INDEXED BY campaign_contacts_due
    WHERE campaign_id = ? AND state = 'ready' AND priority = ? AND due_at <= ? AND (reserved_for IS NULL OR due_at <= ?)
    AND ${offsets} ORDER BY due_at LIMIT 1`);
  const take = db.prepare(`UPDATE campaign_contacts SET state = 'claimed', claim_id = ?, claimed_by = ?, lease_until = ?,
    quota_period = ?, updated_at = ? WHERE id = ? AND state = 'ready' RETURNING *`);
  const ensureQuota = db.prepare('INSERT INTO campaign_quota (period, used, taken) VALUES (?, 0, 0) ON CONFLICT (period) DO NOTHING');
  const readQuota = db.prepare('SELECT period, used, taken FROM campaign_quota WHERE period = ?');
  const moveQuota = db.prepare('UPDATE campaign_quota SET used = used + ?, taken = taken + ? WHERE period = ?');
  const held = db.prepare(`SELECT * FROM campaign_contacts INDEXED BY campaign_contacts_claimed
    WHERE campaign_id = ? AND state = 'claimed' AND claimed_by = ? AND lease_until > ? LIMIT 1`);
  const renew = db.prepare(`UPDATE campaign_contacts SET lease_until = ? WHERE id = ? AND claim_id = ? AND state = 'claimed' AND lease_until > ?`);
  const back = db.prepare(`UPDATE campaign_contacts SET state = 'ready', claim_id = NULL, claimed_by = NULL, lease_until = NULL,
    quota_period = NULL, updated_at = ? WHERE id = ? AND claim_id = ? AND state = 'claimed'`);
  const exclude = db.prepare(`UPDATE campaign_contacts SET state = 'excluded', excluded_reason = ?, claim_id = NULL, claimed_by = NULL,
    lease_until = NULL, quota_period = NULL, updated_at = ?, closed_at = ? WHERE id = ? AND state IN ('ready', 'claimed')
    AND (claim_id IS ? OR claim_id = ?) RETURNING 1`);
  const holdOf = db.prepare('SELECT quota_period FROM campaign_contacts WHERE id = ?').pluck();
  const expired = db.prepare(`SELECT id, claim_id FROM campaign_contacts INDEXED BY campaign_contacts_lease
    WHERE state = 'claimed' AND lease_until <= ? ORDER BY lease_until LIMIT ?`);
  const insertAttempt = db.prepare(attempts.insert);
  const upsertResponse = db.prepare(`${responses.insert} ON CONFLICT (contact_id) DO UPDATE SET questionnaire_id = excluded.questionnaire_id,
    channel = excluded.channel, agent_id = excluded.agent_id, language = excluded.language, answers = excluded.answers,
    complete = excluded.complete, updated_at = excluded.updated_at, completed_at = excluded.completed_at`);
  const insertDnc = db.prepare(`${dnc.insert} ON CONFLICT (phone) DO NOTHING`);
  const attemptsOf = db.prepare('SELECT * FROM call_attempts WHERE contact_id = ? ORDER BY ended_at, id');
  const responseOf = db.prepare('SELECT * FROM survey_responses WHERE contact_id = ?');
  const insertAlert = db.prepare(`${alerts.insert} ON CONFLICT (id) DO NOTHING`);
  const alertsOf = db.prepare('SELECT * FROM campaign_quota_alerts WHERE period = ? ORDER BY threshold');
  const responsesOf = db.prepare('SELECT * FROM survey_responses WHERE campaign_id = ? AND contact_id > ? ORDER BY contact_id LIMIT ?');
  const attemptsOfCampaign = db.prepare('SELECT * FROM call_attempts WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?');

  const quotaNow = (period: string) => (readQuota.get(period) as { period: string; used: number; taken: number } | undefined) ?? { period, used: 0, taken: 0 };

  /** Frees the contact's quota slot, if it held one. */
  const freeSlot = (period: string | null) => {
    if (period) moveQuota.run(0, -1, period);
  };

  const claim = db.transaction((r: ClaimRequest) => {
    const list = JSON.stringify(r.offsets);
    const found = (mine.get(r.campaignId, r.agentId, r.now.getTime(), list)
      ?? due.get(r.campaignId, 0, r.now.getTime(), r.reservedUntil.getTime(), list)
      ?? due.get(r.campaignId, 1, r.now.getTime(), r.reservedUntil.getTime(), list)) as { id: string } | undefined;
    if (!found) return { kind: 'none' as const };
    ensureQuota.run(r.quota.period);
    if (r.quota.enforce && quotaNow(r.quota.period).taken >= r.quota.cap) return { kind: 'quota_reached' as const };
    moveQuota.run(0, 1, r.quota.period);
    const row = take.get(r.claimId, r.agentId, r.leaseUntil.getTime(), r.quota.period, r.now.getTime(), found.id) as Row;
    return { kind: 'claimed' as const, contact: contacts.read(row) };
  });

  const giveBack = db.transaction((id: string, claimId: string, at: Date) => {
    const period = holdOf.get(id) as string | null | undefined;
    if (back.run(at.getTime(), id, claimId).changes !== 1) return false;
    freeSlot(period ?? null);
    return true;
  });

  const outcome = db.transaction((o: OutcomeRecord) => {
    const period = holdOf.get(o.contactId) as string | null | undefined;
    const base = { updatedAt: o.at, attempts: undefined, lastOutcome: o.attempt.outcome, lastAttemptAt: o.attempt.endedAt, claimId: null, claimedBy: null, leaseUntil: null, quotaPeriod: null };
    const patch = o.next.state === 'done'
      ? { ...base, state: 'done' as const, closedAt: o.at }
      : { ...base, state: 'ready' as const, dueAt: o.next.dueAt, priority: o.next.priority, reservedFor: o.next.reservedFor };
    const set = contacts.set(patch);
    const changed = prepared(`UPDATE campaign_contacts SET ${set.sql}, attempts = attempts + 1 WHERE id = ? AND claim_id = ? AND state = 'claimed'`)
      .run(...set.values, o.contactId, o.claimId).changes;
    if (changed !== 1) return null;
    insertAttempt.run(...attempts.values(o.attempt));
    if (o.response) upsertResponse.run(...responses.values(o.response));
    if (o.doNotCall) insertDnc.run(...dnc.values(o.doNotCall));
    if (o.attempt.effective) {
      const target = period ?? o.attempt.quotaPeriod!;
      ensureQuota.run(target);
      moveQuota.run(1, period ? 0 : 1, target);
      return { quota: quotaNow(target) };
    }
    freeSlot(period ?? null);
    return { quota: period ? quotaNow(period) : null };
  });

  return {
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? contacts.read(r) : null;
    },
    async countByState(campaignId) {
      const out = Object.fromEntries(CONTACT_STATES.map((s) => [s, 0])) as Record<ContactState, number>;
      for (const r of counts.all(campaignId) as Array<{ state: ContactState; n: number }>) out[r.state] = r.n;
      return out;
    },
    async list({ campaignId, state, cursor, limit }) {
      // Insertion order (rowid); the cursor is the last rowid of the page.
      const after = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
      const rows = (state ? byState.all(campaignId, state, after, limit + 1) : byCampaign.all(campaignId, after, limit + 1)) as Row[];
      const items = rows.slice(0, limit).map(contacts.read);
      return { items, nextCursor: rows.length > limit ? String(rows[limit - 1]!.seq) : null };
    },
    async claimNext(request) {
      return claim.immediate(request);
    },
    async claimedBy(campaignId, agentId, now) {
      const r = held.get(campaignId, agentId, now.getTime()) as Row | undefined;
      return r ? contacts.read(r) : null;
    },
    async renewLease(contactId, claimId, now, until) {
      return renew.run(until.getTime(), contactId, claimId, now.getTime()).changes === 1;
    },
    async release(contactId, claimId, at) {
      return giveBack.immediate(contactId, claimId, at);
    },
    async exclude(contactId, claimId, reason, at) {
      return db.transaction(() => {
        const period = holdOf.get(contactId) as string | null | undefined;
        const done = exclude.get(reason, at.getTime(), at.getTime(), contactId, claimId, claimId) !== undefined;
        if (done) freeSlot(period ?? null);
        return done;
      }).immediate();
    },
    async releaseExpired(now, limit) {
      let n = 0;
      for (const r of expired.all(now.getTime(), limit) as Array<{ id: string; claim_id: string }>) {
        if (giveBack.immediate(r.id, r.claim_id, now)) n += 1;
      }
      return n;
    },
    async recordOutcome(record) {
      return outcome.immediate(record);
    },
    async attempts(contactId) {
      return (attemptsOf.all(contactId) as Row[]).map(attempts.read);
    },
    async response(contactId) {
      const r = responseOf.get(contactId) as Row | undefined;
      return r ? responses.read(r) : null;
    },
    async responses(campaignId, { after, limit }) {
      return (responsesOf.all(campaignId, after ?? '', limit) as Row[]).map(responses.read);
    },
    async campaignAttempts(campaignId, { after, limit }) {
      return (attemptsOfCampaign.all(campaignId, after ?? '', limit) as Row[]).map(attempts.read);
    },
    async quota(period) {
      return quotaNow(period);
    },
    async raiseQuotaAlert(period, threshold, at) {
      return insertAlert.run(...alerts.values({ id: `${period}:${threshold}`, period, threshold, at })).changes === 1;
    },
    async quotaAlerts(period) {
      return (alertsOf.all(period) as Row[]).map((r) => {
        const a = alerts.read(r);
        return { threshold: a.threshold, at: a.at };
      });
    },
  };
}

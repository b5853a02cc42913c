/**
 * The calling screen's use cases and the campaign's life: "next contact" only for assigned agents of a running
 * campaign inside calling hours (seed 003 cl. 4), every outcome code doing what its flags say, the do-not-call list
 * and muted notifications checked again before every attempt (cl. 32(21)), leases, and the quota of effective calls
 * (seed 003 cl. 10) stopping or warning at its cap with alerts at 80 % and 95 %.
 */
import { describe, expect, it } from 'vitest';
import type { Campaign, Contact, Questionnaire } from '../../core/campaigns/model.ts';
import type { OutcomeCode } from '../../core/campaigns/outcomes.ts';
import { saveQuotaSettings } from '../../core/campaigns/quota.ts';
import { setHead } from '../../core/campaigns/questionnaire-edits.ts';
import { AGENT, MARKETING, campaignFixture, completeQuestionnaire, importFile, csvList, runningCampaign, type CampaignFixture } from './fixture.ts';

const almaty = (local: string) => new Date(`${local}+05:00`);

async function claim(f: CampaignFixture, c: Campaign, agent = AGENT): Promise<Contact> {
  const r = await f.campaigns.nextContact(c.id, agent);
  if (r.kind !== 'claimed' && r.kind !== 'holding') throw new Error(`no contact: ${r.kind}`);
  return r.contact;
}

/** A full answer sheet: q1 "Yes", q2 two uses, q3 9, q4 5, q5 a wish. */
function fullAnswers(q: Questionnaire): Record<string, string | string[]> {
  const [q1, q2, q3, q4, q5] = q.questions;
  return { [q1!.id]: q1!.options[0]!.id, [q2!.id]: [q2!.options[0]!.id, q2!.options[2]!.id], [q3!.id]: '9', [q4!.id]: '5', [q5!.id]: 'Жылдамырақ болсын' };
}

async function record(f: CampaignFixture, contact: Contact, outcome: OutcomeCode, extra: Partial<Parameters<CampaignFixture['campaigns']['recordOutcome']>[0]> = {}) {
  return f.campaigns.recordOutcome({ contactId: contact.id, claimId: contact.claimId!, agentId: contact.claimedBy!, outcome, answers: {}, language: 'kk', ...extra });
}

describe('next contact', () => {
  it('Should give contacts only to assigned agents of a running campaign, one at a time', async () => {
    const f = await campaignFixture();
    const c = await runningCampaign(f, 3);
    expect(await f.campaigns.nextContact(c.id, 'stranger')).toEqual({ kind: 'not_assigned' });
    const first = await claim(f, c);
    expect(await f.campaigns.nextContact(c.id, AGENT)).toMatchObject({ kind: 'holding', contact: { id: first.id } });
    expect((await claim(f, c, 'agent-2')).id).not.toBe(first.id);
    await f.campaigns.move(c.id, 'paused', MARKETING);
    expect(await f.campaigns.nextContact(c.id, 'agent-2')).toMatchObject({ kind: 'holding' });
    expect(await f.campaigns.nextContact(c.id, 'agent-3')).toEqual({ kind: 'not_assigned' });
    await f.campaigns.assignAgents(c.id, [AGENT, 'agent-2', 'agent-3'], MARKETING);
    expect(await f.campaigns.nextContact(c.id, 'agent-3')).toEqual({ kind: 'not_running' });
  });

  it('Should hand out nothing outside calling hours and say when they open (seed 003 cl. 4)', async () => {
    const f = await campaignFixture(almaty('2026-03-02T10:00:00').toISOString());
    const c = await runningCampaign(f, 3);
    f.clock.set(almaty('2026-03-02T21:30:00'));
    expect(await f.campaigns.nextContact(c.id, AGENT)).toEqual({ kind: 'closed', opensAt: almaty('2026-03-03T09:00:00') });
    f.clock.set(almaty('2026-03-07T09:59:00'));
    expect(await f.campaigns.nextContact(c.id, AGENT)).toEqual({ kind: 'closed', opensAt: almaty('2026-03-07T10:00:00') });
  });

  it('Should check the do-not-call list and muted notifications again before every attempt (cl. 32(21))', async () => {
    const f = await campaignFixture();
    const c = await runningCampaign(f, 3);
    await f.campaigns.addToDoNotCall('+77011000000', 'позвонил на линию, просил не звонить', MARKETING);
    await f.store.subscribers.create({ id: 's', fullName: 'x', phone: '+77011000001', iin: null, category: 'individual', language: 'kk', notificationsMuted: true, createdAt: f.clock.now() });
    const given = await claim(f, c);
    expect(given.phone).toBe('+77011000002');
    expect(await f.campaigns.counts(c.id)).toMatchObject({ excluded: 2, claimed: 1 });
    expect((await f.store.campaignContacts.list({ campaignId: c.id, state: 'excluded', limit: 5 })).items.map((x) => x.excludedReason).sort()).toEqual(['do_not_call', 'opted_out']);
  });

  it('Should give a contact back when its agent closed the browser, once the lease runs out; a heartbeat keeps it', async () => {
    const f = await campaignFixture();
    const c = await runningCampaign(f, 1);
    const held = await claim(f, c);
    f.clock.advance(150_000);
    expect(await f.campaigns.heartbeat(held.id, held.claimId!, AGENT)).toBe(true);
    f.clock.advance(150_000);
    expect(await f.campaigns.nextContact(c.id, 'agent-2')).toEqual({ kind: 'none' });
    f.clock.advance(181_000);
    expect(await f.campaigns.heartbeat(held.id, held.claimId!, AGENT)).toBe(false);
    expect((await claim(f, c, 'agent-2')).id).toBe(held.id);
    expect(await record(f, held, 'busy')).toEqual({ ok: false, reason: 'calling.error.claim_lost' });
  });
});

describe('outcome codes, each as its flags say', () => {
  it('Should count an effective call only with the survey complete, keep its answers and close the contact', async () => {
    const f = await campaignFixture();
    const c = await runningCampaign(f, 2);
    const q = (await f.campaigns.getQuestionnaire(c.questionnaireId))!;
    const contact = await claim(f, c);
    const [q1, , , q4] = q.questions;
    expect(await record(f, contact, 'effective', { answers: { [q1!.id]: q1!.options[0]!.id } }))
      .toEqual({ ok: false, reason: 'calling.error.incomplete', params: { questions: '2, 3, 4' } });
    expect(await record(f, contact, 'effective', { answers: { ...fullAnswers(q), [q4!.id]: '7' } }))
      .toEqual({ ok: false, reason: 'calling.error.answer.not_on_scale', params: { n: 4 } });
    const done = await record(f, contact, 'effective', { answers: fullAnswers(q) });
    expect(done).toMatchObject({ ok: true, value: { next: { state: 'done' }, quota: { used: 1, pending: 0 } } });
    expect(await record(f, contact, 'effective', { answers: fullAnswers(q) })).toEqual({ ok: false, reason: 'calling.error.claim_lost' });
    expect(await f.store.campaignContacts.response(contact.id)).toMatchObject({ complete: true, channel: 'call', answers: { [q4!.id]: 5 } });
    expect((await f.campaigns.quota()).used).toBe(1);
  });

  it('Should accept a short survey when the skip logic ends it early (q1 "No" goes to q4)', async () => {
    const f = await campaignFixture();
    const c = await runningCampaign(f, 1);
    const q = (await f.campaigns.getQuestionnaire(c.questionnaireId))!;
    const [q1, q2, , q4] = q.questions;
    const contact = await claim(f, c);
    const r = await record(f, contact, 'effective', { answers: { [q1!.id]: q1!.options[1]!.id, [q2!.id]: q2!.options[0]!.id, [q4!.id]: '2' } });
    expect(r.ok).toBe(true);
    expect((await f.store.campaignContacts.response(contact.id))!.answers).toEqual({ [q1!.id]: q1!.options[1]!.id, [q4!.id]: 2 });
  });

  it.each<[OutcomeCode, string, object]>([
    ['no_answer', 'again 2 h later', { state: 'ready', dueAt: almaty('2026-03-02T12:00:00'), priority: 1, attempts: 1 }],
    ['busy', 'again 2 h later', { state: 'ready', dueAt: almaty('2026-03-02T12:00:00'), priority: 1, attempts: 1 }],
    ['partial', 'once more the next day, answers kept', { state: 'ready', dueAt: almaty('2026-03-03T10:00:00'), attempts: 1 }],
    ['refused', 'closed', { state: 'done', lastOutcome: 'refused' }],
    ['wrong_number', 'closed', { state: 'done', lastOutcome: 'wrong_number' }],
  ])('Should handle %s: %s', async (code, _what, expected) => {
    const f = await campaignFixture(almaty('2026-03-02T10:00:00').toISOString());
    const c = await runningCampaign(f, 1);
    const q = (await f.campaigns.getQuestionnaire(c.questionnaireId))!;
    const contact = await claim(f, c);
    const r = await record(f, contact, code, { answers: { [q.questions[0]!.id]: q.questions[0]!.options[0]!.id } });
    expect(r).toMatchObject({ ok: true, value: { quota: { used: 0, pending: 0 } } });
    expect(await f.store.campaignContacts.get(contact.id)).toMatchObject(expected);
    expect(Boolean(await f.store.campaignContacts.response(contact.id))).toBe(code === 'partial');
    expect(await f.campaigns.nextContact(c.id, AGENT)).toEqual({ kind: 'none' });
  });

  it('Should close a contact after its third unanswered call, with "no answer" as its last code', async () => {
    const f = await campaignFixture(almaty('2026-03-02T10:00:00').toISOString());
    const c = await runningCampaign(f, 1);
    for (const at of ['2026-03-02T10:00:00', '2026-03-02T12:00:00', '2026-03-02T14:00:00']) {
      f.clock.set(almaty(at));
      expect((await record(f, await claim(f, c), 'no_answer')).ok).toBe(true);
    }
    expect((await f.store.campaignContacts.list({ campaignId: c.id, limit: 1 })).items[0]).toMatchObject({ state: 'done', attempts: 3, lastOutcome: 'no_answer' });
  });

  it('Should keep a call-back for its agent at the agreed time, ahead of other calls, and refuse a time outside calling hours', async () => {
    const f = await campaignFixture(almaty('2026-03-02T10:00:00').toISOString());
    const c = await runningCampaign(f, 3);
    const contact = await claim(f, c);
    expect(await record(f, contact, 'callback', { callbackAt: almaty('2026-03-02T23:00:00') })).toEqual({ ok: false, reason: 'calling.error.callback_outside_hours' });
    expect(await record(f, contact, 'callback')).toEqual({ ok: false, reason: 'calling.error.callback_time' });
    expect((await record(f, contact, 'callback', { callbackAt: almaty('2026-03-02T15:00:00'), callbackMine: true })).ok).toBe(true);
    f.clock.set(almaty('2026-03-02T15:05:00'));
    expect((await claim(f, c, 'agent-2')).id).not.toBe(contact.id);
    expect((await claim(f, c)).id).toBe(contact.id);
  });

  it('Should put the number on the do-not-call list, so no campaign calls it again', async () => {
    const f = await campaignFixture();
    const c = await runningCampaign(f, 1);
    const contact = await claim(f, c);
    expect((await record(f, contact, 'do_not_call')).ok).toBe(true);
    expect(await f.store.doNotCall.get(contact.phone)).toMatchObject({ source: 'outcome', addedBy: AGENT, campaignId: c.id });
    const other = await runningCampaign(f, 0).catch(() => null);
    expect(other).toBeNull(); // a campaign without contacts cannot launch
    const q = await completeQuestionnaire(f);
    const second = await f.campaigns.create({ ...(await f.campaigns.defaultSettings(q.id)), name: 'B', endAt: almaty('2026-04-30T21:00:00') }, MARKETING);
    const imported = await importFile(f, second.ok ? second.value.id : '', csvList(1));
    expect(imported.ok && imported.value).toMatchObject({ imported: 0, rejected: 1 });
  });
});

describe('the quota of effective calls (seed 003 cl. 10)', () => {
  async function effective(f: CampaignFixture, c: Campaign, agent = AGENT) {
    const q = (await f.campaigns.getQuestionnaire(c.questionnaireId))!;
    const contact = await claim(f, c, agent);
    return record(f, contact, 'effective', { answers: fullAnswers(q) });
  }

  it('Should stop handing out contacts at the cap in mode "stop", counting calls in progress as pending', async () => {
    const f = await campaignFixture();
    await saveQuotaSettings(f.store.settings, { cap: 2, mode: 'stop', periodStart: '01-01' });
    const c = await runningCampaign(f, 5);
    expect((await effective(f, c)).ok).toBe(true);
    await claim(f, c, 'agent-2');
    const refused = await f.campaigns.nextContact(c.id, AGENT);
    expect(refused).toMatchObject({ kind: 'quota_reached', quota: { used: 1, pending: 1, full: true } });
    const held = await claim(f, c, 'agent-2');
    await record(f, held, 'no_answer');
    expect((await effective(f, c)).ok).toBe(true);
    expect(await f.campaigns.nextContact(c.id, 'agent-2')).toMatchObject({ kind: 'quota_reached', quota: { used: 2, pending: 0, left: 0 } });
  });

  it('Should only warn in mode "notify", and alert supervisors and marketing once at 80 %, 95 % and the cap', async () => {
    const f = await campaignFixture();
    await saveQuotaSettings(f.store.settings, { cap: 20, mode: 'notify', periodStart: '01-01' });
    const c = await runningCampaign(f, 22);
    for (let i = 0; i < 21; i += 1) expect((await effective(f, c)).ok).toBe(true);
    expect(await f.campaigns.quota()).toMatchObject({ used: 21, full: true, left: 0 });
    expect((await f.campaigns.quotaAlerts()).map((a) => a.threshold)).toEqual([80, 95, 100]);
    const audited = await f.store.audit.list({ action: 'campaign.quota_threshold' });
    expect(audited.map((a) => a.details.threshold).sort()).toEqual([100, 80, 95]);
  });
});

describe('campaign life: launch, freeze, schedule, end', () => {
  it('Should refuse to launch until the questionnaire is complete in kk and ru, and freeze it once launched', async () => {
    const f = await campaignFixture();
    const q = await completeQuestionnaire(f);
    const broken = await f.campaigns.editQuestionnaire(q.id, q.revision, MARKETING, 'head', (x) => setHead(x, { name: x.name, greeting: { kk: x.greeting.kk, ru: '' }, closing: x.closing }));
    if (!broken.ok) throw new Error(broken.reason);
    const c = await f.campaigns.create({ ...(await f.campaigns.defaultSettings(q.id)), name: 'X', endAt: almaty('2026-04-01T21:00:00') }, MARKETING);
    if (!c.ok) throw new Error(c.reason);
    await importFile(f, c.value.id, csvList(2));
    expect(await f.campaigns.launch(c.value.id, MARKETING)).toEqual({ ok: false, reason: 'error.launch_blocked', params: { count: 1 } });
    expect(await f.campaigns.checklist(c.value.id)).toEqual([{ key: 'problem.missing_ru', params: { where: 'greeting' } }]);
    const fixed = await f.campaigns.editQuestionnaire(q.id, broken.value.revision, MARKETING, 'head', (x) => setHead(x, { name: x.name, greeting: { kk: x.greeting.kk, ru: 'Здравствуйте' }, closing: x.closing }));
    expect(fixed.ok).toBe(true);
    expect(await f.campaigns.launch(c.value.id, MARKETING)).toMatchObject({ ok: true, value: { state: 'running', launchedBy: MARKETING.id } });
    const frozen = (await f.campaigns.getQuestionnaire(q.id))!;
    expect(frozen.frozenAt).not.toBeNull();
    expect(await f.campaigns.editQuestionnaire(q.id, frozen.revision, MARKETING, 'head', (x) => setHead(x, { ...x }))).toEqual({ ok: false, reason: 'error.frozen' });
    const v2 = await f.campaigns.newQuestionnaireVersion(q.id, MARKETING);
    expect(v2).toMatchObject({ ok: true, value: { familyId: q.familyId, version: 2, frozenAt: null } });
    const audit = (await f.store.audit.list({ entity: 'campaign', entityId: c.value.id })).map((a) => [a.action, a.actorId]);
    expect(audit).toContainEqual(['campaign.create', MARKETING.id]);
    expect(audit).toContainEqual(['campaign.launch', MARKETING.id]);
  });

  it('Should start a scheduled campaign at its start and finish it at its end, by the scheduler', async () => {
    const f = await campaignFixture(almaty('2026-03-02T10:00:00').toISOString());
    const q = await completeQuestionnaire(f);
    const c = await f.campaigns.create({ ...(await f.campaigns.defaultSettings(q.id)), name: 'Later', startAt: almaty('2026-03-03T09:00:00'), endAt: almaty('2026-03-04T21:00:00') }, MARKETING);
    if (!c.ok) throw new Error(c.reason);
    await importFile(f, c.value.id, csvList(2));
    expect(await f.campaigns.launch(c.value.id, MARKETING)).toMatchObject({ ok: true, value: { state: 'scheduled' } });
    await f.scheduler.tick();
    expect((await f.campaigns.get(c.value.id))!.state).toBe('scheduled');
    f.clock.set(almaty('2026-03-03T09:00:00'));
    await f.scheduler.tick();
    expect((await f.campaigns.get(c.value.id))!.state).toBe('running');
    f.clock.set(almaty('2026-03-04T21:00:00'));
    await f.scheduler.tick();
    expect((await f.campaigns.get(c.value.id))!.state).toBe('finished');
    expect(await f.campaigns.move(c.value.id, 'running', MARKETING)).toEqual({ ok: false, reason: 'error.bad_state' });
    expect(await f.campaigns.move(c.value.id, 'archived', MARKETING)).toMatchObject({ ok: true, value: { state: 'archived' } });
  });
});

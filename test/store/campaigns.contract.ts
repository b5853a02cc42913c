/**
 * @module Store contract: survey campaigns — questionnaires and campaigns at a revision, the do-not-call list, import
 * batches (idempotent: a repeated batch changes nothing), claims (two instances never get the same contact; the
 * call-back order; leases), outcomes recorded once, and the quota counter under concurrent claims (seed 003 cl. 10).
 */
import { describe, expect, it } from 'vitest';
import type { CallListImport, Campaign, Contact, Questionnaire } from '../../core/campaigns/model.ts';
import type { ClaimRequest, ImportBatch, OutcomeRecord } from '../../core/campaigns/repository.ts';
import type { Store } from '../../core/store/store.ts';
import type { StoreFactory } from './stores.ts';
import { aSubscriber, anAccount } from './foundation.contract.ts';
import { DEFAULT_RETRY } from '../../core/campaigns/outcomes.ts';
import { DEFAULT_CALLING_HOURS } from '../../core/campaigns/calling-hours.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const PERIOD = '2026-01-01';

const aQuestionnaire = (over: Partial<Questionnaire> = {}): Questionnaire => ({
  id: 'q-1', familyId: 'q-1', version: 1, name: 'CSAT', greeting: { kk: 'Сәлеметсіз бе', ru: 'Здравствуйте' }, closing: { kk: 'Рақмет', ru: 'Спасибо' },
  questions: [{ id: 'a', type: 'csat', text: { kk: 'Бағалаңыз', ru: 'Оцените' }, required: true, options: [], skip: [] }],
  frozenAt: null, createdBy: 'u-1', createdAt: t0, updatedAt: t0, revision: 1, ...over,
});

const aCampaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'c-1', name: 'Megaline CSAT', questionnaireId: 'q-1', mode: 'calls', state: 'draft', startAt: null, endAt: null,
  callingHours: DEFAULT_CALLING_HOURS, retry: { ...DEFAULT_RETRY }, agentIds: [], createdBy: 'u-1', createdAt: t0,
  launchedBy: null, launchedAt: null, updatedAt: t0, revision: 1, ...over,
});

export const aContact = (over: Partial<Contact> = {}): Contact => ({
  id: 'k-1', campaignId: 'c-1', phone: '+77011234567', name: 'Айгүл', accountNumber: '100000000001', region: 'Алматы',
  language: 'kk', tags: ['vip'], subscriberId: null, utcOffsetMinutes: 300, state: 'ready', priority: 1, dueAt: t0,
  reservedFor: null, attempts: 0, lastOutcome: null, lastAttemptAt: null, claimId: null, claimedBy: null, leaseUntil: null,
  quotaPeriod: null, excludedReason: null, importId: 'i-1', line: 2, createdAt: t0, updatedAt: t0, closedAt: null, ...over,
});

const anImport = (over: Partial<CallListImport> = {}): CallListImport => ({
  id: 'i-1', campaignId: 'c-1', source: 'file', fileName: 'list.csv', format: 'csv', encoding: 'auto', bytes: 120, segment: null,
  status: 'importing', error: null, totalRows: 3, checkedRows: 3, processedRows: 0, imported: 0, merged: 0, rejected: 0,
  warnings: 0, createdBy: 'u-1', createdAt: t0, updatedAt: t0, finishedAt: null, ...over,
});

const phone = (i: number) => `+7701${String(1000000 + i).slice(-7)}`;
const contacts = (n: number, over: (i: number) => Partial<Contact> = () => ({})) =>
  Array.from({ length: n }, (_, i) => aContact({ id: `k-${i}`, phone: phone(i), createdAt: at(i), ...over(i) }));

async function seed(s: Store, list: Contact[]): Promise<void> {
  await s.callListImports.create(anImport({ id: 'seed', processedRows: 0 }));
  const ok = await s.callListImports.applyBatch({
    importId: 'seed', expectedProcessed: 0, processedAfter: list.length, inserts: list, merges: [], issues: [],
    counts: { imported: list.length, merged: 0, rejected: 0, warnings: 0 }, at: t0,
  });
  expect(ok).toBe(true);
}

const claimRequest = (over: Partial<ClaimRequest> = {}): ClaimRequest => ({
  campaignId: 'c-1', agentId: 'agent-1', claimId: `claim-${Math.random()}`, now: at(60), leaseUntil: at(63), offsets: [300],
  reservedUntil: at(30), quota: { period: PERIOD, cap: 5000, enforce: true }, ...over,
});

const outcome = (contact: Contact, over: Partial<OutcomeRecord> = {}, effective = false): OutcomeRecord => ({
  contactId: contact.id, claimId: contact.claimId!, at: at(65), next: { state: 'done' }, response: null, doNotCall: null,
  attempt: {
    id: `att-${contact.claimId}`, campaignId: contact.campaignId, contactId: contact.id, agentId: contact.claimedBy!,
    claimedAt: at(60), endedAt: at(65), outcome: effective ? 'effective' : 'refused', callbackAt: null, callbackAgentId: null,
    note: null, effective, quotaPeriod: PERIOD,
  },
  ...over,
});

export function campaignsContract(open: () => Promise<Store>, factory: StoreFactory): void {
  describe('questionnaires and campaigns', () => {
    it('Should keep every field and apply an edit only at the revision it was made on, never to a frozen version', async () => {
      const s = await open();
      await s.questionnaires.create(aQuestionnaire());
      expect(await s.questionnaires.get('q-1')).toEqual(aQuestionnaire());
      expect(await s.questionnaires.update(aQuestionnaire({ name: 'NPS', updatedAt: at(1) }), 1)).toBe(true);
      expect(await s.questionnaires.update(aQuestionnaire({ name: 'lost race' }), 1)).toBe(false);
      expect(await s.questionnaires.get('q-1')).toMatchObject({ name: 'NPS', revision: 2, updatedAt: at(1) });
      await s.questionnaires.freeze('q-1', at(2));
      await s.questionnaires.freeze('q-1', at(3));
      expect((await s.questionnaires.get('q-1'))!.frozenAt).toEqual(at(2));
      expect(await s.questionnaires.update(aQuestionnaire({ name: 'after freeze' }), 2)).toBe(false);
      await s.questionnaires.create(aQuestionnaire({ id: 'q-2', version: 2 }));
      expect(await s.questionnaires.latestVersion('q-1')).toBe(2);
      expect(await s.questionnaires.latestVersion('none')).toBe(0);
    });

    it('Should store campaigns at a revision, list them newest first by state, and count those using a questionnaire', async () => {
      const s = await open();
      await s.campaigns.create(aCampaign());
      await s.campaigns.create(aCampaign({ id: 'c-2', createdAt: at(1), state: 'running' }));
      expect(await s.campaigns.get('c-1')).toEqual(aCampaign());
      expect(await s.campaigns.update(aCampaign({ state: 'scheduled', agentIds: ['a-1'], startAt: at(5) }), 1)).toBe(true);
      expect(await s.campaigns.update(aCampaign({ state: 'running' }), 1)).toBe(false);
      expect(await s.campaigns.get('c-1')).toMatchObject({ state: 'scheduled', agentIds: ['a-1'], startAt: at(5), revision: 2 });
      expect((await s.campaigns.list()).map((c) => c.id)).toEqual(['c-2', 'c-1']);
      expect((await s.campaigns.list({ states: ['running'] })).map((c) => c.id)).toEqual(['c-2']);
      expect(await s.campaigns.countUsing('q-1')).toBe(2);
    });
  });

  describe('do-not-call list', () => {
    it('Should list a number once, newest first in pages, and take it off again', async () => {
      const s = await open();
      const entry = { phone: '+77011234567', source: 'manual' as const, note: 'просил не звонить', addedBy: 'u-1', campaignId: null, addedAt: t0 };
      expect(await s.doNotCall.add(entry)).toBe(true);
      expect(await s.doNotCall.add({ ...entry, note: 'again', addedAt: at(1) })).toBe(false);
      await s.doNotCall.add({ ...entry, phone: '+77021234567', addedAt: at(2) });
      await s.doNotCall.add({ ...entry, phone: '+77051234567', addedAt: at(2) });
      expect(await s.doNotCall.get('+77011234567')).toEqual(entry);
      const first = await s.doNotCall.list({ limit: 2 });
      expect(first.map((e) => e.phone)).toEqual(['+77051234567', '+77021234567']);
      const rest = await s.doNotCall.list({ limit: 2, before: { at: first[1]!.addedAt, phone: first[1]!.phone } });
      expect(rest.map((e) => e.phone)).toEqual(['+77011234567']);
      expect(await s.doNotCall.count()).toBe(3);
      expect(await s.doNotCall.remove('+77011234567')).toBe(true);
      expect(await s.doNotCall.remove('+77011234567')).toBe(false);
    });
  });

  describe('call-list imports', () => {
    const batch = (over: Partial<ImportBatch> = {}): ImportBatch => ({
      importId: 'i-1', expectedProcessed: 0, processedAfter: 3, at: at(1),
      inserts: [aContact({ id: 'k-1', line: 2 }), aContact({ id: 'k-2', phone: '+77021234567', line: 3 })],
      merges: [], counts: { imported: 2, merged: 1, rejected: 0, warnings: 0 },
      issues: [{ importId: 'i-1', line: 4, column: 'phone', reason: 'duplicate', outcome: 'merged', value: '87011234567', mergedIntoLine: 2 }],
      ...over,
    });

    it('Should apply a batch once: the same batch again (a retry, a second instance) changes nothing', async () => {
      const s = await open();
      await s.callListImports.create(anImport());
      expect(await s.callListImports.applyBatch(batch())).toBe(true);
      expect(await s.callListImports.applyBatch(batch())).toBe(false);
      expect(await s.callListImports.get('i-1')).toMatchObject({ processedRows: 3, imported: 2, merged: 1, updatedAt: at(1) });
      expect(await s.campaignContacts.countByState('c-1')).toEqual({ ready: 2, claimed: 0, done: 0, excluded: 0 });
      expect(await s.callListImports.issues('i-1', { limit: 10 })).toEqual(batch().issues);
      expect(await s.campaignContacts.get('k-1')).toEqual(aContact({ id: 'k-1', line: 2 }));
    });

    it('Should merge into existing contacts and page the report by line', async () => {
      const s = await open();
      await s.callListImports.create(anImport());
      await s.callListImports.applyBatch(batch());
      const issue = (line: number) => ({ importId: 'i-1', line, column: 'language', reason: 'unknown_language' as const, outcome: 'warning' as const, value: 'en', mergedIntoLine: null });
      expect(await s.callListImports.applyBatch(batch({
        expectedProcessed: 3, processedAfter: 6, inserts: [], merges: [{ id: 'k-2', patch: { name: 'Ержан', tags: ['a', 'b'] } }],
        issues: [issue(6), issue(5)], counts: { imported: 0, merged: 1, rejected: 0, warnings: 2 },
      }))).toBe(true);
      expect(await s.campaignContacts.get('k-2')).toMatchObject({ name: 'Ержан', tags: ['a', 'b'], updatedAt: at(1) });
      expect((await s.callListImports.issues('i-1', { afterLine: 4, limit: 1 })).map((i) => i.line)).toEqual([5]);
      expect((await s.callListImports.contactsByPhone('c-1', ['+77021234567', '+77770000000'])).map((c) => c.id)).toEqual(['k-2']);
    });

    it('Should keep the file in chunks until deleted, and list unfinished imports oldest first', async () => {
      const s = await open();
      await s.callListImports.create(anImport({ status: 'queued' }));
      await s.callListImports.create(anImport({ id: 'i-2', status: 'done', createdAt: at(1) }));
      await s.callListImports.create(anImport({ id: 'i-3', status: 'checking', createdAt: at(2) }));
      const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x41]);
      await s.callListImports.addChunk('i-1', 0, bytes);
      expect(await s.callListImports.chunk('i-1', 0)).toEqual(bytes);
      expect(await s.callListImports.chunk('i-1', 1)).toBeNull();
      await s.callListImports.deleteChunks('i-1');
      expect(await s.callListImports.chunk('i-1', 0)).toBeNull();
      expect((await s.callListImports.listUnfinished(10)).map((i) => i.id)).toEqual(['i-1', 'i-3']);
      await s.callListImports.setProgress('i-3', { status: 'failed', error: { reason: 'import.error.empty', params: {} }, finishedAt: at(3) }, at(3));
      expect(await s.callListImports.get('i-3')).toMatchObject({ status: 'failed', error: { reason: 'import.error.empty', params: {} }, finishedAt: at(3) });
      expect((await s.callListImports.listByCampaign('c-1')).map((i) => i.id)).toEqual(['i-3', 'i-2', 'i-1']);
    });

    it('Should tell which numbers are on the do-not-call list or belong to a subscriber who muted notifications', async () => {
      const s = await open();
      await s.subscribers.create(aSubscriber({ id: 'sub-1', phone: '+77011234567' }));
      await s.subscribers.setNotificationsMuted('sub-1', true);
      await s.doNotCall.add({ phone: '+77021234567', source: 'outcome', note: null, addedBy: null, campaignId: null, addedAt: t0 });
      const facts = await s.callListImports.phoneFacts(['+77011234567', '+77021234567', '+77051234567']);
      expect(Object.fromEntries(facts)).toEqual({
        '+77011234567': { doNotCall: false, subscriberId: 'sub-1', muted: true },
        '+77021234567': { doNotCall: true, subscriberId: null, muted: false },
        '+77051234567': { doNotCall: false, subscriberId: null, muted: false },
      });
    });

    it('Should draw a segment of subscribers by region, status, category, language and linked channel', async () => {
      const s = await open();
      await s.subscribers.create(aSubscriber({ id: 'sub-1', phone: '+77011234567', language: 'kk' }));
      await s.subscribers.create(aSubscriber({ id: 'sub-2', phone: '+77021234567', language: 'ru', category: 'entrepreneur' }));
      await s.accounts.create(anAccount({ id: 'acc-1', number: '100000000001', subscriberId: 'sub-1', region: 'Алматытелеком' }));
      await s.accounts.create(anAccount({ id: 'acc-2', number: '100000000002', subscriberId: 'sub-2', region: 'Астанателеком' }));
      await s.chats.touch('telegram', '42', t0);
      await s.chats.link('telegram:42', { subscriberId: 'sub-1', phone: '+77011234567', linkedAt: t0, expiresAt: at(9999) });
      const none = { regions: [], planIds: [], statuses: [], categories: [], channels: [], languages: [] };
      expect((await s.callListImports.segmentPage(none, null, 10)).candidates.map((c) => c.subscriberId)).toEqual(['sub-1', 'sub-2']);
      const page = await s.callListImports.segmentPage({ ...none, channels: ['telegram'] }, null, 10);
      expect(page.candidates).toEqual([{ subscriberId: 'sub-1', phone: '+77011234567', name: aSubscriber().fullName, accountNumber: '100000000001', region: 'Алматытелеком', language: 'kk' }]);
      expect((await s.callListImports.segmentPage({ ...none, categories: ['entrepreneur'], languages: ['ru'] }, null, 10)).candidates.map((c) => c.subscriberId)).toEqual(['sub-2']);
      expect((await s.callListImports.segmentPage({ ...none, regions: ['Астанателеком'] }, null, 10)).candidates.map((c) => c.subscriberId)).toEqual(['sub-2']);
      const first = await s.callListImports.segmentPage(none, null, 1);
      expect(first.next).toBe('acc-1');
      expect((await s.callListImports.segmentPage(none, first.next, 1)).candidates.map((c) => c.subscriberId)).toEqual(['sub-2']);
      expect(await s.callListImports.regions()).toEqual(['Алматытелеком', 'Астанателеком']);
    });
  });

  describe('claims', () => {
    it('Should hand out a promised call-back to its agent first, then due call-backs, then the oldest due calls', async () => {
      const s = await open();
      await seed(s, [
        aContact({ id: 'late', phone: phone(1), dueAt: at(10) }),
        aContact({ id: 'early', phone: phone(2), dueAt: at(5) }),
        aContact({ id: 'future', phone: phone(3), dueAt: at(500) }),
        aContact({ id: 'cb-anyone', phone: phone(4), priority: 0, dueAt: at(50) }),
        aContact({ id: 'cb-mine', phone: phone(5), priority: 0, dueAt: at(55), reservedFor: 'agent-1' }),
        aContact({ id: 'cb-other', phone: phone(6), priority: 0, dueAt: at(40), reservedFor: 'agent-2' }),
        aContact({ id: 'elsewhere', phone: phone(7), dueAt: at(0), utcOffsetMinutes: 360 }),
      ]);
      const order: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const r = await s.campaignContacts.claimNext(claimRequest());
        if (r.kind === 'claimed') order.push(r.contact.id);
      }
      expect(order).toEqual(['cb-mine', 'cb-anyone', 'early', 'late']);
      const later = await s.campaignContacts.claimNext(claimRequest({ agentId: 'agent-3', reservedUntil: at(45) }));
      expect(later).toMatchObject({ kind: 'claimed', contact: { id: 'cb-other', claimedBy: 'agent-3', state: 'claimed', quotaPeriod: PERIOD } });
    });

    it('Should never give two instances the same contact when agents press "next" at the same moment', async () => {
      const [a, b] = await factory.openPair();
      await seed(a, contacts(30));
      const press = (s: Store, agent: number) => s.campaignContacts.claimNext(claimRequest({ agentId: `agent-${agent}`, claimId: `claim-${agent}` }));
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => press(i % 2 ? a : b, i)));
      const claimed = results.flatMap((r) => (r.kind === 'claimed' ? [r.contact.id] : []));
      expect(claimed).toHaveLength(30);
      expect(new Set(claimed).size).toBe(30);
      expect(results.filter((r) => r.kind === 'none')).toHaveLength(10);
      expect(await b.campaignContacts.quota(PERIOD)).toEqual({ period: PERIOD, used: 0, taken: 30 });
    });

    it('Should keep a claim while its lease is renewed, and give it back (with its quota slot) once the lease runs out', async () => {
      const s = await open();
      await seed(s, contacts(2));
      const r = await s.campaignContacts.claimNext(claimRequest({ claimId: 'c1' }));
      expect(r.kind).toBe('claimed');
      expect((await s.campaignContacts.claimedBy('c-1', 'agent-1', at(62)))?.id).toBe('k-0');
      expect(await s.campaignContacts.renewLease('k-0', 'c1', at(62), at(70))).toBe(true);
      expect(await s.campaignContacts.renewLease('k-0', 'other-claim', at(62), at(90))).toBe(false);
      expect(await s.campaignContacts.renewLease('k-0', 'c1', at(70), at(90))).toBe(false);
      expect(await s.campaignContacts.releaseExpired(at(69), 10)).toBe(0);
      expect(await s.campaignContacts.releaseExpired(at(70), 10)).toBe(1);
      expect(await s.campaignContacts.get('k-0')).toMatchObject({ state: 'ready', claimId: null, claimedBy: null, quotaPeriod: null, attempts: 0 });
      expect(await s.campaignContacts.quota(PERIOD)).toEqual({ period: PERIOD, used: 0, taken: 0 });
      expect(await s.campaignContacts.claimedBy('c-1', 'agent-1', at(71))).toBeNull();
    });

    it('Should exclude a contact found on the do-not-call list and free its slot', async () => {
      const s = await open();
      await seed(s, contacts(2));
      const r = await s.campaignContacts.claimNext(claimRequest({ claimId: 'c1' }));
      expect(await s.campaignContacts.exclude('k-0', 'c1', 'do_not_call', at(61))).toBe(true);
      expect(await s.campaignContacts.exclude('k-1', null, 'opted_out', at(61))).toBe(true);
      expect(r.kind).toBe('claimed');
      expect(await s.campaignContacts.countByState('c-1')).toEqual({ ready: 0, claimed: 0, done: 0, excluded: 2 });
      expect(await s.campaignContacts.get('k-0')).toMatchObject({ excludedReason: 'do_not_call', closedAt: at(61) });
      expect(await s.campaignContacts.quota(PERIOD)).toEqual({ period: PERIOD, used: 0, taken: 0 });
    });
  });

  describe('outcomes and the quota (seed 003 cl. 10)', () => {
    it('Should record an outcome once per claim, with its attempt, answers, do-not-call entry and the counter', async () => {
      const s = await open();
      await seed(s, contacts(2));
      const r = await s.campaignContacts.claimNext(claimRequest({ claimId: 'c1' }));
      if (r.kind !== 'claimed') throw new Error('no claim');
      const response = {
        contactId: 'k-0', campaignId: 'c-1', questionnaireId: 'q-1', channel: 'call' as const, agentId: 'agent-1', language: 'kk' as const,
        answers: { a: 5 }, complete: true, updatedAt: at(65), completedAt: at(65),
      };
      const record = outcome(r.contact, { response }, true);
      expect(await s.campaignContacts.recordOutcome(record)).toEqual({ quota: { period: PERIOD, used: 1, taken: 1 } });
      expect(await s.campaignContacts.recordOutcome(record)).toBeNull();
      expect(await s.campaignContacts.get('k-0')).toMatchObject({ state: 'done', attempts: 1, lastOutcome: 'effective', claimId: null, closedAt: at(65) });
      expect(await s.campaignContacts.attempts('k-0')).toEqual([record.attempt]);
      expect(await s.campaignContacts.response('k-0')).toEqual(response);

      const second = await s.campaignContacts.claimNext(claimRequest({ claimId: 'c2' }));
      if (second.kind !== 'claimed') throw new Error('no claim');
      const dnc = { phone: second.contact.phone, source: 'outcome' as const, note: null, addedBy: 'agent-1', campaignId: 'c-1', addedAt: at(65) };
      expect(await s.campaignContacts.recordOutcome(outcome(second.contact, {
        next: { state: 'ready', dueAt: at(200), priority: 0, reservedFor: 'agent-1' }, doNotCall: dnc,
      }))).toEqual({ quota: { period: PERIOD, used: 1, taken: 1 } });
      expect(await s.campaignContacts.get('k-1')).toMatchObject({ state: 'ready', dueAt: at(200), priority: 0, reservedFor: 'agent-1', attempts: 1 });
      expect(await s.doNotCall.get(second.contact.phone)).toEqual(dnc);
    });

    it('Should never let concurrent claims overshoot the cap: pending calls count (mode "stop")', async () => {
      const [a, b] = await factory.openPair();
      await seed(a, contacts(20));
      const quota = { period: PERIOD, cap: 5, enforce: true };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).campaignContacts.claimNext(claimRequest({ agentId: `agent-${i}`, claimId: `q${i}`, quota }))));
      expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(5);
      expect(results.filter((r) => r.kind === 'quota_reached')).toHaveLength(15);
      expect(await a.campaignContacts.quota(PERIOD)).toEqual({ period: PERIOD, used: 0, taken: 5 });
      expect(await a.campaignContacts.countByState('c-1')).toMatchObject({ claimed: 5, ready: 15 });
      // A call that ends without effect gives its slot back; an effective one keeps it as used.
      const held = results.flatMap((r) => (r.kind === 'claimed' ? [r.contact] : []));
      await a.campaignContacts.recordOutcome(outcome(held[0]!));
      await b.campaignContacts.recordOutcome(outcome(held[1]!, {}, true));
      expect(await b.campaignContacts.quota(PERIOD)).toEqual({ period: PERIOD, used: 1, taken: 4 });
      expect((await a.campaignContacts.claimNext(claimRequest({ claimId: 'again', quota }))).kind).toBe('claimed');
      expect((await a.campaignContacts.claimNext(claimRequest({ claimId: 'full', quota }))).kind).toBe('quota_reached');
    });

    it('Should go on past the cap in mode "notify", and alert each threshold once per period', async () => {
      const s = await open();
      await seed(s, contacts(3));
      const quota = { period: PERIOD, cap: 1, enforce: false };
      for (let i = 0; i < 3; i += 1) expect((await s.campaignContacts.claimNext(claimRequest({ claimId: `n${i}`, quota }))).kind).toBe('claimed');
      expect(await s.campaignContacts.quota(PERIOD)).toEqual({ period: PERIOD, used: 0, taken: 3 });
      expect(await s.campaignContacts.raiseQuotaAlert(PERIOD, 80, at(1))).toBe(true);
      expect(await s.campaignContacts.raiseQuotaAlert(PERIOD, 80, at(2))).toBe(false);
      expect(await s.campaignContacts.raiseQuotaAlert('2027-01-01', 80, at(3))).toBe(true);
      await s.campaignContacts.raiseQuotaAlert(PERIOD, 95, at(4));
      expect(await s.campaignContacts.quotaAlerts(PERIOD)).toEqual([{ threshold: 80, at: at(1) }, { threshold: 95, at: at(4) }]);
    });

    it('Should page a campaign\'s contacts by state with a keyset cursor', async () => {
      const s = await open();
      await seed(s, contacts(5, (i) => (i === 2 ? { state: 'done' } : {})));
      const first = await s.campaignContacts.list({ campaignId: 'c-1', limit: 2 });
      expect(first.items.map((c) => c.id)).toEqual(['k-0', 'k-1']);
      const next = await s.campaignContacts.list({ campaignId: 'c-1', limit: 2, cursor: first.nextCursor });
      expect(next.items.map((c) => c.id)).toEqual(['k-2', 'k-3']);
      expect((await s.campaignContacts.list({ campaignId: 'c-1', state: 'ready', limit: 10 })).items.map((c) => c.id)).toEqual(['k-0', 'k-1', 'k-3', 'k-4']);
    });
  });
}

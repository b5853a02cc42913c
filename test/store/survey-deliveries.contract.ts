/**
 * @module Store contract: messenger surveys — delivery records move only from the state they are in (pending →
 * sending → sent → answered …), a crash's `sending` records become ambiguous, an answer applies once to the question
 * on screen together with the response, expiry at the campaign's end, and the survey opt-outs.
 */
import { describe, expect, it } from 'vitest';
import type { SurveyDelivery, SurveyResponse } from '../../core/campaigns/model.ts';
import type { Store } from '../../core/store/store.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const aDelivery = (i: number, over: Partial<SurveyDelivery> = {}): SurveyDelivery => ({
  id: `c-1:k-${i}`, campaignId: 'c-1', contactId: `k-${i}`, subscriberId: `s-${i}`, chatKey: `telegram:${1000 + i}`,
  channel: 'telegram', state: 'pending', dueAt: at(i), attempts: 0, questionId: null, messageId: null, error: null,
  sentAt: null, answeredAt: null, createdAt: t0, updatedAt: t0, ...over,
});

const aResponse = (contactId: string, answers: SurveyResponse['answers'], complete: boolean): SurveyResponse => ({
  contactId, campaignId: 'c-1', questionnaireId: 'q-1', channel: 'telegram', agentId: null, language: 'kk', answers, complete,
  updatedAt: at(100), completedAt: complete ? at(100) : null,
});

export function surveyDeliveriesContract(open: () => Promise<Store>): void {
  describe('survey deliveries', () => {
    it('Should seed each recipient once and hand out the pending ones due, oldest due first', async () => {
      const s = await open();
      expect(await s.surveyDeliveries.seed([aDelivery(2), aDelivery(1), aDelivery(3)])).toBe(3);
      expect(await s.surveyDeliveries.seed([aDelivery(1, { chatKey: 'telegram:other' }), aDelivery(4)])).toBe(1);
      expect(await s.surveyDeliveries.get('c-1:k-1')).toEqual(aDelivery(1));
      expect((await s.surveyDeliveries.due('c-1', at(3), 10)).map((d) => d.id)).toEqual(['c-1:k-1', 'c-1:k-2', 'c-1:k-3']);
      expect((await s.surveyDeliveries.due('c-1', at(3), 2)).map((d) => d.id)).toEqual(['c-1:k-1', 'c-1:k-2']);
      expect(await s.surveyDeliveries.due('c-2', at(99), 10)).toEqual([]);
    });

    it('Should move pending → sending → sent only from the state it is in, written before and after the send', async () => {
      const s = await open();
      await s.surveyDeliveries.seed([aDelivery(1), aDelivery(2)]);
      expect(await s.surveyDeliveries.begin('c-1:k-1', at(10))).toBe(true);
      expect(await s.surveyDeliveries.begin('c-1:k-1', at(10))).toBe(false);
      expect((await s.surveyDeliveries.due('c-1', at(99), 10)).map((d) => d.id)).toEqual(['c-1:k-2']);
      expect(await s.surveyDeliveries.settle('c-1:k-1', { state: 'sent', messageId: '77', questionId: 'a' }, at(11))).toBe(true);
      expect(await s.surveyDeliveries.settle('c-1:k-1', { state: 'failed', error: 'late' }, at(12))).toBe(false);
      expect(await s.surveyDeliveries.get('c-1:k-1')).toMatchObject({ state: 'sent', attempts: 1, messageId: '77', questionId: 'a', sentAt: at(11) });
      expect((await s.surveyDeliveries.openForChat('telegram:1001')).map((d) => d.id)).toEqual(['c-1:k-1']);
      expect(await s.surveyDeliveries.settle('c-1:k-2', { state: 'sent', messageId: '1', questionId: 'a' }, at(11))).toBe(false);
    });

    it('Should put a clear "not sent" back as pending with its wait, and turn a crash\'s sending records into ambiguous', async () => {
      const s = await open();
      await s.surveyDeliveries.seed([aDelivery(1), aDelivery(2), aDelivery(3)]);
      await s.surveyDeliveries.begin('c-1:k-1', at(10));
      expect(await s.surveyDeliveries.postpone('c-1:k-1', at(40), '429', at(10))).toBe(true);
      expect(await s.surveyDeliveries.get('c-1:k-1')).toMatchObject({ state: 'pending', dueAt: at(40), error: '429', attempts: 1 });
      expect((await s.surveyDeliveries.due('c-1', at(20), 10)).map((d) => d.id)).toEqual(['c-1:k-2', 'c-1:k-3']);
      await s.surveyDeliveries.begin('c-1:k-2', at(21));
      await s.surveyDeliveries.begin('c-1:k-3', at(21));
      await s.surveyDeliveries.settle('c-1:k-3', { state: 'failed', error: '403' }, at(22));
      expect(await s.surveyDeliveries.strandSending('c-1', at(30))).toBe(1);
      expect(await s.surveyDeliveries.get('c-1:k-2')).toMatchObject({ state: 'ambiguous', error: 'interrupted' });
      expect(await s.surveyDeliveries.postpone('c-1:k-2', at(40), 'x', at(31))).toBe(false);
      expect(await s.surveyDeliveries.countByState('c-1')).toMatchObject({ pending: 1, sending: 0, ambiguous: 1, failed: 1 });
      expect((await s.surveyDeliveries.list('c-1', { state: 'ambiguous', limit: 10 })).map((d) => d.id)).toEqual(['c-1:k-2']);
      expect((await s.surveyDeliveries.list('c-1', { after: 'c-1:k-1', limit: 1 })).map((d) => d.id)).toEqual(['c-1:k-2']);
    });

    it('Should record an answer once, for the question on screen, with the response; the last one ends the survey', async () => {
      const s = await open();
      await s.surveyDeliveries.seed([aDelivery(1)]);
      await s.surveyDeliveries.begin('c-1:k-1', at(1));
      await s.surveyDeliveries.settle('c-1:k-1', { state: 'sent', messageId: '5', questionId: 'a' }, at(2));
      const first = { deliveryId: 'c-1:k-1', questionId: 'a', nextQuestionId: 'b', response: aResponse('k-1', { a: 4 }, false), at: at(3) };
      expect(await s.surveyDeliveries.answer(first)).toBe(true);
      expect(await s.surveyDeliveries.answer({ ...first, response: aResponse('k-1', { a: 1 }, false) })).toBe(false);
      expect((await s.campaignContacts.response('k-1'))!.answers).toEqual({ a: 4 });
      expect(await s.surveyDeliveries.answer({ deliveryId: 'c-1:k-1', questionId: 'b', nextQuestionId: null, response: aResponse('k-1', { a: 4, b: 'хорошо' }, true), at: at(4) })).toBe(true);
      expect(await s.surveyDeliveries.get('c-1:k-1')).toMatchObject({ state: 'answered', questionId: null, answeredAt: at(4) });
      expect(await s.campaignContacts.response('k-1')).toEqual(aResponse('k-1', { a: 4, b: 'хорошо' }, true));
      expect((await s.campaignContacts.responses('c-1', { limit: 10 })).map((r) => r.contactId)).toEqual(['k-1']);
      expect(await s.campaignContacts.responses('c-1', { after: 'k-1', limit: 10 })).toEqual([]);
      expect(await s.surveyDeliveries.openForChat('telegram:1001')).toEqual([]);
    });

    it('Should move a record only from the given states, and expire what is pending or unanswered at the end', async () => {
      const s = await open();
      await s.surveyDeliveries.seed([aDelivery(1), aDelivery(2), aDelivery(3)]);
      await s.surveyDeliveries.begin('c-1:k-2', at(1));
      await s.surveyDeliveries.settle('c-1:k-2', { state: 'sent', messageId: '5', questionId: 'a' }, at(2));
      expect(await s.surveyDeliveries.move('c-1:k-3', ['sent'], 'opted_out', at(3))).toBe(false);
      expect(await s.surveyDeliveries.move('c-1:k-3', ['pending'], 'opted_out', at(3), 'muted')).toBe(true);
      expect(await s.surveyDeliveries.get('c-1:k-3')).toMatchObject({ state: 'opted_out', error: 'muted' });
      expect(await s.surveyDeliveries.expireOpen('c-1', at(9))).toBe(2);
      expect(await s.surveyDeliveries.countByState('c-1')).toMatchObject({ expired: 2, opted_out: 1, pending: 0, sent: 0 });
    });
  });

  describe('survey opt-outs', () => {
    it('Should record an opt-out once, tell which subscribers opted out, and take it back', async () => {
      const s = await open();
      expect(await s.surveyOptOuts.add({ subscriberId: 's-1', campaignId: 'c-1', at: t0 })).toBe(true);
      expect(await s.surveyOptOuts.add({ subscriberId: 's-1', campaignId: 'c-2', at: at(1) })).toBe(false);
      expect(await s.surveyOptOuts.get('s-1')).toEqual({ subscriberId: 's-1', campaignId: 'c-1', at: t0 });
      expect([...(await s.surveyOptOuts.among(['s-1', 's-2']))]).toEqual(['s-1']);
      expect(await s.surveyOptOuts.among([])).toEqual(new Set());
      expect(await s.surveyOptOuts.remove('s-1')).toBe(true);
      expect(await s.surveyOptOuts.remove('s-1')).toBe(false);
      expect(await s.surveyOptOuts.get('s-1')).toBeNull();
    });
  });

  describe('campaign answers and attempts in pages', () => {
    it('Should page a campaign\'s call attempts in id order', async () => {
      const s = await open();
      expect(await s.campaignContacts.campaignAttempts('c-1', { limit: 10 })).toEqual([]);
    });
  });
}

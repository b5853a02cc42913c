/**
 * @module Store contract: the conversation log of every chat (window, order, retention) and escalations to
 * supervisors (one per ticket and reason, acknowledged once).
 */
import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../../core/conversations/model.ts';
import type { Escalation } from '../../core/sla/model.ts';
import type { Store } from '../../core/store/store.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const aMessage = (over: Partial<ConversationMessage> = {}): ConversationMessage => ({
  id: 'cm-1', chatKey: 'telegram:42', direction: 'in', text: 'Сәлем', at: t0, ...over,
});

const anEscalation = (over: Partial<Escalation> = {}): Escalation => ({
  id: 'esc-1', ticketId: 'tk-1', reason: 'callback_breached', openedAt: t0, acknowledgedAt: null, acknowledgedBy: null, ...over,
});

export function conversationsContract(open: () => Promise<Store>): void {
  describe('conversation log', () => {
    it('Should keep every field and return a chat\'s messages oldest first, in append order within one moment', async () => {
      const s = await open();
      await s.conversationMessages.append(aMessage({ id: 'a', text: '/menu' }));
      await s.conversationMessages.append(aMessage({ id: 'b', direction: 'out', text: 'Басты мәзір' }));
      await s.conversationMessages.append(aMessage({ id: 'c', text: 'Баланс', at: at(1) }));
      await s.conversationMessages.append(aMessage({ id: 'other', chatKey: 'webchat:7', text: 'чужой чат' }));
      const list = await s.conversationMessages.listByChat('telegram:42', { limit: 10 });
      expect(list.map((m) => m.id)).toEqual(['a', 'b', 'c']);
      expect(list[1]).toEqual(aMessage({ id: 'b', direction: 'out', text: 'Басты мәзір' }));
    });

    it('Should take back exactly the lines named (a step run again after its state write lost a race)', async () => {
      const s = await open();
      for (const id of ['a', 'b', 'c', 'd']) await s.conversationMessages.append(aMessage({ id, text: id }));
      await s.conversationMessages.remove(['b', 'c', 'not-there']);
      await s.conversationMessages.remove([]);
      expect((await s.conversationMessages.listByChat('telegram:42', { limit: 10 })).map((m) => m.id)).toEqual(['a', 'd']);
    });

    it('Should return the newest `limit` messages inside the from–to window', async () => {
      const s = await open();
      for (let i = 0; i < 6; i += 1) await s.conversationMessages.append(aMessage({ id: `m${i}`, text: `#${i}`, at: at(i * 10) }));
      const window = await s.conversationMessages.listByChat('telegram:42', { from: at(10), to: at(40), limit: 10 });
      expect(window.map((m) => m.text)).toEqual(['#1', '#2', '#3', '#4']);
      const newest = await s.conversationMessages.listByChat('telegram:42', { to: at(40), limit: 2 });
      expect(newest.map((m) => m.text)).toEqual(['#3', '#4']);
      expect(await s.conversationMessages.listByChat('telegram:42', { from: at(60), limit: 5 })).toEqual([]);
    });

    it('Should delete only messages older than the cut-off, at most `limit` per call', async () => {
      const s = await open();
      for (let i = 0; i < 5; i += 1) await s.conversationMessages.append(aMessage({ id: `m${i}`, at: at(i) }));
      expect(await s.conversationMessages.deleteBefore(at(3), 2)).toBe(2);
      expect(await s.conversationMessages.deleteBefore(at(3), 10)).toBe(1);
      expect(await s.conversationMessages.deleteBefore(at(3), 10)).toBe(0);
      expect((await s.conversationMessages.listByChat('telegram:42', { limit: 10 })).map((m) => m.id)).toEqual(['m3', 'm4']);
    });
  });

  describe('escalations', () => {
    it('Should open one escalation per ticket and reason, however often it is asked', async () => {
      const s = await open();
      expect(await s.escalations.open(anEscalation())).toBe(true);
      expect(await s.escalations.open(anEscalation({ id: 'esc-2', openedAt: at(5) }))).toBe(false);
      expect(await s.escalations.forTicket('tk-1')).toEqual([anEscalation()]);
      expect(await s.escalations.get('esc-2')).toBeNull();
    });

    it('Should acknowledge once, and list only unacknowledged escalations, oldest first', async () => {
      const s = await open();
      await s.escalations.open(anEscalation({ id: 'late', ticketId: 'tk-2', openedAt: at(10) }));
      await s.escalations.open(anEscalation({ id: 'early', ticketId: 'tk-3', openedAt: at(1) }));
      await s.escalations.open(anEscalation({ id: 'done', ticketId: 'tk-4', openedAt: at(0) }));
      expect(await s.escalations.acknowledge('done', 'sup-1', at(20))).toBe(true);
      expect(await s.escalations.acknowledge('done', 'sup-2', at(21))).toBe(false);
      expect(await s.escalations.acknowledge('missing', 'sup-1', at(21))).toBe(false);
      expect(await s.escalations.get('done')).toEqual(anEscalation({ id: 'done', ticketId: 'tk-4', openedAt: at(0), acknowledgedAt: at(20), acknowledgedBy: 'sup-1' }));
      expect((await s.escalations.listOpen(10)).map((e) => e.id)).toEqual(['early', 'late']);
      expect((await s.escalations.listOpen(1)).map((e) => e.id)).toEqual(['early']);
    });
  });
}

/** @module Store contract: tickets (atomic numbers, versioned changes, history, SLA, breaches, ratings, queues) and transcripts. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import type { TicketSla } from '../../core/sla/model.ts';
import type { Ticket, TicketMessage } from '../../core/tickets/model.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

export const aTicket = (over: Partial<Ticket> = {}): Omit<Ticket, 'number' | 'version'> => ({
  id: 'tk-1', type: 'technical', channel: 'telegram', status: 'open', line: 1, handedOff: false, breached: false,
  subscriberId: 'sub-1', accountId: 'acc-1', chatKey: 'telegram:42', phone: '+77011234567', language: 'kk',
  region: 'Алматытелеком', service: 'megaline', symptom: 'no_internet', topic: null, result: null, comment: null,
  assigneeId: null, callbackDueAt: null, callbackOutcome: null, firstActionAt: null, createdAt: t0, updatedAt: t0,
  escalatedAt: null, resolvedAt: null, closedAt: null, ...over,
});

const created = (id: string) => ({ ticketId: id, at: t0, from: null, to: 'open' as const, actor: { type: 'system' as const, id: null }, note: 'created' });

const anSla = (id: string): TicketSla => ({
  ticketId: id, callbackMinutes: 120, clock: 'working-hours', startedAt: t0, dueAt: at(120), status: 'active', callbackAt: null, breachedAt: null,
});

const aMessage = (over: Partial<TicketMessage> = {}): TicketMessage => ({
  id: 'm-1', ticketId: 'tk-1', direction: 'incoming', sender: 'subscriber', senderId: null, private: false, text: 'Интернет жоқ',
  params: null, createdAt: t0, delivery: 'none', externalId: null, error: null, ...over,
});

export function ticketsContract(open: () => Promise<Store>): void {
  describe('tickets', () => {
    it('Should number tickets 1, 2, 3 from an atomic counter, even when created concurrently', async () => {
      const s = await open();
      const made = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s.tickets.create(aTicket({ id: `tk-${i}` }), { history: created(`tk-${i}`), sla: null })),
      );
      expect(made.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(made.every((t) => t.version === 1)).toBe(true);
      expect((await s.tickets.getByNumber(7))?.number).toBe(7);
      expect(await s.tickets.getByNumber(99)).toBeNull();
    });

    it('Should keep every field, the first history entry and the SLA of a new ticket', async () => {
      const s = await open();
      const t = await s.tickets.create(aTicket({ callbackDueAt: at(120) }), { history: created('tk-1'), sla: anSla('tk-1') });
      const back = await s.tickets.get('tk-1');
      expect(back).toEqual(t);
      expect(back).toMatchObject({ type: 'technical', chatKey: 'telegram:42', language: 'kk', handedOff: false, region: 'Алматытелеком' });
      expect(back?.callbackDueAt?.toISOString()).toBe(at(120).toISOString());
      expect((await s.tickets.history('tk-1')).map((h) => [h.from, h.to, h.note])).toEqual([[null, 'open', 'created']]);
      expect(await s.tickets.sla('tk-1')).toEqual(anSla('tk-1'));
    });

    it('Should apply a change only at the expected version, with history, SLA and breach together', async () => {
      const s = await open();
      await s.tickets.create(aTicket(), { history: created('tk-1'), sla: anSla('tk-1') });
      const breach = { id: 'b-1', ticketId: 'tk-1', kind: 'callback' as const, dueAt: at(120), breachedAt: at(121) };
      const changed = await s.tickets.change('tk-1', 1, {
        patch: { breached: true, updatedAt: at(121) },
        sla: { status: 'missed', breachedAt: at(121) },
        breach,
        history: { ticketId: 'tk-1', at: at(121), from: 'open', to: 'open', actor: { type: 'system', id: null }, note: 'sla.breached' },
      });
      expect(changed).toMatchObject({ breached: true, version: 2 });
      expect(await s.tickets.change('tk-1', 1, { patch: { status: 'closed' } })).toBeNull();
      expect((await s.tickets.get('tk-1'))?.status).toBe('open');
      expect((await s.tickets.sla('tk-1'))?.status).toBe('missed');
      expect(await s.tickets.breaches('tk-1')).toEqual([breach]);
      expect((await s.tickets.history('tk-1')).map((h) => h.note)).toEqual(['created', 'sla.breached']);
    });

    it('Should refuse a second callback breach for the same ticket', async () => {
      const s = await open();
      await s.tickets.create(aTicket(), { history: created('tk-1'), sla: anSla('tk-1') });
      const breach = { id: 'b-1', ticketId: 'tk-1', kind: 'callback' as const, dueAt: at(120), breachedAt: at(121) };
      await s.tickets.change('tk-1', 1, { patch: { breached: true }, breach });
      await expect(s.tickets.change('tk-1', 2, { patch: { breached: true }, breach: { ...breach, id: 'b-2' } })).rejects.toThrow();
      expect((await s.tickets.get('tk-1'))?.version).toBe(2);
    });

    it('Should find the chat\'s tickets, its active one, and the subscriber\'s tickets, active only when asked', async () => {
      const s = await open();
      await s.tickets.create(aTicket({ id: 'a' }), { history: created('a'), sla: null });
      await s.tickets.create(aTicket({ id: 'b', status: 'closed' }), { history: created('b'), sla: null });
      await s.tickets.create(aTicket({ id: 'c', chatKey: 'webchat:x' }), { history: created('c'), sla: null });
      expect((await s.tickets.findActiveByChat('telegram:42'))?.id).toBe('a');
      expect(await s.tickets.findActiveByChat('whatsapp:1')).toBeNull();
      expect((await s.tickets.listByChat('telegram:42', 10)).map((t) => t.id)).toEqual(['b', 'a']);
      expect((await s.tickets.listByChat('telegram:42', 1)).map((t) => t.id)).toEqual(['b']);
      expect(await s.tickets.listByChat('whatsapp:1', 10)).toEqual([]);
      expect((await s.tickets.listBySubscriber('sub-1', { activeOnly: false, limit: 10 })).map((t) => t.id)).toEqual(['c', 'b', 'a']);
      expect((await s.tickets.listBySubscriber('sub-1', { activeOnly: true, limit: 10 })).map((t) => t.id)).toEqual(['c', 'a']);
      expect(await s.tickets.countActive()).toBe(2);
      await s.tickets.change('a', 1, { patch: { status: 'resolved' } });
      expect(await s.tickets.countActive()).toBe(1);
      expect(await s.tickets.findActiveByChat('telegram:42')).toBeNull();
    });

    it('Should store supervisor ratings with the ticket', async () => {
      const s = await open();
      await s.tickets.create(aTicket(), { history: created('tk-1'), sla: null });
      const scores = { politeness: 5, accuracy: 4, registration: 5, timeliness: 3, resolution: 4 };
      await s.tickets.addRating({ id: 'r-1', ticketId: 'tk-1', supervisorId: 'sup-1', agentId: 'ag-1', scores, comment: 'Жақсы', createdAt: t0 });
      expect(await s.tickets.ratings('tk-1')).toEqual([
        { id: 'r-1', ticketId: 'tk-1', supervisorId: 'sup-1', agentId: 'ag-1', scores, comment: 'Жақсы', createdAt: t0 },
      ]);
    });
  });

  describe('ticket queues', () => {
    const seed = async () => {
      const s = await open();
      const rows: Array<Partial<Ticket>> = [
        { id: 'q1', assigneeId: 'ag-1', status: 'in_progress' },
        { id: 'q2', line: 2, status: 'escalated', channel: 'whatsapp', region: 'Астана', subscriberId: 'sub-2' },
        { id: 'q3', breached: true, line: 2, status: 'escalated', phone: '+77017654321' },
        { id: 'q4', status: 'closed', assigneeId: 'ag-1' },
        { id: 'q5', type: 'complaint', service: 'phone', createdAt: at(60), subscriberId: 'sub-3', region: 'Ақтөбе' },
        { id: 'q6', assigneeId: 'ag-2', status: 'in_progress', channel: 'webchat', subscriberId: 'sub-3', region: null },
      ];
      for (const r of rows) await s.tickets.create(aTicket(r), { history: created(r.id!), sla: null });
      return s;
    };
    const ids = (page: { items: Ticket[] }) => page.items.map((t) => t.id);

    it.each([
      ['mine', { queue: 'mine', userId: 'ag-1' }, ['q1']],
      ['unassigned', { queue: 'unassigned' }, ['q5', 'q3', 'q2']],
      ['second line', { queue: 'second_line' }, ['q3', 'q2']],
      ['breached', { queue: 'breached' }, ['q3']],
      ['all', { queue: 'all' }, ['q6', 'q5', 'q4', 'q3', 'q2', 'q1']],
      ['all closed', { queue: 'all', status: 'closed' }, ['q4']],
      ['mine incl. closed by status', { queue: 'mine', userId: 'ag-1', status: 'closed' }, ['q4']],
      ['by type', { queue: 'all', type: 'complaint' }, ['q5']],
      ['by channel', { queue: 'all', channel: 'whatsapp' }, ['q2']],
      ['by region', { queue: 'all', region: 'Астана' }, ['q2']],
      ['by service', { queue: 'all', service: 'phone' }, ['q5']],
      ['by date', { queue: 'all', from: at(30), to: at(90) }, ['q5']],
      ['by number', { queue: 'all', number: 3 }, ['q3']],
      ['by phone', { queue: 'all', phone: '+77017654321' }, ['q3']],
      ['by subscribers', { queue: 'all', subscriberIds: ['sub-2', 'sub-3'] }, ['q6', 'q5', 'q2']],
      ['by no subscriber at all', { queue: 'all', subscriberIds: [] }, []],
      ['mine by subscriber', { queue: 'mine', userId: 'ag-2', subscriberIds: ['sub-3'] }, ['q6']],
    ] as const)('Should list the %s queue newest first', async (_name, query, expected) => {
      const s = await seed();
      expect(ids(await s.tickets.queue({ ...query, limit: 50 }))).toEqual(expected);
    });

    it.each([
      ['unassigned', { queue: 'unassigned' }, 3],
      ['second line', { queue: 'second_line' }, 2],
      ['mine', { queue: 'mine', userId: 'ag-1' }, 1],
      ['all', { queue: 'all' }, 6],
      ['all, filtered', { queue: 'all', channel: 'telegram' }, 4],
      ['all, by subscribers', { queue: 'all', subscriberIds: ['sub-3'] }, 2],
    ] as const)('Should count the %s queue, ignoring the cursor', async (_name, query, expected) => {
      const s = await seed();
      expect(await s.tickets.countQueue({ ...query, limit: 1, cursor: '3' }, 100)).toBe(expected);
    });

    it('Should stop counting at the cap', async () => {
      const s = await seed();
      expect(await s.tickets.countQueue({ queue: 'all', limit: 50 }, 4)).toBe(4);
    });

    it('Should list the regions tickets were registered with, once each, in alphabetical order', async () => {
      const s = await seed();
      expect(await s.tickets.regions()).toEqual(['Ақтөбе', 'Алматытелеком', 'Астана']);
    });

    it('Should page with a cursor without gaps or repeats', async () => {
      const s = await seed();
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i += 1) {
        const page = await s.tickets.queue({ queue: 'all', limit: 4, cursor });
        seen.push(...ids(page));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(['q6', 'q5', 'q4', 'q3', 'q2', 'q1']);
      expect(cursor).toBeNull();
    });
  });

  describe('ticket messages', () => {
    it('Should keep the transcript in order, page after a message, and record delivery on the message', async () => {
      const s = await open();
      await s.ticketMessages.append(aMessage());
      await s.ticketMessages.append(aMessage({ id: 'm-2', direction: 'outgoing', sender: 'agent', senderId: 'ag-1', text: 'Сәлеметсіз бе', delivery: 'pending', createdAt: at(1) }));
      await s.ticketMessages.append(aMessage({ id: 'm-3', direction: 'activity', sender: 'system', text: 'tickets:activity.escalated', params: { by: 'x' }, createdAt: at(2) }));
      await s.ticketMessages.append(aMessage({ id: 'm-4', private: true, direction: 'outgoing', sender: 'agent', text: 'note', createdAt: at(3) }));
      expect((await s.ticketMessages.list('tk-1')).map((m) => m.id)).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
      expect((await s.ticketMessages.list('tk-1', { after: 'm-2', limit: 1 })).map((m) => m.id)).toEqual(['m-3']);
      expect((await s.ticketMessages.get('m-3'))?.params).toEqual({ by: 'x' });
      expect((await s.ticketMessages.get('m-4'))?.private).toBe(true);
      const sent = await s.ticketMessages.setDelivery('m-2', { delivery: 'sent', externalId: '777', error: null });
      expect(sent).toMatchObject({ delivery: 'sent', externalId: '777', error: null });
      const failed = await s.ticketMessages.setDelivery('m-2', { delivery: 'failed', externalId: null, error: 'Forbidden: bot was blocked by the user' });
      expect(failed).toMatchObject({ delivery: 'failed', error: 'Forbidden: bot was blocked by the user' });
      expect(await s.ticketMessages.setDelivery('nope', { delivery: 'sent', externalId: null, error: null })).toBeNull();
    });
  });
}

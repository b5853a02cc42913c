/** @module Store contract: the reports module's repositories — chat contacts, agents' status spans, stored monthly reports, tickets of a period (issue 19). */
import { expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import type { AgentStatusSpan, ChatContact, MonthlyReport } from '../../core/reports/model.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const contact = (id: string, over: Partial<ChatContact> = {}): ChatContact => ({
  id, chatKey: 'telegram:1', channel: 'telegram', language: 'ru', startedAt: t0, lastActivityAt: t0, type: 'reference',
  ticketId: null, handedOffAt: null, answerBy: null, answeredAt: null, agentId: null, leftAt: null, endedAt: null, ...over,
});

const span = (id: string, userId: string, minutes: number, status: AgentStatusSpan['status'] = 'ready'): AgentStatusSpan => ({
  id, userId, status, reason: status === 'not_ready' ? 'Обучение' : null, since: at(minutes), until: null, setBy: userId,
});

export function reportsContract(open: () => Promise<Store>): void {
  it('Should keep a contact field for field, and find the newest of a chat and of a ticket', async () => {
    const s = await open();
    const a = contact('a', { answerBy: at(600) });
    await s.chatContacts.create(a);
    await s.chatContacts.create(contact('b', { startedAt: at(60), lastActivityAt: at(60), ticketId: 't1', handedOffAt: at(61) }));
    await s.chatContacts.create(contact('c', { chatKey: 'webchat:x', channel: 'webchat', startedAt: at(90), lastActivityAt: at(90) }));
    expect(await s.chatContacts.get('a')).toEqual(a);
    expect((await s.chatContacts.latestForChat('telegram:1'))?.id).toBe('b');
    expect((await s.chatContacts.latestForTicket('t1'))?.id).toBe('b');
    expect(await s.chatContacts.latestForTicket('none')).toBeNull();
  });

  it('Should keep the first answer when a second one is written only-if-unset, and overwrite the rest', async () => {
    const s = await open();
    await s.chatContacts.create(contact('a', { handedOffAt: at(1) }));
    await s.chatContacts.update('a', { answeredAt: at(2), agentId: 'u1', lastActivityAt: at(2) }, ['answeredAt', 'agentId']);
    await s.chatContacts.update('a', { answeredAt: at(5), agentId: 'u2', lastActivityAt: at(5), type: 'technical' }, ['answeredAt', 'agentId']);
    const got = await s.chatContacts.get('a');
    expect(got).toMatchObject({ answeredAt: at(2), agentId: 'u1', lastActivityAt: at(5), type: 'technical' });
  });

  it('Should scan contacts of a period in start order by keyset pages, the end excluded', async () => {
    const s = await open();
    for (let i = 0; i < 7; i += 1) await s.chatContacts.create(contact(`k${i}`, { startedAt: at(i < 3 ? 0 : i), lastActivityAt: at(i) }));
    await s.chatContacts.create(contact('late', { startedAt: at(100) }));
    const seen: string[] = [];
    let after: { startedAt: Date; id: string } | null = null;
    for (;;) {
      const page = await s.chatContacts.scan(at(0), at(100), after, 3);
      seen.push(...page.map((c) => c.id));
      if (page.length < 3) break;
      after = { startedAt: page[2]!.startedAt, id: page[2]!.id };
    }
    expect(seen).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
  });

  it('Should list handed-off contacts nobody answered yet, oldest hand-off first', async () => {
    const s = await open();
    await s.chatContacts.create(contact('w2', { handedOffAt: at(5) }));
    await s.chatContacts.create(contact('w1', { handedOffAt: at(3) }));
    await s.chatContacts.create(contact('answered', { handedOffAt: at(1), answeredAt: at(2) }));
    await s.chatContacts.create(contact('bot'));
    await s.chatContacts.create(contact('old', { handedOffAt: at(-600) }));
    expect((await s.chatContacts.waiting(at(0), 10)).map((c) => c.id)).toEqual(['w1', 'w2']);
  });

  it('Should keep one current status per agent: a new one ends the open span at its start', async () => {
    const s = await open();
    expect(await s.agentStatuses.set(span('s1', 'u1', 0))).toBeNull();
    const ended = await s.agentStatuses.set(span('s2', 'u1', 30, 'not_ready'));
    expect(ended).toMatchObject({ id: 's1', status: 'ready', until: at(30) });
    await s.agentStatuses.set(span('s3', 'u2', 10, 'lunch'));
    expect(await s.agentStatuses.current('u1')).toMatchObject({ id: 's2', status: 'not_ready', reason: 'Обучение', until: null });
    expect((await s.agentStatuses.listCurrent()).map((x) => x.id)).toEqual(['s2', 's3']);
    expect((await s.agentStatuses.overlapping(at(0), at(20))).map((x) => x.id)).toEqual(['s1', 's3']);
    expect((await s.agentStatuses.overlapping(at(31), at(40))).map((x) => x.id)).toEqual(['s3', 's2']);
  });

  it('Should store a month\'s report, replace it on regeneration and list months newest first', async () => {
    const s = await open();
    const report = { period: { from: '2026-02-01', to: '2026-03-01' }, tickets: { total: 3, byRegion: [{ key: 'Алматы', count: 3 }] } } as unknown as MonthlyReport;
    await s.monthlyReports.save({ month: '2026-02', generatedAt: at(0), report });
    await s.monthlyReports.save({ month: '2026-01', generatedAt: at(1), report });
    await s.monthlyReports.save({ month: '2026-02', generatedAt: at(2), report: { ...report, tickets: { ...report.tickets, total: 4 } } });
    expect(await s.monthlyReports.get('2026-02')).toEqual({ month: '2026-02', generatedAt: at(2), report: { ...report, tickets: { ...report.tickets, total: 4 } } });
    expect(await s.monthlyReports.list(10)).toEqual([{ month: '2026-02', generatedAt: at(2) }, { month: '2026-01', generatedAt: at(1) }]);
    expect(await s.monthlyReports.get('2025-12')).toBeNull();
  });

  it('Should read the tickets of a period with their callback SLA, page by page, and the callbacks due soon', async () => {
    const s = await open();
    const base = {
      channel: 'telegram' as const, status: 'open' as const, line: 1 as const, handedOff: false, breached: false, subscriberId: null,
      accountId: null, chatKey: null, phone: null, language: 'ru' as const, region: 'Алматы', service: 'megaline', symptom: null,
      topic: null, result: null, comment: null, assigneeId: null, callbackOutcome: null, firstActionAt: null, escalatedAt: null,
      resolvedAt: null, closedAt: null,
    };
    for (let i = 0; i < 5; i += 1) {
      const id = `t${i}`;
      const technical = i % 2 === 0;
      await s.tickets.create(
        { ...base, id, type: technical ? 'technical' : 'reference', createdAt: at(i < 2 ? 0 : i), updatedAt: at(i), callbackDueAt: technical ? at(i + 120) : null },
        { history: { ticketId: id, at: at(i), from: null, to: 'open', actor: { type: 'system', id: null }, note: null },
          sla: technical ? { ticketId: id, callbackMinutes: 120, clock: 'calendar', startedAt: at(i), dueAt: at(i + 120), status: 'active', callbackAt: null, breachedAt: null } : null },
      );
    }
    const first = await s.reportTickets.scan(at(0), at(4), null, 2);
    const second = await s.reportTickets.scan(at(0), at(4), { createdAt: first[1]!.createdAt, number: first[1]!.number }, 2);
    expect([...first, ...second].map((t) => t.id)).toEqual(['t0', 't1', 't2', 't3']);
    expect(first[0]).toEqual({
      id: 't0', number: 1, createdAt: at(0), type: 'technical', channel: 'telegram', region: 'Алматы', service: 'megaline', breached: false,
      slaStatus: 'active', slaDueAt: at(120), callbackAt: null,
    });
    expect(first[1]).toMatchObject({ id: 't1', slaStatus: null, slaDueAt: null });
    expect((await s.reportTickets.dueCallbacks(at(121), at(125), 10)).map((t) => t.id)).toEqual(['t2', 't4']);
  });
}

/**
 * Closing a ticket (seed 003 cl. 5: a technical request promises the second line's callback): a technical ticket that
 * was neither called back nor resolved closes only with a reason, which is recorded and told to the subscriber.
 */
import { describe, expect, it } from 'vitest';
import { closeNeedsReason } from '../../core/tickets/index.ts';
import { agent, faultTicket, secondLine, ticketWorld } from './tickets.fixture.ts';

describe('closing a ticket', () => {
  it.each([
    ['cl. 5: a technical ticket nobody called back', { type: 'technical', callbackOutcome: null, resolvedAt: null }, true],
    ['cl. 5: a technical ticket called back (not reached)', { type: 'technical', callbackOutcome: 'not_reached', resolvedAt: null }, false],
    ['a technical ticket resolved first', { type: 'technical', callbackOutcome: null, resolvedAt: new Date() }, false],
    ['a reference request', { type: 'reference', callbackOutcome: null, resolvedAt: null }, false],
    ['a complaint', { type: 'complaint', callbackOutcome: null, resolvedAt: null }, false],
  ] as const)('Should ask for a reason when closing %s: %s', (_what, ticket, needed) => {
    expect(closeNeedsReason(ticket)).toBe(needed);
  });

  it('cl. 5: Should refuse to close an uncalled technical ticket without a reason, and "other" without words', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    expect(await w.tickets.close(t.id, agent)).toEqual({ ok: false, reason: 'tickets:error.close_reason_required' });
    expect(await w.tickets.close(t.id, agent, { reason: 'other', comment: '  ' })).toEqual({ ok: false, reason: 'tickets:error.close_comment_required' });
    expect((await w.tickets.get(t.id))!.status).toBe('escalated');
  });

  it('Should record the reason in the history, the audit log, the transcript and the event', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    const closed = await w.tickets.close(t.id, agent, { reason: 'other', comment: 'линия на ремонте у городских служб' });
    expect(closed.ok && closed.value.status).toBe('closed');
    expect((await w.store.tickets.history(t.id)).at(-1)!.note).toBe('close.other');
    expect((await w.store.audit.list({ entityId: t.id, action: 'ticket.close' }))[0]!.details).toEqual({ reason: 'other' });
    const activity = (await w.tickets.view(t.id))!.messages.at(-1)!;
    expect(activity).toMatchObject({ text: 'tickets:activity.closed_other', params: { comment: 'линия на ремонте у городских служб' } });
    expect(w.seen.find((e) => e.name === 'ticket.closed')!.payload).toMatchObject({ closing: { reason: 'other', comment: 'линия на ремонте у городских служб' } });
  });

  it('Should close a called-back technical ticket without asking', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    await w.tickets.recordCallback(t.id, 'reached', secondLine);
    const closed = await w.tickets.close(t.id, secondLine);
    expect(closed.ok).toBe(true);
  });
});

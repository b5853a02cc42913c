/**
 * STYLE 12 / seed 003 cl. 5: a breached callback deadline moves the ticket to the supervisors as an Escalation with
 * its reason; a supervisor acknowledges it once; both are audited and written into the ticket's transcript.
 */
import { describe, expect, it } from 'vitest';
import { almaty, faultTicket, supervisor, ticketWorld } from './tickets.fixture.ts';

async function breached() {
  const w = ticketWorld({ env: { SLA_CLOCK: 'calendar', SLA_CALLBACK_MINUTES: '30' } });
  const ticket = await faultTicket(w);
  w.clock.set(almaty('2026-03-10T10:31'));
  await w.scheduler.tick();
  return { w, ticket };
}

describe('escalation to supervisors after a breach', () => {
  it('cl. 5: Should open one escalation with its reason when the callback deadline passes without a call', async () => {
    const { w, ticket } = await breached();
    const [escalation, ...more] = await w.store.escalations.forTicket(ticket.id);
    expect(more).toEqual([]);
    expect(escalation).toMatchObject({ reason: 'callback_breached', acknowledgedAt: null });
    expect(escalation!.openedAt.toISOString()).toBe(almaty('2026-03-10T10:31').toISOString());
    const view = (await w.tickets.view(ticket.id))!;
    expect(view.ticket.breached).toBe(true);
    expect(view.messages.map((m) => m.text)).toContain('tickets:activity.escalation_callback_breached');
    expect(w.seen.filter((e) => e.name === 'ticket.breached')).toHaveLength(1);
    expect((await w.tickets.openEscalations()).map((e) => e.ticket.number)).toEqual([ticket.number]);
    // A second sweep (another instance, a retry) opens nothing more.
    await w.tickets.checkCallbackDeadline(ticket.id);
    await w.scheduler.tick();
    expect(await w.store.escalations.forTicket(ticket.id)).toHaveLength(1);
  });

  it('Should let a supervisor acknowledge it once, audited, and take it off the list of open escalations', async () => {
    const { w, ticket } = await breached();
    const [escalation] = await w.store.escalations.forTicket(ticket.id);
    const done = await w.tickets.acknowledgeEscalation(escalation!.id, supervisor);
    expect(done).toMatchObject({ ok: true, value: { acknowledgedBy: supervisor.id } });
    expect(await w.tickets.acknowledgeEscalation(escalation!.id, { type: 'user', id: 'sup-2' })).toEqual({ ok: false, reason: 'tickets:error.escalation_done' });
    expect(await w.tickets.openEscalations()).toEqual([]);
    const audit = await w.store.audit.list({ entity: 'ticket', limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['ticket.escalation_open', 'ticket.escalation_acknowledge']));
    expect((await w.tickets.view(ticket.id))!.messages.map((m) => m.text)).toContain('tickets:activity.escalation_acknowledged');
  });

  it('Should open no escalation for a ticket called back in time', async () => {
    const w = ticketWorld({ env: { SLA_CLOCK: 'calendar', SLA_CALLBACK_MINUTES: '30' } });
    const ticket = await faultTicket(w);
    await w.tickets.recordCallback(ticket.id, 'reached', supervisor);
    w.clock.set(almaty('2026-03-10T11:00'));
    await w.scheduler.tick();
    expect(await w.store.escalations.forTicket(ticket.id)).toEqual([]);
  });
});

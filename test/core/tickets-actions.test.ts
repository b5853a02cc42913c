import { describe, expect, it } from 'vitest';
import { formatTicketNumber, parseTicketNumber, parseTicketSearch } from '../../core/tickets/index.ts';
import { agent, almaty, faultTicket, secondLine, subscriberActor, supervisor, ticketWorld } from './tickets.fixture.ts';

const scores = { politeness: 5, accuracy: 4, registration: 5, timeliness: 3, resolution: 4 };

describe('ticket numbers', () => {
  it.each([
    [1, 'T-000001'],
    [123, 'T-000123'],
    [1234567, 'T-1234567'],
  ])('Should show %i as %s', (n, shown) => expect(formatTicketNumber(n)).toBe(shown));

  it.each([['T-000123', 123], ['t123', 123], ['Т-123', 123], ['№ 42', 42], ['  7 ', 7]])('Should read %s as %i', (text, n) => {
    expect(parseTicketNumber(text)).toEqual({ ok: true, value: n });
  });

  it.each(['', 'abc', 'T-', '0'])('Should refuse %j with a reason key', (text) => {
    expect(parseTicketNumber(text)).toEqual({ ok: false, reason: 'tickets:error.bad_number' });
  });

  it.each([
    ['+7 701 234 56 78', { phone: '+77012345678' }],
    ['87012345678', { phone: '+77012345678' }],
    ['T-000042', { number: 42 }],
  ])('Should read the console search %s', (text, expected) => expect(parseTicketSearch(text)).toEqual(expected));
});

describe('agent actions (seed 003 cl. 5, 32, 34)', () => {
  it('Should give the first ticket number T-000001 and count up', async () => {
    const w = ticketWorld();
    const a = await faultTicket(w);
    const b = await faultTicket(w);
    expect([formatTicketNumber(a.number), formatTicketNumber(b.number)]).toEqual(['T-000001', 'T-000002']);
  });

  it('cl. 32: take puts a new ticket in progress, assigned to the agent, with history and audit', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w, { type: 'reference' });
    const r = await w.tickets.take(t.id, agent);
    expect(r.ok && r.value).toMatchObject({ status: 'in_progress', assigneeId: 'agent-1' });
    expect((await w.tickets.queue({ queue: 'mine', userId: 'agent-1', limit: 10 })).items).toHaveLength(1);
    expect((await w.tickets.queue({ queue: 'unassigned', limit: 10 })).items).toHaveLength(0);
    expect((await w.store.tickets.history(t.id)).map((h) => `${h.from}→${h.to}`)).toEqual(['null→open', 'open→in_progress']);
    expect((await w.store.audit.list({ entityId: t.id, action: 'ticket.take' }))[0]).toMatchObject({ actorId: 'agent-1' });
    expect(w.seen.some((e) => e.name === 'ticket.assigned')).toBe(true);
    expect(await w.tickets.take(t.id, agent)).toEqual({ ok: false, reason: 'tickets:error.already_assigned' });
  });

  it('Should assign to another agent and unassign', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w, { type: 'complaint' });
    expect((await w.tickets.assign(t.id, 'agent-9', supervisor)).ok).toBe(true);
    const r = await w.tickets.assign(t.id, null, supervisor);
    expect(r.ok && r.value.assigneeId).toBeNull();
    expect((await w.store.audit.list({ entityId: t.id, action: 'ticket.assign' }))).toHaveLength(2);
  });

  it('Should store a reply as a pending outgoing message for the channel to deliver, and record the delivery', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w, { type: 'reference' });
    const r = await w.tickets.reply(t.id, '  Сәлеметсіз бе! Қазір тексеремін.  ', agent);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ direction: 'outgoing', sender: 'agent', senderId: 'agent-1', delivery: 'pending', text: 'Сәлеметсіз бе! Қазір тексеремін.' });
    const created = w.seen.filter((e) => e.name === 'ticket.message_created').map((e) => (e.payload as { message: { id: string } }).message.id);
    expect(created).toContain(r.value.id);
    await w.tickets.recordDelivery(r.value.id, { ok: true, externalId: '555' });
    expect(await w.store.ticketMessages.get(r.value.id)).toMatchObject({ delivery: 'sent', externalId: '555' });
    const failed = await w.tickets.reply(t.id, 'Екінші хабар', agent);
    if (failed.ok) await w.tickets.recordDelivery(failed.value.id, { ok: false, error: '403: bot was blocked by the user' });
    expect((await w.tickets.view(t.id))?.messages.at(-1)).toMatchObject({ delivery: 'failed', error: '403: bot was blocked by the user' });
    expect((await w.store.audit.list({ entityId: t.id, action: 'ticket.reply' }))[0]?.details).toEqual({ messageId: failed.ok ? failed.value.id : '' });
  });

  it.each([
    ['', 'tickets:error.empty_message'],
    ['   ', 'tickets:error.empty_message'],
    ['x'.repeat(4001), 'tickets:error.message_too_long'],
  ])('Should refuse the reply %#', async (text, reason) => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    expect(await w.tickets.reply(t.id, text, agent)).toEqual({ ok: false, reason });
  });

  it('Should keep private notes out of delivery', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    const r = await w.tickets.addNote(t.id, 'Абонент бұрын да жазған', agent);
    expect(r.ok && r.value).toMatchObject({ private: true, delivery: 'none' });
  });

  it('cl. 5: escalate moves a first-line ticket to the unassigned second-line queue, once', async () => {
    const w = ticketWorld({ env: { ESCALATE_AFTER_MINUTES: '30' } });
    const t = await faultTicket(w);
    await w.tickets.take(t.id, agent);
    const r = await w.tickets.escalate(t.id, agent);
    expect(r.ok && r.value).toMatchObject({ status: 'escalated', line: 2, assigneeId: null });
    expect(await w.store.jobs.getPending(`ticket:escalate:${t.id}`)).toBeNull();
    expect(await w.tickets.escalate(t.id, agent)).toEqual({ ok: false, reason: 'tickets:error.already_escalated' });
    expect((await w.tickets.queue({ queue: 'second_line', limit: 5 })).items.map((x) => x.id)).toEqual([t.id]);
    const take = await w.tickets.take(t.id, secondLine);
    expect(take.ok && take.value).toMatchObject({ status: 'escalated', assigneeId: 'agent-2' });
  });

  it.each([
    ['reached', 'callback_done'],
    ['needs_visit', 'callback_done'],
    ['solved', 'resolved'],
    ['not_reached', 'escalated'],
  ] as const)('cl. 5: callback outcome %s leaves the ticket %s', async (outcome, status) => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    const r = await w.tickets.recordCallback(t.id, outcome, secondLine, 'Роутер қайта қосылды');
    expect(r.ok && r.value).toMatchObject({ status, callbackOutcome: outcome, comment: 'Роутер қайта қосылды' });
    expect((await w.store.audit.list({ entityId: t.id, action: 'ticket.callback' }))[0]?.details).toEqual({ outcome });
    expect(w.seen.filter((e) => e.name === 'ticket.callback_recorded')).toHaveLength(1);
  });

  it('Should resolve, then close; a closed ticket takes no more actions', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    const resolved = await w.tickets.resolve(t.id, secondLine);
    expect(resolved.ok && resolved.value).toMatchObject({ status: 'resolved' });
    expect(await w.tickets.resolve(t.id, secondLine)).toEqual({ ok: false, reason: 'tickets:error.not_active' });
    const closed = await w.tickets.close(t.id, secondLine);
    expect(closed.ok && closed.value.closedAt).toBeInstanceOf(Date);
    expect(await w.tickets.reply(t.id, 'тағы', agent)).toEqual({ ok: false, reason: 'tickets:error.closed' });
    expect(await w.tickets.take(t.id, agent)).toEqual({ ok: false, reason: 'tickets:error.not_active' });
    expect(w.seen.map((e) => e.name)).toEqual(expect.arrayContaining(['ticket.resolved', 'ticket.closed']));
    expect((await w.store.tickets.history(t.id)).map((h) => h.to)).toEqual(['escalated', 'resolved', 'closed']);
  });

  it('cl. 32: the agent enters topic, result and comment', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    const r = await w.tickets.setDetails(t.id, { topic: 'Нет интернета', result: 'Перезагрузка роутера', comment: '  ' }, agent);
    expect(r.ok && r.value).toMatchObject({ topic: 'Нет интернета', result: 'Перезагрузка роутера', comment: null });
  });

  it('cl. 34: a supervisor rates the agent on every criterion; the rating is stored with the ticket', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    await w.tickets.take(t.id, secondLine);
    const r = await w.tickets.rate(t.id, scores, supervisor, 'Жылдам шешті');
    expect(r.ok && r.value).toMatchObject({ agentId: 'agent-2', supervisorId: 'sup-1', scores });
    expect((await w.tickets.view(t.id))?.ratings).toHaveLength(1);
    expect(await w.tickets.rate(t.id, { ...scores, politeness: 6 }, supervisor)).toEqual({ ok: false, reason: 'tickets:error.bad_rating' });
    expect((await w.store.audit.list({ entityId: t.id, action: 'ticket.rate' }))).toHaveLength(1);
  });

  it('Should answer not found for an unknown ticket', async () => {
    const w = ticketWorld();
    expect(await w.tickets.take('nope', agent)).toEqual({ ok: false, reason: 'tickets:error.not_found' });
  });
});

describe('hand-off to a person (PRODUCT.md journey 8)', () => {
  const request = { chatKey: 'webchat:abc', channel: 'webchat' as const, language: 'ru' as const, reason: 'requested' as const };

  it('Should open a reference ticket for the chat and queue it for agents', async () => {
    const w = ticketWorld();
    const r = await w.tickets.startHandoff(request);
    expect(r.joined).toBe(false);
    expect(r.agentsFrom).toBeNull();
    expect(r.ticket).toMatchObject({ type: 'reference', handedOff: true, status: 'open', chatKey: 'webchat:abc' });
    expect((await w.tickets.queue({ queue: 'unassigned', limit: 5 })).items.map((t) => t.id)).toEqual([r.ticket.id]);
    expect((await w.tickets.handedOffTicket('webchat:abc'))?.id).toBe(r.ticket.id);
  });

  it('Should join the chat\'s active ticket the subscriber chose instead of opening another', async () => {
    const w = ticketWorld();
    const fault = await faultTicket(w, { chatKey: 'telegram:42' });
    const r = await w.tickets.startHandoff({ ...request, chatKey: 'telegram:42', channel: 'telegram', ticketId: fault.id });
    expect(r.joined).toBe(true);
    expect(r.ticket).toMatchObject({ id: fault.id, handedOff: true });
    expect(await w.store.tickets.countActive()).toBe(1);
    expect((await w.tickets.handedOffTicket('telegram:42'))?.id).toBe(fault.id);
  });

  it('Should open a new reference ticket when nobody chose one, never filing the words into the chat\'s open fault (issue 14)', async () => {
    const w = ticketWorld();
    const fault = await faultTicket(w, { chatKey: 'telegram:42' });
    const r = await w.tickets.startHandoff({ ...request, chatKey: 'telegram:42', channel: 'telegram', reason: 'bot_failed' });
    expect(r.joined).toBe(false);
    expect(r.ticket).toMatchObject({ type: 'reference', handedOff: true });
    expect((await w.store.tickets.get(fault.id))?.handedOff).toBe(false);
    // Nor a ticket of another chat, even when named.
    const other = await faultTicket(w, { chatKey: 'telegram:77' });
    const again = await w.tickets.startHandoff({ ...request, chatKey: 'webchat:zz', ticketId: other.id });
    expect(again.joined).toBe(false);
    expect((await w.store.tickets.get(other.id))?.handedOff).toBe(false);
  });

  it('Should find the hand-off of an older ticket the subscriber picked, though a newer one is open', async () => {
    const w = ticketWorld();
    const older = await faultTicket(w, { chatKey: 'telegram:42' });
    await faultTicket(w, { chatKey: 'telegram:42', service: 'phone' });
    await w.tickets.startHandoff({ ...request, chatKey: 'telegram:42', channel: 'telegram', ticketId: older.id });
    expect((await w.tickets.handedOffTicket('telegram:42'))?.id).toBe(older.id);
  });

  it('cl. 4: outside working hours tells when agents answer', async () => {
    const w = ticketWorld();
    w.clock.set(almaty('2026-03-06T22:15'));
    const r = await w.tickets.startHandoff(request);
    expect(r.agentsFrom?.toISOString()).toBe(almaty('2026-03-07T10:00').toISOString());
  });

  it('Should put the subscriber\'s messages in the transcript and give the chat back to the bot when the agent ends it', async () => {
    const w = ticketWorld();
    const { ticket } = await w.tickets.startHandoff(request);
    await w.tickets.addSubscriberMessage(ticket.id, 'Здравствуйте, не работает интернет', 'ext-1');
    const view = await w.tickets.view(ticket.id);
    expect(view?.messages.filter((m) => m.direction === 'incoming').map((m) => m.text)).toEqual(['Здравствуйте, не работает интернет']);
    const ended = await w.tickets.endHandoff(ticket.id, agent);
    expect(ended.ok && ended.value.handedOff).toBe(false);
    expect(await w.tickets.handedOffTicket('webchat:abc')).toBeNull();
    expect(w.seen.map((e) => e.name)).toEqual(expect.arrayContaining(['ticket.handoff_started', 'ticket.handoff_ended']));
    expect(await w.tickets.endHandoff(ticket.id, agent)).toEqual({ ok: false, reason: 'tickets:error.not_handed_off' });
  });

  it('Should end the hand-off when the ticket is resolved', async () => {
    const w = ticketWorld();
    const { ticket } = await w.tickets.startHandoff(request);
    await w.tickets.resolve(ticket.id, agent);
    expect(w.seen.filter((e) => e.name === 'ticket.handoff_ended')).toHaveLength(1);
    expect(await w.tickets.handedOffTicket('webchat:abc')).toBeNull();
  });

  it('Should list the subscriber\'s open tickets, newest first', async () => {
    const w = ticketWorld();
    const a = await faultTicket(w);
    const b = await faultTicket(w, { type: 'complaint', actor: subscriberActor });
    await w.tickets.close(a.id, agent, { reason: 'duplicate' });
    expect((await w.tickets.activeForSubscriber('sub-1')).map((t) => t.id)).toEqual([b.id]);
  });
});

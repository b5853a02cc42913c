/**
 * The ticket page's full picture (issue 8 "the full transcript"; STYLE 12): what the bot and the subscriber said
 * before the hand-off, from the conversation log; and escalations to supervisors after a breach, on the breached
 * queue and the ticket page, acknowledged by a supervisor.
 */
import { describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

describe('ticket page: the conversation before the hand-off', () => {
  it('Should show what the bot and the subscriber said shortly before the hand-off, escaped, and nothing older or later', async () => {
    const f = await consoleFixture();
    const agent = await f.user(['agent']);
    const chatKey = 'webchat:visitor-7';
    const now = f.clock.now();
    const log = (id: string, direction: 'in' | 'out', text: string, at: Date) => f.store.conversationMessages.append({ id, chatKey, direction, text, at });
    await log('yesterday', 'in', 'вчерашний вопрос про тариф', minutes(now, -24 * 60));
    await log('q1', 'in', 'хочу роуминг в Турции <script>alert(1)</script>', minutes(now, -3));
    await log('a1', 'out', 'Извините, не понял. Выберите, пожалуйста, пункт меню.', minutes(now, -3));
    await log('q2', 'in', 'ну так что по роумингу', minutes(now, -1));
    const { ticket } = await f.tickets.startHandoff({ chatKey, channel: 'webchat', language: 'ru', reason: 'bot_failed' });
    await log('later', 'in', 'сообщение уже оператору', minutes(now, 2));

    const b = f.browser();
    await b.signIn(agent.email);
    await b.get(`/admin/tickets/${ticket.id}`);
    const text = visibleText(b.last.html);
    expect(text).toContain('Разговор с ботом до передачи оператору (3)');
    expect(text).toContain('хочу роуминг в Турции <script>alert(1)</script>');
    expect(b.last.html).not.toContain('<script>alert(1)');
    expect(text).toContain('Извините, не понял.');
    expect(text.indexOf('хочу роуминг')).toBeLessThan(text.indexOf('ну так что по роумингу'));
    expect(text).not.toContain('вчерашний вопрос');
    expect(text).not.toContain('сообщение уже оператору');
  });
});

describe('escalations to supervisors', () => {
  async function breachedTicket() {
    const f = await consoleFixture({}, { SLA_CLOCK: 'calendar', SLA_CALLBACK_MINUTES: '30' });
    const ticket = await f.ticket();
    f.clock.set(minutes(f.clock.now(), 31));
    await f.scheduler.tick();
    return { f, ticket };
  }

  it('cl. 5: Should list a breached ticket awaiting a supervisor on the breached queue, and let a supervisor acknowledge it', async () => {
    const { f, ticket } = await breachedTicket();
    const supervisor = await f.user(['supervisor']);
    const b = f.browser();
    await b.signIn(supervisor.email);
    await b.get('/admin/tickets?queue=breached');
    let text = visibleText(b.last.html);
    expect(text).toContain('Ждут супервайзера: 1');
    expect(text).toContain(`${formatTicketNumber(ticket.number)} · Нарушен срок обратного звонка`);

    await b.get(`/admin/tickets/${ticket.id}`);
    expect(visibleText(b.last.html)).toContain('Ещё никто из супервайзеров не принял');
    const [escalation] = await f.store.escalations.forTicket(ticket.id);
    const res = await b.post(`/admin/tickets/${ticket.id}/escalations/${escalation!.id}/acknowledge`);
    expect(res.status).toBe(303);
    await b.get(res.headers.get('location')!);
    text = visibleText(b.last.html);
    expect(text).toContain('Эскалация принята в работу.');
    expect(text).toContain(`Принял(а) ${supervisor.name}`);
    expect(text).toContain('Супервайзер принял эскалацию в работу');

    await b.get('/admin/tickets?queue=breached');
    expect(visibleText(b.last.html)).not.toContain('Ждут супервайзера');
  });

  it('Should show the escalation to an agent without the button, and refuse an agent\'s acknowledgement with 403', async () => {
    const { f, ticket } = await breachedTicket();
    const b = f.browser();
    await b.signIn((await f.user(['agent'])).email);
    await b.get(`/admin/tickets/${ticket.id}`);
    expect(visibleText(b.last.html)).toContain('Эскалация супервайзерам');
    expect(b.last.html).not.toContain('/acknowledge"');
    const [escalation] = await f.store.escalations.forTicket(ticket.id);
    expect((await b.post(`/admin/tickets/${ticket.id}/escalations/${escalation!.id}/acknowledge`)).status).toBe(403);
    expect((await f.store.escalations.get(escalation!.id))!.acknowledgedAt).toBeNull();
  });
});

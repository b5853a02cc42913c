import { describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

async function signedIn(roles: Parameters<Awaited<ReturnType<typeof consoleFixture>>['user']>[0], env: Record<string, string> = {}) {
  const f = await consoleFixture({}, env);
  const me = await f.user(roles);
  const b = f.browser();
  await b.signIn(me.email);
  return { f, me, b };
}

describe('tickets workplace (seed 003 cl. 5, 32, 34)', () => {
  it('Should show a subscriber message containing <script> as text, never as markup', async () => {
    const { f, b } = await signedIn(['agent']);
    const ticket = await f.ticket();
    await f.tickets.addSubscriberMessage(ticket.id, 'Не работает <script>alert("x")</script> <img src=x onerror=alert(1)>');
    await b.get(`/admin/tickets/${ticket.id}`);
    expect(b.last.status).toBe(200);
    expect(b.last.html).not.toContain('<script>alert');
    expect(b.last.html).not.toContain('<img src=x');
    expect(b.last.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(visibleText(b.last.html)).toContain('Не работает <script>alert("x")</script> <img src=x onerror=alert(1)>');
    const fragment = await b.get(`/admin/tickets/${ticket.id}/transcript`);
    expect(await fragment.text()).toContain('&lt;script&gt;');
  });

  it('Should show the agent what the subscriber gave the fault journey: the description (as text) and the convenient callback time', async () => {
    const { f, b } = await signedIn(['second_line']);
    const ticket = await f.ticket({ description: 'Роутер мигает <b>красным</b>', callbackTime: { slot: 'evening' } });
    await b.get(`/admin/tickets/${ticket.id}`);
    const text = visibleText(b.last.html);
    expect(text).toContain('Со слов абонента Роутер мигает <b>красным</b>');
    expect(text).toContain('Удобное время звонка Вечером, 17:00–21:00');
    expect(b.last.html).not.toContain('<b>красным</b>');
    const other = await f.ticket({ phone: '+77010000001', callbackTime: { words: 'после 18:00' } });
    await b.get(`/admin/tickets/${other.id}`);
    expect(visibleText(b.last.html)).toContain('Удобное время звонка после 18:00');
    expect(visibleText(b.last.html)).not.toContain('Со слов абонента');
  });

  it('cl. 5: Should put a new technical ticket in the second-line queue with its callback countdown', async () => {
    const { f, b } = await signedIn(['second_line']);
    const ticket = await f.ticket();
    await b.get('/admin/tickets');
    const text = visibleText(b.last.html);
    expect(text).toContain(formatTicketNumber(ticket.number));
    expect(text).toContain('Передана во вторую линию');
    expect(b.last.html).toContain(`data-due="${ticket.callbackDueAt!.toISOString()}"`);
  });

  it('Should find a ticket by number or by phone in any common form, and say when nothing matches', async () => {
    const { f, b } = await signedIn(['agent']);
    const wanted = await f.ticket({ phone: '+77017654321', chatKey: 'telegram:7' });
    const other = await f.ticket({ phone: '+77019990000', chatKey: 'telegram:8' });
    for (const q of [formatTicketNumber(wanted.number), String(wanted.number), '8 701 765 43 21']) {
      await b.get(`/admin/tickets?queue=all&q=${encodeURIComponent(q)}`);
      const text = visibleText(b.last.html);
      expect(text).toContain(formatTicketNumber(wanted.number));
      expect(text).not.toContain(formatTicketNumber(other.number));
    }
    await b.get('/admin/tickets?queue=all&q=T-999999');
    expect(visibleText(b.last.html)).toContain('По этим условиям обращений нет');
  });

  it('Should filter by channel and type', async () => {
    const { f, b } = await signedIn(['agent']);
    const chat = await f.ticket({ channel: 'webchat', type: 'reference', chatKey: 'webchat:1' });
    const tg = await f.ticket({ channel: 'telegram', type: 'technical' });
    await b.get('/admin/tickets?queue=all&channel=webchat');
    let text = visibleText(b.last.html);
    expect(text).toContain(formatTicketNumber(chat.number));
    expect(text).not.toContain(formatTicketNumber(tg.number));
    await b.get('/admin/tickets?queue=all&type=technical');
    text = visibleText(b.last.html);
    expect(text).toContain(formatTicketNumber(tg.number));
    expect(text).not.toContain(formatTicketNumber(chat.number));
  });

  it('Should page with a cursor: 50 rows, then the rest, none twice', async () => {
    const { f, b } = await signedIn(['supervisor']);
    for (let i = 0; i < 55; i++) await f.ticket({ type: 'reference', chatKey: `webchat:${i}` });
    await b.get('/admin/tickets?queue=all');
    const first = [...b.last.html.matchAll(/data-ticket="([^"]+)"/g)].map((m) => m[1]);
    expect(first).toHaveLength(50);
    const next = /href="([^"]*cursor=[^"]*)" rel="next"|rel="next" href="([^"]*)"/.exec(b.last.html)!;
    await b.get((next[1] ?? next[2]!).replace(/&amp;/g, '&'));
    const second = [...b.last.html.matchAll(/data-ticket="([^"]+)"/g)].map((m) => m[1]);
    expect(second).toHaveLength(5);
    expect(new Set([...first, ...second]).size).toBe(55);
    expect(visibleText(b.last.html)).toContain('В начало');
  });

  it('Should show an honest empty queue', async () => {
    const { b } = await signedIn(['agent']);
    await b.get('/admin/tickets?queue=mine');
    expect(visibleText(b.last.html)).toContain('У вас нет обращений в работе');
  });

  it('Should let an agent take a ticket and reply; the reply is queued for the subscriber chat and audited', async () => {
    const { f, b, me } = await signedIn(['agent'], { ESCALATE_AFTER_MINUTES: '30' });
    const ticket = await f.ticket();
    const sent: string[] = [];
    f.events.on('ticket.message_created', ({ message }) => void (message.direction === 'outgoing' && !message.private && sent.push(message.text)));
    await b.get(`/admin/tickets/${ticket.id}`);
    await b.post(`/admin/tickets/${ticket.id}/take`);
    await b.get(b.last.location!);
    expect(visibleText(b.last.html)).toContain('Обращение у вас в работе');
    await b.post(`/admin/tickets/${ticket.id}/reply`, { text: 'Перезагрузите, пожалуйста, роутер' });
    await b.get(b.last.location!);
    const text = visibleText(b.last.html);
    expect(text).toContain('Ответ отправлен абоненту');
    expect(text).toContain('Перезагрузите, пожалуйста, роутер');
    expect(text).toContain('отправляется…');
    expect(sent).toEqual(['Перезагрузите, пожалуйста, роутер']);
    const audit = await f.store.audit.list({ entity: 'ticket', entityId: ticket.id });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['ticket.take', 'ticket.reply']));
    expect(audit.find((e) => e.action === 'ticket.reply')!.actorId).toBe(me.id);
  });

  it('Should keep a private note away from the subscriber and mark it in the transcript', async () => {
    const { f, b } = await signedIn(['agent']);
    const ticket = await f.ticket();
    const sent: string[] = [];
    f.events.on('ticket.message_created', ({ message }) => void (!message.private && message.direction === 'outgoing' && sent.push(message.text)));
    await b.get(`/admin/tickets/${ticket.id}`);
    await b.post(`/admin/tickets/${ticket.id}/reply`, { text: 'Проверить порт на DSLAM', private: '1' });
    await b.get(b.last.location!);
    expect(visibleText(b.last.html)).toContain('Проверить порт на DSLAM');
    expect(b.last.html).toContain('msg out sender-agent private');
    expect(sent).toEqual([]);
  });

  it('cl. 5: Should let the first line escalate and the second line record the callback outcome', async () => {
    const f = await consoleFixture({}, { ESCALATE_AFTER_MINUTES: '30' });
    const agent = f.browser();
    await agent.signIn((await f.user(['agent'])).email);
    const ticket = await f.ticket();
    await agent.get(`/admin/tickets/${ticket.id}`);
    await agent.post(`/admin/tickets/${ticket.id}/escalate`);
    await agent.get(agent.last.location!);
    expect(visibleText(agent.last.html)).toContain('Обращение передано во вторую линию');
    expect((await agent.post(`/admin/tickets/${ticket.id}/callback`, { outcome: 'reached' })).status).toBe(403);

    const second = f.browser();
    await second.signIn((await f.user(['second_line'])).email);
    await second.get(`/admin/tickets/${ticket.id}`);
    await second.post(`/admin/tickets/${ticket.id}/callback`, { outcome: 'needs_visit', comment: 'Кабель повреждён' });
    await second.get(second.last.location!);
    const text = visibleText(second.last.html);
    expect(text).toContain('Итог звонка записан');
    expect(text).toContain('Нужен выезд мастера');
  });

  it('Should explain a refused action instead of failing (taking a closed ticket)', async () => {
    const { f, b } = await signedIn(['agent']);
    const ticket = await f.ticket();
    await b.get(`/admin/tickets/${ticket.id}`);
    await b.post(`/admin/tickets/${ticket.id}/close`, { reason: 'withdrawn' });
    await b.post(`/admin/tickets/${ticket.id}/take`);
    await b.get(b.last.location!);
    expect(visibleText(b.last.html)).toContain('Заявка уже решена или закрыта');
  });

  it('cl. 34: Should store a supervisor rating with the ticket and show it beside the transcript; agents cannot rate', async () => {
    const f = await consoleFixture();
    const ticket = await f.ticket();
    const agent = f.browser();
    await agent.signIn((await f.user(['agent'])).email);
    await agent.get(`/admin/tickets/${ticket.id}`);
    expect(agent.last.html).not.toContain('/rate"');
    expect((await agent.post(`/admin/tickets/${ticket.id}/rate`, { politeness: '5', accuracy: '5', registration: '5', timeliness: '5', resolution: '5' })).status).toBe(403);

    const sup = f.browser();
    const supervisor = await f.user(['supervisor']);
    await sup.signIn(supervisor.email);
    await sup.get(`/admin/tickets/${ticket.id}`);
    await sup.post(`/admin/tickets/${ticket.id}/rate`, { politeness: '5', accuracy: '4', registration: '3', timeliness: '4', resolution: '4', comment: 'Хорошо, но тему не указали' });
    await sup.get(sup.last.location!);
    const text = visibleText(sup.last.html);
    expect(text).toContain('Оценка сохранена');
    expect(text).toContain('4.0');
    expect(text).toContain('Хорошо, но тему не указали');
    expect((await f.store.tickets.ratings(ticket.id))[0]!.supervisorId).toBe(supervisor.id);
    await agent.get(`/admin/tickets/${ticket.id}`);
    expect(visibleText(agent.last.html)).toContain('Хорошо, но тему не указали');
  });

  it('cl. 5: Should flag a ticket whose callback time passed and list it in the breached queue', async () => {
    const { f, b } = await signedIn(['supervisor'], { SLA_CLOCK: 'calendar', SLA_CALLBACK_MINUTES: '5' });
    const ticket = await f.ticket();
    f.clock.advanceMinutes(6);
    await f.scheduler.tick();
    await b.get('/admin/tickets?queue=breached');
    const text = visibleText(b.last.html);
    expect(text).toContain(formatTicketNumber(ticket.number));
    expect(text).toContain('Просрочено');
    expect(b.last.html).toContain('is-breached');
  });

  it('Should show the subscriber card with personal accounts, statuses and the amount due from billing', async () => {
    const f = await consoleFixture({}, {}, { demo: true });
    const b = f.browser();
    await b.signIn((await f.user(['agent'])).email);
    const ticket = await f.ticket({ subscriberId: 'demo-yerzhan', phone: '+77021234567' });
    await b.get(`/admin/tickets/${ticket.id}`);
    const text = visibleText(b.last.html);
    expect(text).toContain('Ержан Болатұлы');
    expect(text).toContain('100000000003');
    expect(text).toContain('есть просроченный долг');
    expect(text).toMatch(/К оплате \d[\d\u202f\u00a0 ]*(,\d\d)?\s₸/);
  });

  it('Should stream new work to the live list as server-sent events (ids and numbers only)', async () => {
    const { f, b } = await signedIn(['agent']);
    await b.get('/admin/tickets');
    const res = await f.app.request('/admin/tickets/events', { headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/event-stream' } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) seen += decoder.decode((await reader.read()).value);
    };
    await readUntil('event: ready');
    const ticket = await f.ticket({ phone: '+77015556677' });
    await readUntil(`"number":${ticket.number},"kind":"new"`);
    await reader.cancel();
    expect(seen).not.toContain('+77015556677');
  });
});

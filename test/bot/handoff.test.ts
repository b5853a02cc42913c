import { describe, expect, it } from 'vitest';
import { command, harness, text, type Harness } from './harness.ts';

const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');
const agent = { type: 'user' as const, id: 'agent-1' };

async function anonymousWebchat(): Promise<Harness> {
  return harness({ channel: 'webchat', language: 'ru' });
}

describe('hand-off to a person (PRODUCT.md journey 8)', () => {
  it('Should queue the chat for agents on request, from any point, and tell the ticket number', async () => {
    const h = await anonymousWebchat();
    const r = await h.step(command('operator'));
    expect(texts(r)).toContain('Передаю разговор оператору, номер обращения — T-000001.');
    expect((await h.services.tickets.queue({ queue: 'unassigned', limit: 5 })).items).toHaveLength(1);
  });

  it('Should hand off automatically after the bot fails to understand three times in a row in one step', async () => {
    const h = await anonymousWebchat();
    await h.step(command('menu'));
    await h.step(text('хочу узнать про роуминг в Турции'));
    const second = await h.step(text('ну так что по роумингу'));
    expect(texts(second)).not.toContain('оператор');
    const third = await h.step(text('роуминг!!!'));
    expect(texts(third)).toContain('Кажется, я не могу помочь с этим вопросом. Соединяю вас с оператором.');
    const ticket = await h.services.tickets.handedOffTicket(h.chatKey);
    expect(ticket).toMatchObject({ type: 'reference', channel: 'webchat', handedOff: true });
    const activity = (await h.services.tickets.view(ticket!.id))!.messages.map((m) => m.text);
    expect(activity).toContain('tickets:activity.handoff_bot_failed');
  });

  it('Should not count understood answers between misses', async () => {
    const h = await anonymousWebchat();
    await h.step(command('menu'));
    await h.step(text('абракадабра'));
    await h.step(text('1'));
    await h.step(command('menu'));
    const r = await h.step(text('ещё абракадабра'));
    expect(texts(r)).not.toContain('Соединяю');
  });

  it('Should send what the subscriber types to the transcript, and the bot resumes when the agent ends the hand-off', async () => {
    const h = await anonymousWebchat();
    await h.step(command('operator'));
    const first = await h.step(text('Здравствуйте, не работает домашний телефон'));
    expect(texts(first)).toBe('Передал ваше сообщение оператору.');
    const second = await h.step(text('Номер 2-345-678'));
    expect(second.outbound).toEqual([]);
    const ticket = (await h.services.tickets.handedOffTicket(h.chatKey))!;
    const incoming = (await h.services.tickets.view(ticket.id))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
    expect(incoming).toEqual(['Здравствуйте, не работает домашний телефон', 'Номер 2-345-678']);

    await h.services.tickets.endHandoff(ticket.id, agent);
    const back = await h.step(text('спасибо'));
    expect(texts(back)).toContain('Оператор завершил разговор');
    expect(texts(back)).toContain('Главное меню');
  });

  it('Should forward text typed at the menu while the chat is still handed off', async () => {
    const h = await anonymousWebchat();
    await h.step(command('operator'));
    await h.step(command('menu'));
    await h.step(text('Я ещё тут, жду ответа'));
    const ticket = (await h.services.tickets.handedOffTicket(h.chatKey))!;
    const incoming = (await h.services.tickets.view(ticket.id))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
    expect(incoming).toEqual(['Я ещё тут, жду ответа']);
  });

  it('cl. 4: outside working hours tells when agents will answer', async () => {
    const h = await anonymousWebchat();
    h.clock.set('2026-03-06T17:15:00Z'); // Friday 22:15 Almaty
    const r = await h.step(command('operator'));
    expect(texts(r)).toContain('Ответят завтра в 10:00 (время Алматы)');
  });

  it('Should list the chat\'s open tickets on /ticket', async () => {
    const h = await anonymousWebchat();
    expect(texts(await h.step(command('ticket')))).toContain('Открытых обращений у вас нет.');
    await h.step(command('operator'));
    const list = await h.step(command('ticket'));
    expect(texts(list)).toContain('T-000001 — Справка: Новая');
  });
});

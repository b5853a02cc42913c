/**
 * The ticket page's history says what each step did and who did it, instead of repeating the status
 * ("passed to the second line" three times for a registration, a hand-off and an assignment).
 */
import { describe, expect, it } from 'vitest';
import { consoleFixture, visibleText } from './console.fixture.ts';

/** The history card's lines, oldest first, without their times. */
function historyLines(html: string): string[] {
  const list = /<ul class="timeline" data-history="">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => visibleText(m[1]!).replace(/^\d\d\.\d\d\.\d{4} \d\d:\d\d /, ''));
}

describe('ticket history', () => {
  it('Should say what each step did: registered, handed to a person, taken, assigned, called back, closed', async () => {
    const f = await consoleFixture();
    const agent = await f.user(['agent']);
    await f.store.users.update(agent.id, { name: 'Айгүл Бекова' });
    const second = await f.user(['second_line']);
    await f.store.users.update(second.id, { name: 'Ерлан Техник' });
    const admin = await f.user(['admin']);
    const ticket = await f.ticket();
    await f.tickets.startHandoff({ chatKey: ticket.chatKey!, channel: 'telegram', language: 'ru', reason: 'requested', ticketId: ticket.id });
    await f.tickets.take(ticket.id, { type: 'user', id: agent.id });
    await f.tickets.reply(ticket.id, 'Здравствуйте!', { type: 'user', id: agent.id });
    await f.tickets.assign(ticket.id, second.id, { type: 'user', id: admin.id });
    await f.tickets.recordCallback(ticket.id, 'not_reached', { type: 'user', id: second.id });
    await f.tickets.endHandoff(ticket.id, { type: 'user', id: second.id });
    const b = f.browser();
    await b.signIn(admin.email);
    await b.get(`/admin/tickets/${ticket.id}`);
    expect(historyLines(b.last.html)).toEqual([
      'Зарегистрировано (Telegram) и сразу передано во вторую линию · абонент',
      'Чат передан оператору по этому обращению — абонент попросил оператора · абонент',
      'Взято в работу · Айгүл Бекова',
      'Назначен исполнитель: Ерлан Техник · User admin',
      'Итог обратного звонка: Не дозвонились · Ерлан Техник',
      'Чат возвращён боту · Ерлан Техник',
    ]);
  });
});

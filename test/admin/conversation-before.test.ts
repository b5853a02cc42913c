/**
 * The ticket page's "before the hand-off" block: only for a ticket that reached a person, only this ticket's part of
 * the chat, and the chat's automatic `/start` is not shown as something the subscriber said.
 */
import { describe, expect, it } from 'vitest';
import { consoleFixture, visibleText } from './console.fixture.ts';

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

async function page() {
  const f = await consoleFixture({}, { ESCALATE_AFTER_MINUTES: '30' });
  const agent = await f.user(['agent']);
  const b = f.browser();
  await b.signIn(agent.email);
  const chatKey = 'webchat:visitor-9';
  const log = (direction: 'in' | 'out', text: string, at = f.clock.now()) =>
    f.store.conversationMessages.append({ id: `${direction}-${text}-${at.getTime()}`, chatKey, direction, text, at });
  const before = async (id: string) => {
    await b.get(`/admin/tickets/${id}`);
    const block = /<details class="before-handoff"[\s\S]*?<\/details>/.exec(b.last.html)?.[0];
    return block ? visibleText(block) : null;
  };
  return { f, b, chatKey, log, before, agent };
}

describe('ticket page: the conversation before the hand-off', () => {
  it('Should show no such block for a ticket the bot registered without a hand-off', async () => {
    const { f, chatKey, log, before } = await page();
    await log('in', 'Интернет жоқ');
    await log('out', 'Өтінім тіркелді');
    const ticket = await f.ticket({ chatKey, channel: 'webchat' });
    expect(await before(ticket.id)).toBeNull();
  });

  it('Should show the chat opening as the chat being opened, not as the subscriber saying "/start"', async () => {
    const { f, chatKey, log, before } = await page();
    await log('in', '/start', minutes(f.clock.now(), -2));
    await log('out', 'Тілді таңдаңыз', minutes(f.clock.now(), -2));
    await log('in', 'Оператор', minutes(f.clock.now(), -1));
    const { ticket } = await f.tickets.startHandoff({ chatKey, channel: 'webchat', language: 'ru', reason: 'requested' });
    const block = (await before(ticket.id))!;
    expect(block).toContain('Абонент открыл чат');
    expect(block).not.toContain('/start');
    expect(block).toContain('Оператор');
  });

  it('Should leave out what the chat said about another ticket before this one', async () => {
    const { f, chatKey, log, before, agent } = await page();
    const { ticket: first } = await f.tickets.startHandoff({ chatKey, channel: 'webchat', language: 'ru', reason: 'requested' });
    f.clock.set(minutes(f.clock.now(), 1));
    await log('in', 'где мой счёт за март');
    await log('out', 'Айгүл (оператор): отправила повторно');
    f.clock.set(minutes(f.clock.now(), 1));
    await f.tickets.close(first.id, { type: 'user', id: agent.id });
    f.clock.set(minutes(f.clock.now(), 5));
    await log('in', 'а ещё интернет медленный');
    f.clock.set(minutes(f.clock.now(), 1));
    const { ticket: second, joined } = await f.tickets.startHandoff({ chatKey, channel: 'webchat', language: 'ru', reason: 'requested' });
    expect(joined).toBe(false);
    const block = (await before(second.id))!;
    expect(block).toContain('а ещё интернет медленный');
    expect(block).not.toContain('где мой счёт');
    expect(block).not.toContain('отправила повторно');
  });

  it('Should show the half hour before a hand-off to an older ticket, not the day it was registered', async () => {
    const { f, b, agent, chatKey, log, before } = await page();
    await log('in', 'вчера: нет гудка');
    const ticket = await f.ticket({ chatKey, channel: 'webchat', service: 'phone', symptom: 'no_tone' });
    f.clock.set(minutes(f.clock.now(), 24 * 60));
    await log('in', 'сегодня: гудка всё ещё нет', minutes(f.clock.now(), -5));
    const { ticket: joined } = await f.tickets.startHandoff({ chatKey, channel: 'webchat', language: 'ru', reason: 'requested', ticketId: ticket.id });
    expect(joined.id).toBe(ticket.id);
    await b.signIn(agent.email); // a day later: yesterday's console session has ended
    const block = (await before(ticket.id))!;
    expect(block).toContain('сегодня: гудка всё ещё нет');
    expect(block).not.toContain('вчера: нет гудка');
  });
});

/**
 * The engine's hand-off rules (PRODUCT.md journey 8; issue 7 item 4): while a person has the chat, whatever the
 * subscriber types, shares or sends reaches the ticket's transcript in whatever dialog the chat is; the bot's own
 * commands and buttons still work; /cancel leaves the person; a one-time code never reaches the person; and two
 * misses in a row hand the chat to a person from any dialog.
 */
import { describe, expect, it } from 'vitest';
import { command, harness, press, text, type Harness } from './harness.ts';

const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');
const token = (h: Harness) => h.state?.menu?.token ?? null;

async function transcript(h: Harness) {
  const ticket = (await h.services.tickets.activeForChat(h.chatKey))!;
  return (await h.services.tickets.view(ticket.id))!.messages;
}
const incoming = async (h: Harness) => (await transcript(h)).filter((m) => m.direction === 'incoming').map((m) => m.text);

describe('hand-off at engine level: everything the subscriber sends goes to the person', () => {
  it('Should relay free text typed inside another dialog, leaving that dialog where it was', async () => {
    const h = await harness({ channel: 'webchat', language: 'ru' });
    await h.step(command('operator'));
    await h.step(command('language'));
    expect(h.state?.dialog).toBe('language');
    const r = await h.step(text('Алло, вы меня слышите?'));
    expect(texts(r)).toBe('Передал ваше сообщение оператору.');
    expect(await incoming(h)).toEqual(['Алло, вы меня слышите?']);
    // The language question is still on screen and still works.
    const chosen = await h.step(press('kk', token(h)));
    expect(texts(chosen)).toContain('Жақсы, енді қазақ тілінде сөйлесеміз.');
  });

  it('Should pass a shared contact on as its number, and tell that photos do not reach the person', async () => {
    const h = await harness({ channel: 'telegram', language: 'ru' });
    await h.step(command('operator'));
    await h.step({ kind: 'contact', phone: '+77017770011', own: true });
    const photo = await h.step({ kind: 'unsupported', what: 'photo' });
    expect(texts(photo)).toContain('Оператор видит только текст');
    const lines = await transcript(h);
    expect(lines.filter((m) => m.direction === 'incoming').map((m) => m.text)).toEqual(['+77017770011']);
    expect(lines.map((m) => m.text)).toContain('tickets:activity.media.photo');
    expect(await h.services.tickets.handedOffTicket(h.chatKey)).not.toBeNull();
  });

  it('Should show the menu on /menu and keep the hand-off, saying the person is still there', async () => {
    const h = await harness({ channel: 'webchat', language: 'ru' });
    await h.step(command('operator'));
    const menu = await h.step(command('menu'));
    expect(texts(menu)).toContain('Оператор по-прежнему на связи');
    expect(texts(menu)).toContain('Главное меню');
    expect(await h.services.tickets.handedOffTicket(h.chatKey)).not.toBeNull();
    // A typed answer to the menu on screen is for the bot; anything else is for the person.
    const tickets = await h.step(text('Мои обращения'));
    expect(texts(tickets)).toContain('T-000001');
    await h.step(text('Так когда ответите?'));
    expect(await incoming(h)).toEqual(['Так когда ответите?']);
  });

  it('Should not treat "2" typed to the person as a choice of the menu left on screen before the hand-off', async () => {
    const h = await harness({ channel: 'webchat', language: 'ru' });
    await h.step(command('menu'));
    await h.step(command('operator'));
    await h.step(text('2'));
    expect(await incoming(h)).toEqual(['2']);
    expect(h.state?.dialog).toBe('handoff');
  });

  it('Should let the subscriber leave the person with /cancel: the ticket stays open for agents, the bot answers again', async () => {
    const h = await harness({ channel: 'webchat', language: 'ru' });
    await h.step(command('operator'));
    const left = await h.step(command('cancel'));
    expect(texts(left)).toContain('Вы завершили разговор с оператором. Обращение T-000001 остаётся открытым');
    expect(texts(left)).not.toContain('по-прежнему на связи');
    expect(await h.services.tickets.handedOffTicket(h.chatKey)).toBeNull();
    const ticket = (await h.services.tickets.activeForChat(h.chatKey))!;
    expect(ticket.status).toBe('open');
    expect((await transcript(h)).map((m) => m.text)).toContain('tickets:activity.handoff_left');
    const after = await h.step(text('абракадабра'));
    expect(texts(after)).toContain('Извините, не понял.');
  });

  it('Should hand off after three misses in a row in any dialog, not only the menu (here: the language question)', async () => {
    const h = await harness({ channel: 'webchat', language: 'ru' });
    await h.step(command('language'));
    const first = await h.step(text('хочу поговорить про роуминг'));
    expect(texts(first)).not.toContain('оператор');
    await h.step(text('роуминг'));
    const second = await h.step(text('роуминг в Турции'));
    expect(texts(second)).toContain('Кажется, я не могу помочь с этим вопросом. Соединяю вас с оператором.');
    expect(texts(second)).not.toContain('Тілді таңдаңыз');
    expect(await h.services.tickets.handedOffTicket(h.chatKey)).toMatchObject({ type: 'reference', handedOff: true });
    // Further words go to the person, not counted as misses.
    await h.step(text('ещё раз про роуминг'));
    await h.step(text('и ещё'));
    expect(await h.store.tickets.countActive()).toBe(1);
    expect(await incoming(h)).toEqual(['ещё раз про роуминг', 'и ещё']);
  });
});

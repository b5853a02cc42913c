/**
 * Issue 14 item 2: an input the bot does not understand is answered with the question again and the way on (menu, a
 * person); the chat goes to a person only when the subscriber picks it or after three misses in one step; a hand-off
 * opens a new reference ticket unless the subscriber picks one of the chat's open tickets — never an unrelated one.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { WEBCHAT_CAPABILITIES } from '../../bot/webchat/webchat-channel.ts';
import { command, harness, press, text, type Harness } from './harness.ts';

const ru = translator('ru');
const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');
const lastChoices = (r: { outbound: { choices?: { id: string; label: string }[] }[] }) => r.outbound.at(-1)?.choices ?? [];
const token = (h: Harness) => h.state?.menu?.token ?? null;

async function webchat(): Promise<Harness> {
  return harness({ channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES, language: 'ru' });
}

/** A Wi-Fi fault already open for this chat. */
async function openFault(h: Harness) {
  return h.services.tickets.register({
    type: 'technical', channel: 'webchat', language: 'ru', subscriberId: null, accountId: null, chatKey: h.chatKey,
    phone: null, region: null, service: 'megaline', symptom: 'wifi', actor: { type: 'subscriber', id: null },
  });
}

const toNumberQuestion = async (h: Harness) => {
  await h.step(command('menu'));
  await h.step(text('1'));
  expect(h.state!.dialog).toBe('verify');
};

describe('the way on after a miss', () => {
  it('Should ask "which account?" again with the account buttons, not only the words (found walking the web chat)', async () => {
    const h = await harness({ language: 'ru' });
    const now = h.clock.now();
    await h.store.subscribers.create({ id: 'sub-w', fullName: 'Айгүл Серікқызы', phone: '+77011234567', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: now });
    for (const number of ['100000000001', '100000000002']) {
      await h.store.accounts.create({
        id: `acc-${number}`, number, subscriberId: 'sub-w', status: 'current', statusSince: now, billingMethod: 'credit', address: 'Алматы, Абай д-лы, 10',
        region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null, openedAt: now, closedAt: null,
      });
    }
    await h.store.chats.link(h.chatKey, { subscriberId: 'sub-w', phone: '+77011234567', linkedAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
    await h.step(command('menu'));
    await h.step(press('balance', token(h)));
    expect(h.state?.dialog).toBe('balance');
    const twice = async () => {
      const r = await h.step(text('👍'));
      expect(texts(r)).toContain(ru('selfservice:account.pickForBalance'));
      expect(lastChoices(r).map((c) => c.id)).toEqual(['acc:100000000001', 'acc:100000000002', 'cancel', 'way:menu', 'way:person']);
    };
    await twice();
    await twice();
  });


  it('Should answer a malformed number with the question again plus "Main menu" and "Talk to a person", handing nothing off', async () => {
    const h = await webchat();
    await toNumberQuestion(h);
    const r = await h.step(text('12345'));
    expect(texts(r)).toContain(ru('verification:phone_invalid'));
    expect(lastChoices(r).map((c) => c.label)).toEqual([ru('bot:verify.cancel'), ru('bot:way.menu'), ru('bot:way.person')]);
    expect(await h.store.tickets.countActive()).toBe(0);
    const second = await h.step(text('777'));
    expect(texts(second)).toContain(ru('verification:phone_invalid'));
    expect(await h.store.tickets.countActive()).toBe(0);
  });

  it('Should go to the menu, or to a person, when the subscriber picks the way on', async () => {
    const h = await webchat();
    await toNumberQuestion(h);
    await h.step(text('12345'));
    const menu = await h.step(press('way:menu', token(h)));
    expect(texts(menu)).toContain(ru('bot:menu.titleNotLinked'));
    await h.step(text('1'));
    await h.step(text('12345'));
    const person = await h.step(text('Связаться со специалистом'));
    expect(texts(person)).toContain('номер обращения — T-000001');
    expect(await h.services.tickets.handedOffTicket(h.chatKey)).toMatchObject({ type: 'reference' });
  });

  it('Should hand off only at the third miss in one step; misses in different steps do not add up', async () => {
    const h = await webchat();
    await toNumberQuestion(h);
    await h.step(text('12345'));
    await h.step(command('language'));
    await h.step(text('клингонский'));
    await h.step(command('menu'));
    await h.step(text('1'));
    await h.step(text('12345'));
    expect(await h.store.tickets.countActive()).toBe(0);
    await h.step(text('12'));
    const third = await h.step(text('123'));
    expect(texts(third)).toContain(ru('tickets:handoff.bot_failed'));
  });
});

describe('which ticket a hand-off joins', () => {
  it('Should open a new reference ticket when the bot gives up, never filing the words into the open Wi-Fi fault', async () => {
    const h = await webchat();
    const fault = await openFault(h);
    await toNumberQuestion(h);
    for (const typo of ['5ООО', '5 ООО', 'пятьсот']) await h.step(text(typo));
    const handed = (await h.services.tickets.handedOffTicket(h.chatKey))!;
    expect(handed).toMatchObject({ type: 'reference' });
    expect(handed.id).not.toBe(fault.id);
    expect((await h.store.tickets.get(fault.id))!.handedOff).toBe(false);
    await h.step(text('я ошибся с суммой'));
    const faultLines = (await h.services.tickets.view(fault.id))!.messages.filter((m) => m.direction === 'incoming');
    expect(faultLines).toEqual([]);
  });

  it('Should ask which open request it is about, and open a new one for "New question"', async () => {
    const h = await webchat();
    const fault = await openFault(h);
    const asked = await h.step(command('operator'));
    expect(texts(asked)).toBe(ru('tickets:handoff.which'));
    expect(lastChoices(asked).map((c) => c.label)).toEqual([
      ru('tickets:handoff.new_question'), 'По обращению № T-000001 — Техническая', ru('selfservice:common.cancel'),
    ]);
    const r = await h.step(press('new', token(h)));
    expect(texts(r)).toContain('T-000002');
    expect((await h.store.tickets.get(fault.id))!.handedOff).toBe(false);
  });

  it('Should join the open request the subscriber picks', async () => {
    const h = await webchat();
    const fault = await openFault(h);
    await h.step(command('operator'));
    const r = await h.step(press(`t:${fault.id}`, token(h)));
    expect(texts(r)).toContain('по вашему обращению T-000001');
    expect((await h.services.tickets.handedOffTicket(h.chatKey))!.id).toBe(fault.id);
  });

  it('Should take words typed instead of a choice as the new question, and pass them to the person', async () => {
    const h = await webchat();
    const fault = await openFault(h);
    await h.step(command('operator'));
    const r = await h.step(text('Хочу подключить IP-TV'));
    expect(texts(r)).toContain('T-000002');
    const handed = (await h.services.tickets.handedOffTicket(h.chatKey))!;
    expect(handed.id).not.toBe(fault.id);
    const lines = (await h.services.tickets.view(handed.id))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
    expect(lines).toEqual(['Хочу подключить IP-TV']);
  });

  it('Should go straight to a person with a new ticket when the chat has no open request', async () => {
    const h = await webchat();
    const r = await h.step(command('operator'));
    expect(texts(r)).toContain('номер обращения — T-000001');
  });
});

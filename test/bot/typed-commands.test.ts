/**
 * Issue 14 item 1: typed slash commands and the words people type for the menu are commands on every channel, in
 * every dialog, including a live hand-off; old buttons with a sensible meaning still act after a hand-off.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { typedCommand } from '../../bot/engine/typed-commands.ts';
import { TELEGRAM_CAPABILITIES } from '../../bot/telegram/render.ts';
import { WEBCHAT_CAPABILITIES } from '../../bot/webchat/webchat-channel.ts';
import { WHATSAPP_CAPABILITIES } from '../../bot/whatsapp/render.ts';
import type { ChannelName } from '../../core/chats/model.ts';
import type { ChannelCapabilities } from '../../bot/engine/types.ts';
import { command, harness, press, text, type Harness } from './harness.ts';

const ru = translator('ru');
const kk = translator('kk');
const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');

const CHANNELS: [ChannelName, ChannelCapabilities][] = [
  ['telegram', TELEGRAM_CAPABILITIES], ['whatsapp', WHATSAPP_CAPABILITIES], ['webchat', WEBCHAT_CAPABILITIES],
];

async function handedOff(channel: ChannelName, capabilities: ChannelCapabilities, language: 'kk' | 'ru' = 'ru'): Promise<Harness> {
  const h = await harness({ channel, capabilities, language });
  await h.step(command('operator'));
  expect(await h.services.tickets.handedOffTicket(h.chatKey)).not.toBeNull();
  return h;
}

async function relayed(h: Harness): Promise<string[]> {
  const ticket = (await h.services.tickets.activeForChat(h.chatKey))!;
  return (await h.services.tickets.view(ticket.id))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
}

describe('typed commands on every channel during a live hand-off', () => {
  describe.each(CHANNELS)('%s', (channel, capabilities) => {
    it.each(['/menu', '/MENU', 'меню', 'Меню 🏠', 'мэню', 'главное меню', 'Главное  меню!', 'мәзір', 'Бас мәзір', 'мазир'])(
      'Should show the main menu for %j and keep the person on the line, relaying nothing',
      async (typed) => {
        const h = await handedOff(channel, capabilities);
        const r = await h.step(text(typed));
        expect(texts(r)).toContain(ru('bot:menu.titleNotLinked'));
        expect(texts(r)).toContain(ru('tickets:handoff.still_connected'));
        expect(r.outbound.at(-1)!.choices!.length).toBeGreaterThan(3);
        expect(await relayed(h)).toEqual([]);
        expect(await h.services.tickets.handedOffTicket(h.chatKey)).not.toBeNull();
      },
    );

    it('Should leave the person on a typed /cancel', async () => {
      const h = await handedOff(channel, capabilities);
      const r = await h.step(text('/cancel'));
      expect(texts(r)).toContain('Вы завершили разговор с оператором');
      expect(await h.services.tickets.handedOffTicket(h.chatKey)).toBeNull();
      expect(await relayed(h)).toEqual([]);
    });

    it.each([
      ['/ticket', 'T-000001'],
      ['/help', ru('bot:help.text', { phone: '160' }).slice(0, 30)],
      ['/start', ru('bot:start.welcome').slice(0, 30)],
      ['/logout', ru('bot:logout.notLinked')],
      ['/language', ru('bot:language.prompt')],
      ['/weather', ru('bot:unknown.command')],
    ])('Should answer a typed %s itself, not pass it to the person', async (typed, expected) => {
      const h = await handedOff(channel, capabilities);
      const r = await h.step(text(typed));
      expect(texts(r)).toContain(expected);
      expect(await relayed(h)).toEqual([]);
    });

    it('Should pass a help word on to the person, who is the help asked for, while /help still answers', async () => {
      const h = await handedOff(channel, capabilities);
      const r = await h.step(text('помощь'));
      expect(texts(r)).not.toContain(ru('bot:help.text', { phone: '160' }).slice(0, 30));
      expect(await relayed(h)).toEqual(['помощь']);
    });

    it('Should still pass a sentence that merely mentions the menu on to the person', async () => {
      const h = await handedOff(channel, capabilities);
      await h.step(text('меню в приложении не открывается'));
      expect(await relayed(h)).toEqual(['меню в приложении не открывается']);
    });
  });

  it('Should take the Kazakh words in a Kazakh chat and answer in Kazakh', async () => {
    const h = await handedOff('webchat', WEBCHAT_CAPABILITIES, 'kk');
    const r = await h.step(text('басты мәзір'));
    expect(texts(r)).toContain(kk('bot:menu.titleNotLinked'));
  });

  it('Should treat a typed command as a command inside a journey waiting for typed text (the phone number)', async () => {
    const h = await harness({ channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES, language: 'ru' });
    await h.step(command('menu'));
    await h.step(text('1')); // verification asks for the phone number
    expect(h.state!.dialog).toBe('verify');
    const r = await h.step(text('меню'));
    expect(texts(r)).toContain(ru('bot:menu.titleNotLinked'));
    expect(h.state!.dialog).toBe('menu');
  });

  it.each([
    ['ru', 'помощь'], ['ru', 'Помощь?'], ['ru', 'помощ'], ['ru', 'справка'], ['ru', 'что ты умеешь'],
    ['kk', 'көмек'], ['kk', 'Көмек керек 🙏'], ['kk', 'комек'], ['kk', 'не істей аласың'],
  ] as const)('Should answer what the bot can do when a %s subscriber asked for the phone number types %j', async (language, typed) => {
    const h = await harness({ channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES, language });
    await h.step(command('menu'));
    await h.step(text('1')); // verification asks for the phone number
    expect(h.state!.dialog).toBe('verify');
    const r = await h.step(text(typed));
    const t = language === 'kk' ? kk : ru;
    expect(texts(r)).toContain(t('bot:help.text', { phone: '160' }).slice(0, 30));
    expect(texts(r)).not.toContain(t('verification:phone_invalid').slice(0, 20));
  });
});

describe('old buttons after a hand-off', () => {
  it('Should open the journey an old main-menu button names instead of calling it no longer current', async () => {
    const h = await harness({ channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES, language: 'ru' });
    const menu = await h.step(command('menu'));
    const old = menu.outbound.at(-1)!.menuToken!;
    await h.step(command('operator'));
    const r = await h.step(press('tickets', old));
    expect(texts(r)).not.toContain(ru('bot:stale.reply'));
    expect(texts(r)).toContain('T-000001');
    const back = await h.step(press('menu', old));
    expect(texts(back)).toContain(ru('bot:menu.titleNotLinked'));
  });

  it('Should still refuse an old button that only made sense where it was (a language answered already)', async () => {
    const h = await harness({ channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES, language: 'ru' });
    const asked = await h.step(command('language'));
    const old = asked.outbound[0]!.menuToken!;
    await h.step(press('ru', old));
    const again = await h.step(press('kk', old));
    expect(texts(again)).toContain(ru('bot:stale.reply'));
    expect(again.effects).toEqual([]);
  });
});

describe('what counts as a typed command', () => {
  it.each([
    ['/menu', 'menu'], ['/start@kt_bot', 'start'], ['мeню', 'menu'], ['menu', 'menu'], ['в меню', 'menu'],
    ['меня', null], ['мені', null], ['мен', null], ['меню не работает', null], ['1', null], ['оплата', null],
    ['помощь', 'help'], ['help', 'help'], ['көмек', 'help'], ['нужна помощь с оплатой', null], ['помощник', null],
  ])('%j → %j', (typed, expected) => {
    expect(typedCommand(typed)?.name ?? null).toBe(expected);
  });
});

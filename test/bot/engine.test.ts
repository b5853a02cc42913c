/**
 * Table tests of the engine's step with the product's dialogs: what the subscriber sees for each input.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { matchChoice } from '../../bot/engine/match-choice.ts';
import { renderNumbered } from '../../bot/engine/render.ts';
import { WEBCHAT_CAPABILITIES } from '../../bot/webchat/webchat-channel.ts';
import { TELEGRAM_CAPABILITIES } from '../../bot/telegram/render.ts';
import { command, harness, press, text } from './harness.ts';

const ru = translator('ru');
const kk = translator('kk');
/** The texts said, with messages the engine merged split back into their parts. */
const texts = (r: { outbound: { text: string }[] }) => r.outbound.flatMap((m) => m.text.split('\n\n'));

describe('start and language', () => {
  it('Should ask for the language first on a new chat, with Қазақша and Русский', async () => {
    const h = await harness();
    const r = await h.step(command('start'));
    expect(texts(r)).toEqual([ru('bot:language.prompt')]);
    expect(r.outbound[0]!.choices!.map((c) => c.label)).toEqual(['Қазақша', 'Русский']);
  });

  it.each([
    ['a button press', (token: string) => press('kk', token)],
    ['the typed number', () => text('1')],
    ['the typed label', () => text('қазақша')],
  ])('Should switch to Kazakh by %s, remember it and greet in Kazakh in ONE message carrying the menu (issue 14 item 6)', async (_how, input) => {
    const h = await harness();
    const first = await h.step(command('start'));
    const r = await h.step(input(first.outbound[0]!.menuToken!));
    expect(r.effects).toEqual([{ kind: 'setLanguage', language: 'kk' }]);
    expect(r.outbound).toHaveLength(1);
    const [only] = r.outbound;
    expect(only!.text.startsWith(kk('bot:start.welcome'))).toBe(true);
    expect(only!.text).toContain(kk('bot:start.crossBorder', { phone: '160' }));
    expect(only!.text).toContain(kk('bot:start.contract'));
    expect(only!.text).toContain(kk('bot:menu.titleNotLinked'));
    expect(only!.choices!.map((c) => c.id)).toContain('verify');
    // The Kazakh page of the contract, as a button: no raw address in the text.
    expect(only!.link).toEqual({ url: 'https://example.kz/kk/contract', label: kk('bot:start.contractLink') });
    expect(only!.text).not.toContain('https://');
    expect((await h.store.chats.get(h.chatKey))!.language).toBe('kk');
  });

  it.each([
    ['Kazakh letters', 'ақау бар', 'kk'],
    ['a Kazakh word typed on a Russian keyboard', 'рахмет', 'kk'],
    ['Russian', 'добрый день', 'ru'],
    ['Russian with a typo and emoji', 'баланс пожалуста 🙏', 'ru'],
  ])('Should answer a language question answered in words (%s) in that language, say how to change it, and go on to the greeting and menu', async (_how, said, expected) => {
    const h = await harness();
    await h.step(command('start'));
    const r = await h.step(text(said));
    const t = expected === 'kk' ? kk : ru;
    expect(r.effects).toEqual([{ kind: 'setLanguage', language: expected }]);
    expect(texts(r)[0]).toBe(t('bot:language.guessed'));
    expect(texts(r)).toContain(t('bot:start.welcome'));
    expect(texts(r)).toContain(t('bot:menu.titleNotLinked'));
    expect((await h.store.chats.get(h.chatKey))!.language).toBe(expected);
  });

  it.each([
    ['ru', 'Баланс', 'bot:verify.needed'],
    ['kk', 'ақау туралы хабарлау', 'bot:verify.needed'],
  ])('Should take a new chat whose first words name a journey (%s: %s) straight there, after the greeting', async (lang, said, expected) => {
    const h = await harness();
    await h.step(command('start'));
    const r = await h.step(text(said));
    const t = lang === 'kk' ? kk : ru;
    expect(texts(r)).toContain(t('bot:start.welcome'));
    expect(texts(r)).not.toContain(t('bot:menu.titleNotLinked'));
    expect(texts(r).some((line) => line.startsWith(t(expected, { phone: '+7 701 *** ** 67', minutes: 5 }).slice(0, 20)))).toBe(true);
  });

  it.each([
    ['ru', 'баланс', 'bot:verify.needed'],
    ['kk', 'ақау туралы хабарлау', 'bot:verify.needed'],
  ])('Should greet a chat whose very first message (no /start) is words (%s: %s), with the cl. 33(20) notice, and take it where they point', async (lang, said, expected) => {
    const h = await harness();
    const r = await h.step(text(said));
    const t = lang === 'kk' ? kk : ru;
    expect(r.effects).toEqual([{ kind: 'setLanguage', language: lang }]);
    expect(texts(r)).toContain(t('bot:start.welcome'));
    expect(texts(r)).toContain(t('bot:start.crossBorder', { phone: '160' }));
    expect(texts(r)).not.toContain(t('bot:unknown.reply'));
    expect(texts(r).some((line) => line.startsWith(t(expected).slice(0, 20)))).toBe(true);
  });

  it.each([
    ['kk', 'Қазақша'],
    ['ru', 'Русский'],
  ])('Should keep a phone number sent as a new chat\'s first message and, once the language (%s) is answered, send the code to it', async (lang, label) => {
    const h = await harness();
    const asked = await h.step(text('8 701 123 45 67'));
    expect(texts(asked)).toEqual([ru('bot:language.prompt')]);
    const choice = asked.outbound[0]!.choices!.find((c) => c.label === label)!;
    const r = await h.step(press(choice.id, asked.outbound[0]!.menuToken!));
    const t = lang === 'kk' ? kk : ru;
    expect(texts(r)).toContain(t('bot:start.crossBorder', { phone: '160' }));
    expect(texts(r)).toContain(t('verification:code_sent', { phone: '+7 701 *** ** 67', minutes: 5 }));
  });

  it('Should keep a phone number typed at the language question of a new chat (after /start) and send the code to it once answered', async () => {
    const h = await harness();
    await h.step(command('start'));
    const asked = await h.step(text('+7 701 123 45 67'));
    expect(texts(asked)).toEqual([ru('bot:language.prompt')]);
    const choice = asked.outbound[0]!.choices!.find((c) => c.label === 'Қазақша')!;
    const r = await h.step(press(choice.id, asked.outbound[0]!.menuToken!));
    expect(texts(r)).toContain(kk('bot:start.welcome'));
    expect(texts(r)).toContain(kk('verification:code_sent', { phone: '+7 701 *** ** 67', minutes: 5 }));
  });

  it('Should not take a new chat\'s first "1" as the menu\'s first item once the language question is answered', async () => {
    const h = await harness({ channel: 'whatsapp' });
    const asked = await h.step(text('1'));
    const r = await h.step(text('1'));
    expect(texts(asked)).toEqual([ru('bot:language.prompt')]);
    expect(r.effects).toEqual([{ kind: 'setLanguage', language: 'kk' }]);
    expect(texts(r)).toContain(kk('bot:menu.titleNotLinked'));
  });

  it('Should ask the language of a new chat whose first message says nothing it can be read from', async () => {
    const h = await harness();
    const r = await h.step(text('hi 👋'));
    expect(texts(r)).toEqual([ru('bot:language.prompt')]);
    expect(r.effects).toEqual([]);
  });

  it.each([
    ['мәзір', 'kk'],
    ['меню', 'ru'],
  ])('Should not skip the greeting and the cl. 33(20) notice when "%s" is typed at the language question: it is answered in %s', async (said, lang) => {
    const h = await harness();
    await h.step(command('start'));
    const r = await h.step(text(said));
    const t = lang === 'kk' ? kk : ru;
    expect(r.effects).toEqual([{ kind: 'setLanguage', language: lang }]);
    expect(texts(r)).toContain(t('bot:start.crossBorder', { phone: '160' }));
    expect(texts(r)).toContain(t('bot:menu.titleNotLinked'));
    expect((await h.store.chats.get(h.chatKey))!.language).toBe(lang);
  });

  it('Should greet in the channel\'s language (Telegram language_code) when /menu is sent instead of answering the language question', async () => {
    const h = await harness({ localeHint: 'kk' });
    await h.step(command('start'));
    const r = await h.step(command('menu'));
    expect(r.effects).toEqual([{ kind: 'setLanguage', language: 'kk' }]);
    expect(texts(r)[0]).toBe(kk('bot:language.guessed'));
    expect(texts(r)).toContain(kk('bot:start.crossBorder', { phone: '160' }));
    expect(texts(r)).toContain(kk('bot:menu.titleNotLinked'));
  });

  it.each([['ru', '87011234567'], ['kk', '+7 701 123 45 67']])('Should start verification with a phone number typed at the main menu (%s)', async (lang, said) => {
    const h = await harness({ language: lang as 'kk' | 'ru' });
    await h.step(command('menu'));
    const r = await h.step(text(said));
    const t = lang === 'kk' ? kk : ru;
    expect(texts(r).join(' ')).toContain('+7 701 *** ** 67');
    expect(texts(r)).not.toContain(t('bot:unknown.reply'));
  });

  it.each([['hello'], ['👍'], ['5']])('Should ask the language again, in both languages, when %s says nothing about it', async (said) => {
    const h = await harness();
    await h.step(command('start'));
    const r = await h.step(text(said));
    expect(r.effects).toEqual([]);
    expect(texts(r)[0]).toBe(ru('bot:language.prompt'));
    expect((await h.store.chats.get(h.chatKey))!.language).toBeNull();
  });

  it('cl. 33(20): Should show the cross-border notice in a third-party messenger, with the contract link', async () => {
    const h = await harness({ language: 'ru' });
    const r = await h.step(command('start'));
    expect(texts(r)).toContain(ru('bot:start.crossBorder', { phone: '160' }));
    expect(r.outbound.find((m) => m.link)?.link?.url).toBe('https://example.kz/ru/contract');
  });

  it('cl. 33(20): Should not show the cross-border notice in the operator’s own web chat', async () => {
    const h = await harness({ language: 'ru', channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES });
    const r = await h.step(command('start'));
    expect(texts(r)).not.toContain(ru('bot:start.crossBorder', { phone: '160' }));
    expect(texts(r)).toContain(ru('bot:start.welcome'));
    expect(r.outbound).toHaveLength(1);
  });

  it('Should offer the language again from /language and from the menu item', async () => {
    const h = await harness({ language: 'ru' });
    expect(texts(await h.step(command('language')))).toEqual([ru('bot:language.prompt')]);
    const menu = await h.step(command('menu'));
    const r = await h.step(press('language', menu.outbound.at(-1)!.menuToken!));
    expect(texts(r)).toEqual([ru('bot:language.prompt')]);
  });
});

describe('never silence', () => {
  it.each([
    ['unknown text at the menu', text('привет, как дела?'), 'bot:unknown.reply'],
    ['a sticker', { kind: 'unsupported', what: 'sticker' } as const, 'bot:unsupported.reply'],
    ['a voice message', { kind: 'unsupported', what: 'voice' } as const, 'bot:unsupported.reply'],
    ['an unknown command', command('weather'), 'bot:unknown.command'],
  ])('Should answer %s briefly and show the menu', async (_what, event, key) => {
    const h = await harness({ language: 'ru' });
    await h.step(command('menu'));
    const r = await h.step(event);
    expect(texts(r)[0]).toBe(ru(key));
    expect(r.outbound.at(-1)!.choices!.length).toBeGreaterThan(3);
  });

  it('Should answer /help with what the bot can do', async () => {
    const h = await harness({ language: 'ru' });
    const r = await h.step(command('help'));
    expect(r.outbound[0]!.text.startsWith(ru('bot:help.text', { phone: '160' }))).toBe(true);
  });
});

describe('buttons', () => {
  it('Should act on a button once: the second press of the same button is stale and changes nothing', async () => {
    const h = await harness({ language: 'ru' });
    const asked = await h.step(command('language'));
    const token = asked.outbound.at(-1)!.menuToken!;
    const first = await h.step(press('kk', token));
    expect(first.effects).toEqual([{ kind: 'setLanguage', language: 'kk' }]);
    const again = await h.step(press('ru', token));
    expect(texts(again)[0]).toBe(kk('bot:stale.reply'));
    expect(again.effects).toEqual([]);
  });

  it('Should refuse a button whose token it never issued (forged or from another chat)', async () => {
    const h = await harness({ language: 'ru' });
    await h.step(command('menu'));
    const r = await h.step(press('kk', 'forged'));
    expect(texts(r)[0]).toBe(ru('bot:stale.reply'));
    expect(r.effects).toEqual([]);
  });

  it('Should take the buttons off the pressed menu and send the answer after it, in time order (issue 14 item 7)', async () => {
    const h = await harness({ language: 'ru' });
    await h.step(command('language'));
    const r = await h.step(press('kk', h.state!.menu!.token, '77'));
    expect(r.outbound[0]).toMatchObject({ retireMenuId: '77' });
    expect(r.outbound[0]!.text.startsWith(kk('bot:language.saved'))).toBe(true);
    expect(r.outbound[0]).not.toHaveProperty('editMessageId');
  });

  it.each([
    ['2', 'b'], ['2.', 'b'], [' 1 ', 'a'], ['💰 Баланс', 'a'], ['баланс', 'a'], ['оплатить', 'b'], ['9', null], ['что-то', null],
  ])('Should take the typed answer %j as choice %j', (typed, expected) => {
    const choices = [{ id: 'a', label: '💰 Баланс' }, { id: 'b', label: 'Оплата', synonyms: ['оплатить'] }];
    expect(matchChoice(typed, choices)?.id ?? null).toBe(expected);
  });

  it.each([
    ['балнс', 'balance'], ['Баланс!', 'balance'], ['оплотить', 'pay'], ['неисправнсть', 'fault'], ['тарф', 'plan'], ['нет', null], ['меню', null],
  ])('Should forgive a slip in one typed word: %j is choice %j (issue 14: typos)', (typed, expected) => {
    const choices = [
      { id: 'balance', label: '💰 Баланс и задолженность' }, { id: 'pay', label: '💳 Оплатить' },
      { id: 'plan', label: '📶 Сменить тариф' }, { id: 'fault', label: '🛠 Сообщить о неисправности' },
    ];
    expect(matchChoice(typed, choices)?.id ?? null).toBe(expected);
  });

  it('Should answer a typo of a menu item as that item at the menu', async () => {
    const h = await harness({ language: 'ru' });
    await h.step(command('menu'));
    const r = await h.step(text('балнс'));
    expect(r.journeys).toEqual(['menu', 'verify']); // the balance item, which asks to verify first
    expect(texts(r).join('\n')).not.toContain(ru('bot:unknown.reply'));
  });

  it('Should render choices as a numbered list for channels without buttons', () => {
    const caps = { ...TELEGRAM_CAPABILITIES, choiceStyle: 'numbered' as const, linkButtons: false };
    expect(renderNumbered({ text: 'Меню', choices: [{ id: 'a', label: 'Баланс' }, { id: 'b', label: 'Оплата' }] }, caps))
      .toBe('Меню\n\n1 — Баланс\n2 — Оплата');
  });
});

describe('journeys that need a verified chat', () => {
  it('Should send an unverified subscriber to verification first, then ask for the number', async () => {
    const h = await harness({ language: 'ru' });
    const menu = await h.step(command('menu'));
    const r = await h.step(press('balance', menu.outbound.at(-1)!.menuToken!));
    expect(texts(r)).toEqual([ru('bot:verify.needed'), ru('bot:verify.askPhoneOrShare')]);
    expect(r.outbound).toHaveLength(1);
    expect(r.outbound[0]!.requestContact?.label).toBe(ru('bot:verify.shareContact'));
  });

  it('Should not offer the share-contact button where the channel cannot ask for it', async () => {
    const h = await harness({ language: 'ru', channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES });
    const r = await h.step(command('menu'));
    const v = await h.step(press('verify', r.outbound.at(-1)!.menuToken!));
    expect(texts(v)).toEqual([ru('bot:verify.askPhone')]);
    expect(v.outbound[0]!.requestContact).toBeUndefined();
  });

  it('Should explain a malformed number with the verification texts and ask again', async () => {
    const h = await harness({ language: 'ru' });
    await h.step(command('menu'));
    await h.step(text('1')); // verify is the first item while not linked
    const r = await h.step(text('12345'));
    expect(texts(r)).toEqual([ru('verification:phone_invalid'), ru('bot:verify.askPhoneOrShare')]);
  });

  it('Should leave any journey on /cancel and show the menu', async () => {
    const h = await harness({ language: 'ru' });
    await h.step(command('menu'));
    await h.step(text('1'));
    const r = await h.step(command('cancel'));
    expect(texts(r)[0]).toBe(ru('bot:cancel.done'));
    expect(h.state!.dialog).toBe('menu');
  });

  it('Should say /logout has nothing to do on a chat that is not linked', async () => {
    const h = await harness({ language: 'kk' });
    const r = await h.step(command('logout'));
    expect(texts(r)[0]).toBe(kk('bot:logout.notLinked'));
  });
});

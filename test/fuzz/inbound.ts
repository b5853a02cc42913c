/**
 * @module Random inbound traffic in each channel's own wire shape: Telegram Bot API updates (texts, commands with
 * junk, fresh, stale and forged button presses, media, contacts, edits, group and channel posts), whatsapp-web.js
 * `Message` objects (texts, vCards, media, groups, status, our own echoes, unknown types) and web-chat POST bodies
 * (texts, buttons, commands, malformed JSON, wrong types, bodies over the limit).
 */
import type { BotMessage } from '../helpers/telegram-api-server.ts';
import type { WaMessage } from '../../bot/whatsapp/wire.ts';
import type { WebChatMessage } from '../../bot/webchat/webchat-channel.ts';
import { vcardOf } from '../helpers/fake-whatsapp.ts';
import { forgedCallbackData, junkCommand, randomText, typedText, type Random } from './random.ts';

const DEMO_PHONES = ['+77011234567', '+77021234567', '+77051234567', '+77071234567', '+77081234567'];
const LANGUAGE_CODES = ['ru', 'kk', 'en', 'kk-KZ', 'ru-RU', 'uz', '', 'KK'];

// === Telegram

export type TelegramUpdate = Record<string, unknown>;

const MEDIA: Record<string, () => unknown> = {
  sticker: () => ({ file_id: 'st', file_unique_id: 'st', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' }),
  photo: () => [{ file_id: 'ph', file_unique_id: 'ph', width: 90, height: 90 }, { file_id: 'ph2', file_unique_id: 'ph2', width: 800, height: 800 }],
  voice: () => ({ file_id: 'vo', file_unique_id: 'vo', duration: 3 }),
  audio: () => ({ file_id: 'au', file_unique_id: 'au', duration: 180 }),
  video: () => ({ file_id: 'vi', file_unique_id: 'vi', width: 640, height: 480, duration: 5 }),
  video_note: () => ({ file_id: 'vn', file_unique_id: 'vn', length: 240, duration: 5 }),
  animation: () => ({ file_id: 'an', file_unique_id: 'an', width: 320, height: 240, duration: 2 }),
  document: () => ({ file_id: 'do', file_unique_id: 'do', file_name: 'счёт.pdf' }),
  location: () => ({ latitude: 43.238949, longitude: 76.889709 }),
  venue: () => ({ location: { latitude: 43.2, longitude: 76.9 }, title: 'Абай', address: 'Алматы' }),
  poll: () => ({ id: 'p', question: 'Қалай?', options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false }),
  dice: () => ({ emoji: '🎲', value: 4 }),
};

/** The buttons the bot showed in this chat, newest message last. */
function buttonsOf(messages: readonly BotMessage[]): { message: BotMessage; data: string }[] {
  return messages.flatMap((m) => (m.reply_markup?.inline_keyboard ?? []).flat().filter((b) => b.callback_data).map((b) => ({ message: m, data: b.callback_data! })));
}

/**
 * One update from `chatId`: `message(content)` builds a user message as the fake Bot API does. `shown` is what the
 * bot sent this chat so far (for fresh and stale presses).
 */
export function telegramUpdate(
  random: Random, chatId: number, shown: readonly BotMessage[],
  message: (languageCode: string, content: Record<string, unknown>) => Record<string, unknown>,
): { update: TelegramUpdate; typed: string | null } {
  const lang = random.pick(LANGUAGE_CODES);
  const press = (data: string, on: BotMessage | null) => ({
    callback_query: {
      id: `cb-${random.int(1, 1e9)}`,
      from: { id: chatId, is_bot: false, first_name: 'Тест', ...(lang ? { language_code: lang } : {}) },
      chat_instance: `ci-${chatId}`,
      data,
      ...(on ? { message: { message_id: on.message_id, date: 0, chat: { id: chatId, type: 'private' }, text: on.text } } : {}),
    },
  });
  const buttons = buttonsOf(shown);
  const newest = shown.findLast((m) => m.reply_markup?.inline_keyboard);
  switch (random.weighted({ text: 30, press: 25, stale: 8, forged: 5, command: 10, media: 8, contact: 4, edit: 3, group: 2, odd: 2 })) {
    case 'text': {
      const text = typedText(random);
      return { update: { message: message(lang, { text }) }, typed: text };
    }
    case 'press': {
      const fresh = newest ? buttonsOf([newest]) : [];
      if (fresh.length === 0) return telegramUpdate(random, chatId, [], message);
      const chosen = random.pick(fresh);
      return { update: press(chosen.data, chosen.message), typed: null };
    }
    case 'stale': {
      if (buttons.length === 0) return { update: press(forgedCallbackData(random), null), typed: null };
      const chosen = random.pick(buttons);
      return { update: press(chosen.data, chosen.message), typed: null };
    }
    case 'forged':
      return { update: press(forgedCallbackData(random), newest ?? null), typed: null };
    case 'command': {
      const text = junkCommand(random);
      return { update: { message: message(lang, { text, entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] }) }, typed: text };
    }
    case 'media': {
      const kind = random.pick(Object.keys(MEDIA));
      const caption = random.chance(0.3) ? { caption: randomText(random, random.int(1, 200)) } : {};
      return { update: { message: message(lang, { [kind]: MEDIA[kind]!(), ...caption }) }, typed: null };
    }
    case 'contact': {
      const own = random.chance(0.6);
      const phone = random.pick([...DEMO_PHONES, '+7 777 000 11 22', '123', randomText(random, 12), '+1 202 555 0100', '']);
      return { update: { message: message(lang, { contact: { phone_number: phone, first_name: 'Тест', ...(own ? { user_id: chatId } : { user_id: chatId + 1 }) } }) }, typed: null };
    }
    case 'edit': {
      const text = typedText(random);
      return { update: { edited_message: { ...message(lang, { text }), edit_date: 1 } }, typed: null };
    }
    case 'group': {
      const base = message(lang, { text: typedText(random) });
      const chat = random.pick([{ id: -1000 - chatId, type: 'group', title: 'Топ' }, { id: -100_000 - chatId, type: 'supergroup', title: 'Топ' }]);
      return { update: random.chance(0.5) ? { message: { ...base, chat } } : { channel_post: { ...base, chat: { ...chat, type: 'channel' } } }, typed: null };
    }
    case 'odd': {
      // A message with neither text nor a known field, a message without `from`, an inline-mode press.
      const options: TelegramUpdate[] = [
        { message: message(lang, { new_chat_title: 'x' }) },
        { message: (({ from: _from, ...rest }) => ({ ...rest, text: typedText(random) }))(message(lang, {}) as { from?: unknown }) },
        { callback_query: { id: 'inline', from: { id: chatId, is_bot: false, first_name: 'Т' }, chat_instance: 'i', inline_message_id: 'im', data: forgedCallbackData(random) } },
        { my_chat_member: { chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Т' }, date: 0 } },
      ];
      return { update: random.pick(options), typed: null };
    }
  }
}

// === WhatsApp

const WA_MEDIA = ['image', 'album', 'sticker', 'ptt', 'audio', 'video', 'document', 'location', 'poll_creation', 'order', 'product', 'list_response', 'buttons_response', 'revoked', 'e2e_notification', 'notification_template', 'protocol', 'reaction', 'ciphertext', 'gp2', 'call_log', 'unknown'];

/** One message as whatsapp-web.js would hand it over, from `from`. `numbered` is the last list the bot sent. */
export function whatsappMessage(
  random: Random, from: string, numbered: string | null,
  build: (from: string, fields: Partial<WaMessage> & { type: string; body: string }) => WaMessage,
): { message: WaMessage; typed: string | null } {
  switch (random.weighted({ text: 40, number: 25, command: 8, media: 10, vcard: 5, group: 4, self: 2, empty: 2, lid: 2 })) {
    case 'text': {
      const body = random.chance(0.05) ? randomText(random, random.int(4096, 6000)) : typedText(random);
      return { message: build(from, { type: 'chat', body }), typed: body };
    }
    case 'number': {
      const count = numbered ? (numbered.match(/^\d+ — /gm) ?? []).length : 5;
      const body = random.chance(0.85) ? String(random.int(1, Math.max(1, count))) : random.pick(['0', String(count + 1), '-1', '1.5', '١', '１', '01']);
      return { message: build(from, { type: 'chat', body }), typed: body };
    }
    case 'command': {
      const body = junkCommand(random);
      return { message: build(from, { type: 'chat', body }), typed: body };
    }
    case 'media':
      return { message: build(from, { type: random.pick(WA_MEDIA), body: random.chance(0.3) ? randomText(random, 50) : '' }), typed: null };
    case 'vcard': {
      const card = random.pick([
        vcardOf('Айгүл', random.pick(DEMO_PHONES).slice(1)), vcardOf('Кто-то', '77770001122'), 'BEGIN:VCARD\nEND:VCARD', randomText(random, 80),
        vcardOf('Өзім', from.replace(/@.*$/, '')),
      ]);
      const multi = random.chance(0.2);
      return { message: build(from, { type: multi ? 'multi_vcard' : 'vcard', body: card, vCards: multi ? [card, card] : [card] }), typed: null };
    }
    case 'group':
      return { message: build(`120363${random.int(1e5, 9e5)}@g.us`, { type: 'chat', body: typedText(random), author: from }), typed: null };
    case 'self':
      return { message: { ...build(from, { type: 'chat', body: typedText(random) }), fromMe: true }, typed: null };
    case 'empty':
      return { message: build(from, { type: 'chat', body: random.pick(['', '   ', '\n']) }), typed: null };
    case 'lid':
      return { message: build(random.pick(['status@broadcast', `${random.int(1e9, 9e9)}@newsletter`, `${random.int(1e9, 9e9)}@broadcast`]), { type: 'chat', body: typedText(random) }), typed: null };
  }
}

// === Web chat

/** One POST body (a string is sent as it is: broken JSON). `seen` is what the page shows, newest last. */
export function webchatBody(random: Random, seen: readonly WebChatMessage[], clientId: string): { body: unknown; typed: string | null } {
  const menus = seen.filter((m) => m.from === 'bot' && m.choices.length > 0);
  const newest = menus.at(-1);
  switch (random.weighted({ text: 35, press: 28, stale: 8, forged: 6, command: 8, malformed: 8, huge: 2 })) {
    case 'text': {
      const text = random.chance(0.03) ? randomText(random, random.int(2001, 2500)) : typedText(random);
      return { body: { kind: 'text', text, clientId }, typed: text };
    }
    case 'press': {
      if (!newest) return webchatBody(random, [], clientId);
      const choice = random.pick(newest.choices);
      return { body: { kind: 'choice', id: choice.id, token: newest.menuToken, label: choice.label, clientId }, typed: null };
    }
    case 'stale': {
      if (menus.length === 0) return webchatBody(random, [], clientId);
      const menu = random.pick(menus);
      const choice = random.pick(menu.choices);
      return { body: { kind: 'choice', id: choice.id, token: menu.menuToken, label: choice.label, clientId }, typed: null };
    }
    case 'forged':
      return {
        body: random.pick([
          { kind: 'choice', id: forgedCallbackData(random), token: randomText(random, 8), label: randomText(random, 20), clientId },
          { kind: 'choice', id: 'menu.balance', token: null, clientId },
          { kind: 'choice', id: 'x'.repeat(65), token: 'y'.repeat(100) },
          { kind: 'choice', id: 5, token: {} },
          { kind: 'choice', id: newest?.choices[0]?.id ?? 'a', token: newest?.menuToken ?? 'b', label: { toString: 1 }, clientId },
        ]),
        typed: null,
      };
    case 'command':
      return { body: { kind: 'command', name: random.pick(['start', 'menu', 'help', 'language', 'logout', 'unknown', 'START', 'меню', 'a'.repeat(33), '']), clientId }, typed: null };
    case 'malformed':
      return {
        body: random.pick<unknown>([
          '{"kind":"text","text":', 'null', '[]', '42', '"text"', '{}', '{"kind":"text"}', '{"kind":"text","text":5}', '{"__proto__":{"kind":"text","text":"x"}}',
          { kind: 'text', text: ['массив'] }, { kind: 'voice' }, { kind: 'text', text: 'бір', clientId: 12 }, { kind: 'text', text: 'екі', clientId: 'c'.repeat(300) },
          `{"kind":"text","text":"${'['.repeat(2000)}"}`, { kind: 'text', text: '\u0000\u0001\u0002' },
        ]),
        typed: null,
      };
    case 'huge':
      return { body: { kind: 'text', text: randomText(random, random.int(9000, 12000)), clientId }, typed: null };
  }
}

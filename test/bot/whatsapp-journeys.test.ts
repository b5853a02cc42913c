/**
 * Journeys through the WhatsApp adapter: the product is started as `npm start` does, with WhatsApp enabled and an
 * object with whatsapp-web.js's `Client` surface in place of the browser (test/helpers/fake-whatsapp.ts). People
 * answer numbered lists by typing the number, the label or a synonym, share a contact card to verify, and send
 * media the bot cannot read; groups and status updates get nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { FakeWhatsApp, vcardOf, type SentMessage } from '../helpers/fake-whatsapp.ts';
import { freePort } from '../helpers/spawn-product.ts';

/** Айгүл from the demo data: +7 701 123 45 67, two Megaline accounts. */
const AIGUL = '77011234567@c.us';
const STRANGER = '77770001122@c.us';
const ru = translator('ru');

let wa: FakeWhatsApp;
let product: Product;
let dir: string;

beforeEach(async () => {
  wa = new FakeWhatsApp();
  wa.session = '77272000160'; // the operator's number is already linked: the adapter restores the session
  dir = mkdtempSync(join(tmpdir(), 'wa-journeys-'));
  product = await startProduct({
    env: {
      PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'true', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'wa-admin-password',
      WHATSAPP_ENABLED: 'true', SCHEDULER_INTERVAL_MS: '3600000',
    },
    hostname: '127.0.0.1',
    whatsapp: { createClient: wa.createClient, pace: { globalGapMs: 0, perChatGapMs: 0 } },
  });
  await wa.waitFor(() => product.whatsapp?.control.status().state === 'ready', 10_000, 'WhatsApp ready');
});

afterEach(async () => {
  await product?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The numbered line of the last list sent to `chat` that matches `label`, answered by typing its number. */
function numberOf(chat: string, label: RegExp): string {
  const lists = wa.messagesTo(chat).filter((m) => /^\d+ — /m.test(m.text));
  const last = lists.at(-1);
  const line = last?.text.split('\n').find((l) => /^\d+ — /.test(l) && label.test(l));
  if (!line) throw new Error(`no line matching ${label} in the last list:\n${last?.text}`);
  return line.split(' — ')[0]!;
}

async function reply(chat: string, text: string, expected: RegExp): Promise<SentMessage> {
  const before = wa.messagesTo(chat).length;
  wa.says(chat, text);
  return wa.waitForMessage(chat, expected, { after: before });
}

/** A new chat picks Russian by typing "2" and lands at the main menu. */
async function startInRussian(chat: string): Promise<void> {
  await reply(chat, 'Здравствуйте', /Тілді таңдаңыз · Выберите язык/);
  await reply(chat, '2', /Главное меню/);
}

async function smsCodeFor(phone: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const [latest] = (await product.store.smsOutbox.list()).filter((m) => m.to === phone);
    const code = latest ? /\b(\d{4,8})\b/.exec(latest.text)?.[1] : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no SMS code for ${phone}`);
}

describe('WhatsApp: language first, numbered lists answered by typing', () => {
  it('Should answer a first message with the language question as a numbered list, then greet, show the cl. 33(20) notice and the menu', async () => {
    const question = await reply(STRANGER, 'Сәлеметсіз бе', /Выберите язык/);
    expect(question.text).toBe('Тілді таңдаңыз · Выберите язык\n\n1 — Қазақша\n2 — Русский');

    const before = wa.messagesTo(STRANGER).length;
    await reply(STRANGER, '2', /Главное меню/);
    const texts = wa.messagesTo(STRANGER).map((m) => m.text);
    // One message: the greeting, the notice, the contract and the menu (issue 14 item 6).
    expect(texts.length - before).toBe(1);
    expect(texts.at(-1)!.startsWith(ru('bot:start.welcome'))).toBe(true);
    expect(texts.some((t) => t.includes('подпункт 20 пункта 33 публичного договора'))).toBe(true);
    // No link buttons in WhatsApp: the contract's address is in the text.
    expect(texts.some((t) => t.includes('https://telecom.kz/ru/common/publichnyy-dogovor'))).toBe(true);
    const menu = texts.at(-1)!;
    expect(menu).toMatch(/^1 — 🔐 Подтвердить номер$/m);
    expect(menu).toMatch(/^\d+ — 🛠 Сообщить о неисправности$/m);
  });

  it('Should take the label typed instead of the number ("Қазақша") and speak Kazakh from then on', async () => {
    await reply(STRANGER, 'салем', /Выберите язык/);
    const greeting = await reply(STRANGER, 'Қазақша', /Басты мәзір\./);
    expect(greeting.text).toContain('Сәлеметсіз бе!');
    // The contract's Kazakh page, its address in the text (no link buttons in WhatsApp).
    expect(greeting.text).toContain('https://telecom.kz/kk/common/publichnyy-dogovor');
    const chat = await product.store.chats.get(`whatsapp:${STRANGER}`);
    expect(chat?.language).toBe('kk');
  });

  it('Should take a synonym typed instead of the number ("язык" opens the language choice)', async () => {
    await startInRussian(STRANGER);
    const question = await reply(STRANGER, 'язык', /Выберите язык/);
    expect(question.text).toContain('1 — Қазақша');
  });

  it('Should keep the order of one chat: a burst of messages is answered in the order written', async () => {
    wa.says(STRANGER, 'привет');
    wa.says(STRANGER, '2');
    wa.says(STRANGER, '/help');
    await wa.waitForMessage(STRANGER, /Что я умею/);
    const texts = wa.messagesTo(STRANGER).map((m) => m.text);
    const language = texts.findIndex((t) => t.includes('Выберите язык'));
    const saved = texts.findIndex((t) => t.startsWith(ru('bot:start.welcome')));
    const help = texts.findIndex((t) => t.includes('Что я умею'));
    expect(language).toBeGreaterThanOrEqual(0);
    expect(saved).toBeGreaterThan(language);
    expect(help).toBeGreaterThan(saved);
  });

  it('Should answer a repeated delivery of the same message id only once', async () => {
    await startInRussian(STRANGER);
    const before = wa.messagesTo(STRANGER).length;
    const message = wa.message(STRANGER, { type: 'chat', body: '/help' });
    wa.current.emit('message', message);
    wa.current.emit('message', message);
    await wa.waitForMessage(STRANGER, /Что я умею/, { after: before });
    await product.conversations.idle();
    expect(wa.messagesTo(STRANGER).slice(before).filter((m) => /Что я умею/.test(m.text))).toHaveLength(1);
  });
});

describe('WhatsApp: verification with a shared contact (journey 2)', () => {
  it('Should take a vCard of the own number as the phone, send the SMS code and link the chat when the code is typed', async () => {
    await startInRussian(AIGUL);
    const ask = await reply(AIGUL, numberOf(AIGUL, /Подтвердить номер/), /Напишите номер мобильного телефона/);
    expect(ask.text).toMatch(/^\d+ — /m); // "cancel" as a numbered choice

    const before = wa.messagesTo(AIGUL).length;
    wa.sends(AIGUL, 'vcard', { body: vcardOf('Айгүл', '77011234567'), vCards: [vcardOf('Айгүл', '77011234567')] });
    const sent = await wa.waitForMessage(AIGUL, /на него придёт SMS с кодом/, { after: before });
    expect(sent.text).not.toContain('77011234567'); // the number is masked

    const code = await smsCodeFor('+77011234567');
    const linked = await reply(AIGUL, code, /Номер подтверждён/);
    expect(linked.text).toContain('всего: 2');
    const chat = await product.store.chats.get(`whatsapp:${AIGUL}`);
    expect(chat?.subscriberId).toBeTruthy();
    await wa.waitForMessage(AIGUL, /Главное меню\. Чем помочь\?/, { after: before });
  });

  it('Should take a number typed as text as well', async () => {
    await startInRussian(AIGUL);
    await reply(AIGUL, 'подтвердить', /Напишите номер мобильного телефона/);
    await reply(AIGUL, '+7 701 123 45 67', /на него придёт SMS с кодом/);
    await reply(AIGUL, await smsCodeFor('+77011234567'), /Номер подтверждён/);
  });
});

describe('WhatsApp: balance (journey 3)', () => {
  it('Should show the balance of the account picked by its number in the list, after verification', async () => {
    await startInRussian(AIGUL);
    await reply(AIGUL, 'баланс', /Напишите номер/); // the journey needs a verified number first
    await reply(AIGUL, '+77011234567', /SMS с кодом/);
    const before = wa.messagesTo(AIGUL).length;
    wa.says(AIGUL, await smsCodeFor('+77011234567'));
    // Back to the journey that asked for verification: which account (two in the demo data)?
    const accounts = await wa.waitForMessage(AIGUL, /^\d+ — .*100000000001/m, { after: before });
    expect(accounts.text).toMatch(/^\d+ — .*100000000002/m);
    const shown = await reply(AIGUL, numberOf(AIGUL, /100000000001/), /Лицевой счёт № 100000000001/);
    expect(shown.text).toMatch(/Баланс: .*₸/);
  });
});

describe('WhatsApp: fault report (journey 6) answered with numbers and labels', () => {
  it('Should register a technical ticket from the WhatsApp chat', async () => {
    await startInRussian(AIGUL);
    await reply(AIGUL, 'подтвердить', /Напишите номер/);
    await reply(AIGUL, '+77011234567', /SMS с кодом/);
    await reply(AIGUL, await smsCodeFor('+77011234567'), /Номер подтверждён/);

    // Walk the dialog: each question is answered by typing the number of the wanted line, or its label.
    const answers: Array<[question: RegExp, answer: (chat: string) => string]> = [
      [/По какому лицевому счёту/, (c) => numberOf(c, /100000000001/)],
      [/Что не работает\?/, (c) => numberOf(c, /Megaline|Интернет/i)],
      [/что именно происходит/, () => 'Нет интернета'],
      [/Помогло\?/, (c) => numberOf(c, /Нет, оформить заявку/)],
      // The two optional questions before registering: a description typed, the callback time by its number.
      [/Коротко опишите/, () => 'С утра не горит индикатор интернета'],
      [/Когда вам удобно/, (c) => numberOf(c, /Вечером/)],
    ];
    const asked = /По какому лицевому счёту|Что не работает|что именно происходит|Помогло|Коротко опишите|Когда вам удобно|Заявка T-\d+ зарегистрирована/;
    let sent = await reply(AIGUL, 'неисправность', asked);
    for (let step = 0; step < 8 && !/Заявка T-\d+ зарегистрирована/.test(sent.text); step += 1) {
      const texts = wa.messagesTo(AIGUL).map((m) => m.text);
      const last = texts.at(-1)!;
      const rule = answers.find(([question]) => question.test(last));
      if (!rule) throw new Error(`unexpected question:\n${last}`);
      sent = await reply(AIGUL, rule[1](AIGUL), asked);
    }
    expect(sent.text).toMatch(/Заявка T-\d+ зарегистрирована/);
    const page = await product.tickets.queue({ queue: 'second_line', limit: 10 });
    expect(page.items[0]).toMatchObject({ type: 'technical', channel: 'whatsapp', chatKey: `whatsapp:${AIGUL}`, symptom: 'no_internet' });
  });
});

describe('WhatsApp: what the bot does not read', () => {
  it.each([
    ['image', 'photo'],
    ['ptt', 'voice note'],
    ['audio', 'audio'],
    ['location', 'location'],
    ['sticker', 'sticker'],
    ['video', 'video'],
    ['document', 'document'],
  ])('Should answer a %s (%s) briefly in the chat language and repeat the question', async (type) => {
    await startInRussian(STRANGER);
    const before = wa.messagesTo(STRANGER).length;
    wa.sends(STRANGER, type);
    const answer = await wa.waitForMessage(STRANGER, /прочитать не могу/, { after: before });
    expect(answer.text.startsWith(ru('bot:unsupported.replyTyped'))).toBe(true);
    expect(answer.text).toContain('Главное меню');
  });

  it('Should ignore group chats, status updates and our own messages, and create no chat for them', async () => {
    wa.says('120363025555555555@g.us', 'Бот, привет', { author: '77011234567@c.us' });
    wa.says('status@broadcast', 'Мой статус', { author: '77011234567@c.us' });
    wa.says(STRANGER, 'я сам себе', { fromMe: true, id: { fromMe: true, _serialized: 'true_x_1' } });
    // Something the bot does answer, so we know the earlier ones were taken (in order) and dropped.
    wa.says('77009998877@c.us', 'привет');
    await wa.waitForMessage('77009998877@c.us', /Выберите язык/);
    await product.conversations.idle();
    expect(wa.sent.map((m) => m.chatId)).toEqual(['77009998877@c.us']);
    expect(await product.store.chats.get('whatsapp:120363025555555555@g.us')).toBeNull();
    expect(await product.store.chats.get('whatsapp:status@broadcast')).toBeNull();
    expect(await product.store.chats.get(`whatsapp:${STRANGER}`)).toBeNull();
  });
});

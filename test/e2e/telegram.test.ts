/**
 * End to end through our real telegraf code against a local server that answers like the Telegram Bot API:
 * language, menu, verification by shared contact and SMS code from the outbox, duplicate updates, stale buttons,
 * unsupported messages, 429 retry_after; and the webhook mode refusing a forged secret token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { codeFromOutbox } from '../helpers/sms-outbox.ts';

const ru = translator('ru');
const CHAT = 7001;
const PHONE = '+77015550022';

/** Regex matching a translated text exactly (interpolations as wildcards). */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

let api: FakeTelegramApi;
let product: Product;
let dir: string;

async function start(extra: Record<string, string> = {}): Promise<void> {
  const port = await freePort();
  product = await startProduct({
    env: {
      PORT: String(port), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'e2e-admin-password',
      TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, ...extra,
    },
    hostname: '127.0.0.1',
  });
}

async function subscriberOnFile(): Promise<void> {
  const now = new Date();
  await product.store.subscribers.create({
    id: 'sub-tg', fullName: 'Ерлан Сәрсенов', phone: PHONE, iin: null, category: 'individual', language: null,
    notificationsMuted: false, createdAt: now,
  });
  await product.store.accounts.create({
    id: 'acc-tg', number: '100000000888', subscriberId: 'sub-tg', status: 'current', statusSince: now, billingMethod: 'credit',
    address: 'Астана, Мәңгілік Ел, 1', region: 'Астана', planId: null, services: ['megaline'], termContractUntil: null,
    openedAt: now, closedAt: null,
  });
}

beforeEach(async () => {
  api = await new FakeTelegramApi().start();
  dir = mkdtempSync(join(tmpdir(), 'telegram-e2e-'));
});

afterEach(async () => {
  await product?.stop();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Telegram, long polling', () => {
  it('Should take a subscriber from /start through language, menu and verification to a linked chat', async () => {
    await start();
    await subscriberOnFile();
    await api.waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), 'polling');
    expect(api.calls.filter((c) => c.method === 'setMyCommands').map((c) => c.payload.language_code ?? 'default'))
      .toEqual(['default', 'ru', 'kk']);

    await api.userSays(CHAT, '/start');
    const prompt = await api.waitForMessage(CHAT, exactly(ru('bot:language.prompt')));
    expect(prompt.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['Қазақша', 'Русский']);

    const sentBefore = api.calls.filter((c) => c.method === 'sendMessage').length;
    await api.userPresses(CHAT, 'Русский');
    // The first minute (issue 14 item 6): the prompt loses its buttons and keeps its text; ONE message follows with
    // the greeting, the notice, the contract as a button and the menu — nothing trickles in at one a second.
    const menu = await api.waitForMessage(CHAT, new RegExp(ru('bot:menu.titleNotLinked').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await api.waitFor(() => !api.messagesTo(CHAT)[0]!.reply_markup?.inline_keyboard?.length, 'the prompt\'s buttons taken away');
    expect(api.messagesTo(CHAT)[0]!.text).toBe(ru('bot:language.prompt'));
    await product.conversations.idle();
    expect(api.calls.filter((c) => c.method === 'sendMessage').length - sentBefore).toBe(1);
    expect(menu.text.startsWith(ru('bot:start.welcome'))).toBe(true);
    expect(menu.text).toContain(ru('bot:start.crossBorder', { phone: '160' }));
    expect(menu.text).toContain(ru('bot:start.contract'));
    const buttons = menu.reply_markup?.inline_keyboard?.flat() ?? [];
    expect(buttons.map((b) => b.text)).toContain(ru('bot:menu.fault'));
    expect(buttons.find((b) => b.text === ru('bot:start.contractLink'))?.url).toBe(product.config.CONTRACT_URL);

    await api.userPresses(CHAT, ru('bot:menu.verify'));
    const ask = await api.waitForMessage(CHAT, exactly(ru('bot:verify.askPhoneOrShare')));
    expect(ask.reply_markup?.keyboard?.[0]?.[0]).toMatchObject({ text: ru('bot:verify.shareContact'), request_contact: true });

    await api.userSharesContact(CHAT, PHONE);
    await api.waitForMessage(CHAT, /\+7 701 \*\*\* \*\* 22/, { after: ask.message_id });

    const code = await codeFromOutbox(product.store, PHONE);
    const codeUpdate = await api.userSays(CHAT, code);
    const linkedMenu = await api.waitForMessage(CHAT, exactly(`${ru('verification:linked', { count: 1 })}\n\n${ru('bot:menu.title')}`));
    expect((await product.store.chats.get(`telegram:${CHAT}`))?.subscriberId).toBe('sub-tg');

    // The same update delivered twice is handled once: after the next reply, nothing else was said.
    const before = api.messagesTo(CHAT).length;
    api.redeliver(codeUpdate);
    await api.userSays(CHAT, '/help');
    await api.waitForMessage(CHAT, /\/menu/, { after: linkedMenu.message_id });
    await product.conversations.idle();
    expect(api.messagesTo(CHAT).slice(before).map((m) => m.text)).toEqual([`${ru('bot:help.text', { phone: '160' })}\n\n${ru('bot:menu.title')}`]);

    // An old menu's button still means what it says: "Language" opens the language question.
    await api.userPresses(CHAT, ru('bot:menu.language'), menu.message_id);
    await api.waitForMessage(CHAT, exactly(ru('bot:language.prompt')), { after: linkedMenu.message_id });

    // A sticker gets a short answer, never silence.
    await api.userSendsSticker(CHAT);
    await api.waitForMessage(CHAT, new RegExp(`^${ru('bot:unsupported.reply')}`));

    // Every button press was answered (the spinner stops).
    const presses = api.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    expect(presses).toBe(3);
    expect(api.answeredCallbacks.size).toBe(3);
  });

  it('Should wait as Telegram asks after 429 Too Many Requests and still deliver the reply', async () => {
    await start();
    await api.waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), 'polling');
    api.failNextWith429('sendMessage', 1);
    await api.userSays(CHAT, '/start');
    await api.waitForMessage(CHAT, exactly(ru('bot:language.prompt')));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(2);
  });

  it('Should answer in Kazakh after the subscriber picks Қазақша, and keep it after a restart', async () => {
    await start();
    await api.waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), 'polling');
    await api.userSays(CHAT, '/start');
    await api.waitForMessage(CHAT, exactly(ru('bot:language.prompt')));
    await api.userPresses(CHAT, 'Қазақша');
    const kk = translator('kk');
    const greeting = await api.waitForMessage(CHAT, /Басты мәзір/);
    // The contract's Kazakh page for a Kazakh chat.
    expect(greeting.reply_markup?.inline_keyboard?.flat().find((b) => b.url)?.url).toBe(product.config.CONTRACT_URL_KK);

    await product.stop();
    await start();
    await api.waitFor(() => api.calls.filter((c) => c.method === 'getUpdates').length > 2, 'polling again');
    const last = api.lastMessageId;
    await api.userSays(CHAT, 'сәлем');
    await api.waitForMessage(CHAT, new RegExp(`^${kk('bot:unknown.reply')}`), { after: last });
  });
});

describe('Telegram, webhook', () => {
  it('Should refuse an update with a forged secret token and handle the genuine one', async () => {
    const port = await freePort();
    const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    product = await startProduct({
      env: {
        PORT: String(port), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'e2e-admin-password',
        TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, TELEGRAM_WEBHOOK_URL: webhookUrl,
        TELEGRAM_WEBHOOK_SECRET: 'genuine-secret',
      },
      hostname: '127.0.0.1',
    });
    expect(api.webhook).toEqual({ url: webhookUrl, secret: 'genuine-secret' });
    expect(api.calls.some((c) => c.method === 'getUpdates')).toBe(false);

    const forged = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guessed' },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: CHAT, type: 'private' }, text: '/start' } }),
    });
    expect(forged.status).toBe(401);
    const missing = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"update_id":2}' });
    expect(missing.status).toBe(401);

    await api.userSays(CHAT, '/start');
    await api.waitForMessage(CHAT, exactly(ru('bot:language.prompt')));
    expect(api.messagesTo(CHAT)).toHaveLength(1);
  });
});

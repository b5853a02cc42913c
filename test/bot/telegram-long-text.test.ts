/**
 * A bot or agent text over Telegram's 4096-character limit (Bot API: "message is too long") reaches the chat whole,
 * as several messages with the buttons on the last one (issue 14 item 7: nothing cut, nothing refused).
 */
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logging/logger.ts';
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';

let api: FakeTelegramApi;
beforeAll(async () => {
  api = await new FakeTelegramApi().start();
});
afterAll(async () => {
  await api.stop();
});

describe('Telegram: a text over the Bot API limit', () => {
  it('Should arrive whole, in parts of at most 4096 characters, with the buttons on the last part', async () => {
    const channel = new TelegramChannel(new Telegram(api.token, { apiRoot: api.url }), silentLogger);
    const text = Array.from({ length: 1500 }, (_, i) => `строка${i}`).join('\n');
    expect(text.length).toBeGreaterThan(4096 * 2);
    const ids = await channel.send('9101', [{ text, choices: [{ id: 'menu', label: 'Главное меню' }], menuToken: 'tok1' }]);
    const sent = api.messagesTo(9101);
    expect(sent.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 4096));
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(text.length / 4096) + 1);
    expect(sent.every((m) => m.text.length <= 4096)).toBe(true);
    expect(sent.map((m) => m.text).join('\n')).toBe(text);
    expect(sent.slice(0, -1).every((m) => !m.reply_markup)).toBe(true);
    expect(sent.at(-1)?.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['Главное меню']);
    expect(ids).toEqual([String(sent.at(-1)!.message_id)]);
  });
});

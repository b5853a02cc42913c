import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeProbe } from '../../admin/telegram-status.ts';
import { testConfig } from '../../core/config/config.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A loopback server answering `getMe` the way the Telegram Bot API does. */
async function botApi(token: string, username: string): Promise<string> {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === `/bot${token}/getMe`) {
      res.end(JSON.stringify({ ok: true, result: { id: 42, is_bot: true, first_name: 'KT', username } }));
    } else {
      res.statusCode = 401;
      res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function admin(env: Record<string, string> = {}) {
  const f = await consoleFixture({}, env);
  const b = f.browser();
  await b.signIn((await f.user(['admin'])).email);
  return { f, b };
}

describe('admin pages', () => {
  it('Should list the SMS outbox with the text a newcomer needs to finish verification', async () => {
    const { f, b } = await admin();
    await b.get('/admin/sms');
    expect(visibleText(b.last.html)).toContain('SMS ещё не отправлялись');
    const now = f.clock.now();
    await f.store.smsOutbox.add({
      id: 'sms-1', to: '+77011234567', text: 'Код: 123456. Никому его не сообщайте.', purpose: 'verify', chatKey: 'webchat:1',
      provider: 'outbox', status: 'sent', attempts: 1, lastError: null, providerMessageId: null, createdAt: now, updatedAt: now,
      sentAt: now, expiresAt: null, nextAttemptAt: null,
    });
    await b.get('/admin/sms');
    const text = visibleText(b.last.html);
    expect(text).toContain('+77011234567');
    expect(text).toContain('Код: 123456');
    expect(text).toContain('код для привязки чата');
    expect(text).toContain('режим «outbox»');
    await b.get('/admin/sms?status=failed');
    expect(visibleText(b.last.html)).toContain('По этим условиям SMS нет');
  });

  it('Should give the web-chat embed snippet for PUBLIC_URL, escaped', async () => {
    const { b } = await admin({ PUBLIC_URL: 'https://bot.example.kz' });
    await b.get('/admin/channels');
    expect(b.last.html).toContain('&lt;script src=&quot;https://bot.example.kz/widget.js&quot; async&gt;&lt;/script&gt;');
    expect(visibleText(b.last.html)).toContain('<script src="https://bot.example.kz/widget.js" async></script>');
  });

  it('Should say Telegram is not configured when there is no token', async () => {
    const { b } = await admin();
    await b.get('/admin/channels');
    expect(visibleText(b.last.html)).toContain('Не настроен');
  });

  it('Should report Telegram connected, with the bot name, when getMe answers', async () => {
    const token = '123456:ABCdefGhIJKlmNoPQRstuVWxyz_0123456789';
    const root = await botApi(token, 'kt_help_bot');
    const probe = getMeProbe(testConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: root }));
    expect(await probe()).toEqual({ configured: true, connected: true, mode: 'polling', username: 'kt_help_bot' });
    const f = await consoleFixture({ telegramProbe: probe });
    const b = f.browser();
    await b.signIn((await f.user(['admin'])).email);
    await b.get('/admin/channels');
    const text = visibleText(b.last.html);
    expect(text).toContain('Подключён');
    expect(text).toContain('@kt_help_bot');
    expect(b.last.html).not.toContain(token);
  });

  it('Should report Telegram not connected when the Bot API refuses the token', async () => {
    const root = await botApi('999:right', 'x');
    const probe = getMeProbe(testConfig({ TELEGRAM_BOT_TOKEN: '111:wrongTokenValue', TELEGRAM_API_ROOT: root }));
    const result = await probe();
    expect(result.connected).toBe(false);
    expect(result.error).toContain('401');
  });
});

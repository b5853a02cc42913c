/**
 * Two instances of the product on one store (issue 20 item 15): the default SQLite store in one data folder, opened by
 * two products, each with its own event bus, runner and HTTP server. Instance 1 holds the Telegram channel (polling
 * the local Bot API server); instance 2 has no Telegram at all. An agent's replies typed on instance 2 reach the chat
 * through instance 1's channel, exactly once each and in order, and their delivery is recorded on the ticket; a ticket
 * taken on instance 2 appears on the live ticket stream (server-sent events) of a console open on instance 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../../main.ts';
import { startSession } from '../../core/users/sessions.ts';
import type { TicketMessage } from '../../core/tickets/model.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';

const CHAT = 7401;
const CHAT_KEY = `telegram:${CHAT}`;
let dir: string;
let api: FakeTelegramApi;
let one: Product;
let two: Product;

async function instance(env: Record<string, string>): Promise<Product> {
  return startProduct({
    env: {
      PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'two-instances-admin',
      SECRET_KEY: 's'.repeat(40), SCHEDULER_INTERVAL_MS: '3600000', INSTANCE_POLL_MS: '100', ...env,
    },
    hostname: '127.0.0.1',
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kt-two-instances-'));
  api = await new FakeTelegramApi().start();
  one = await instance({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url });
  two = await instance({});
  await one.store.chats.touch('telegram', String(CHAT), new Date());
  await one.store.chats.setLanguage(CHAT_KEY, 'ru');
});

afterAll(async () => {
  await two?.stop();
  await one?.stop();
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads a server-sent event stream, collecting the `data` of each event named `name`. */
async function listen(url: string, cookie: string, name: string): Promise<{ events: string[]; ready: Promise<void>; close: () => void }> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: abort.signal });
  const events: string[] = [];
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          if (event === 'ready') onReady();
          if (event === name) events.push(data);
        }
      }
    } catch {
      // closed
    }
  })();
  return { events, ready, close: () => abort.abort() };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two instances on one SQLite store', () => {
  it('Should deliver the replies an agent types on instance 2 through instance 1\'s Telegram, once each and in order', async () => {
    expect(two.telegram).toBeNull();
    const [admin] = await two.store.users.list();
    const ticket = await two.tickets.register({
      type: 'reference', channel: 'telegram', language: 'ru', chatKey: CHAT_KEY, topic: 'other', handedOff: true,
      actor: { type: 'subscriber', id: null },
    });
    const texts = ['Здравствуйте, проверяю ваш счёт.', 'Нашла платёж от 3 декабря.', 'Он зачислен, доступ уже открыт.'];
    const replies: TicketMessage[] = [];
    for (const text of texts) {
      const r = await two.tickets.reply(ticket.id, text, { type: 'user', id: admin!.id }, 'Айгерим');
      if (!r.ok) throw new Error(r.reason);
      replies.push(r.value);
    }
    const received = () => api.messagesTo(CHAT).map((m) => m.text).filter((t) => texts.some((x) => t.includes(x)));
    await until(() => received().length >= texts.length, 'the three replies in the chat');
    await new Promise((r) => setTimeout(r, 500)); // more rounds of both instances: a repeat would arrive now
    expect(received().map((t) => texts.findIndex((x) => t.includes(x)))).toEqual([0, 1, 2]);
    await until(async () => (await Promise.all(replies.map((m) => one.store.ticketMessages.get(m.id)))).every((m) => m?.delivery === 'sent'),
      'the delivery recorded on each reply');
  });

  it('Should show on instance 1\'s live ticket stream a ticket taken on instance 2', async () => {
    const [admin] = await one.store.users.list();
    const { token } = await startSession(one.store, one.clock, admin!.id);
    const stream = await listen(`${one.url}/admin/tickets/events`, `kt_console=${token}`, 'ticket');
    try {
      await stream.ready;
      const ticket = await two.tickets.register({
        type: 'reference', channel: 'telegram', language: 'ru', chatKey: CHAT_KEY, topic: 'other', actor: { type: 'subscriber', id: null },
      });
      const mine = () => stream.events.map((d) => JSON.parse(d) as { id: string; event: string }).filter((e) => e.id === ticket.id);
      await until(() => mine().some((e) => e.event === 'ticket.created'), 'the new ticket on instance 1\'s stream');
      await new Promise((r) => setTimeout(r, 300));
      const before = mine().length;
      const taken = await two.tickets.take(ticket.id, { type: 'user', id: admin!.id });
      expect(taken.ok).toBe(true);
      await until(() => mine().slice(before).some((e) => e.event === 'ticket.updated'), 'the ticket taken on instance 2, on instance 1\'s stream');
    } finally {
      stream.close();
    }
  });
});

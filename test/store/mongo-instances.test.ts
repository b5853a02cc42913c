/**
 * @module Several instances on one MongoDB store (here: the store's code on the loopback wire-protocol fake, see
 * fake-mongod.ts — not a MongoDB server): Telegram in webhook mode behind a load balancer, where Telegram may
 * re-deliver an update to another instance, and scheduler ticks of two instances racing for the same due job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { startFakeMongod, type FakeMongod } from './fake-mongod.ts';

const ru = translator('ru');
const CHAT = 7301;
const SECRET = 'lb-secret';
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

let mongo: FakeMongod;
let api: FakeTelegramApi;
let dir: string;
const instances: Product[] = [];

/** One more instance of the product: same store, same bot, its own port and data folder. */
async function instance(name: string, telegram = true): Promise<{ product: Product; webhookUrl: string }> {
  const port = await freePort();
  const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
  const product = await startProduct({
    env: {
      STORE: 'mongo', MONGODB_URI: mongo.uri('kt_instances'), PORT: String(port), DATA_DIR: join(dir, name), DEMO_DATA: 'true',
      LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'instances-admin-password', SCHEDULER_INTERVAL_MS: '3600000', INSTANCE_POLL_MS: '100',
      ...(telegram ? { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: SECRET } : {}),
    },
    hostname: '127.0.0.1',
  });
  instances.push(product);
  return { product, webhookUrl };
}

/** The load balancer sends Telegram's next deliveries to this instance. */
const routeTo = (webhookUrl: string) => {
  api.webhook = { url: webhookUrl, secret: SECRET };
};

beforeEach(async () => {
  mongo = await startFakeMongod();
  api = await new FakeTelegramApi().start();
  dir = mkdtempSync(join(tmpdir(), 'kt-instances-'));
});

afterEach(async () => {
  for (const p of instances.splice(0)) await p.stop();
  await api.stop();
  await mongo.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('several instances on one MongoDB store', () => {
  it('Should load the demo data once and answer a re-delivered Telegram update once, whichever instance gets it', async () => {
    const a = await instance('a');
    const b = await instance('b');
    expect(await a.product.store.subscribers.count()).toBe(await b.product.store.subscribers.count());
    expect(await b.product.store.users.count()).toBe(1);

    routeTo(a.webhookUrl);
    const start = await api.userSays(CHAT, '/start');
    await api.waitForMessage(CHAT, exactly(ru('bot:language.prompt')));
    // Telegram did not get the answer in time and re-delivers the update — this time to the other instance.
    routeTo(b.webhookUrl);
    api.redeliver(start);
    // The dialog continues on instance B from the state instance A stored. B handles one chat's updates in order, so
    // by the time the menu appears it has also dealt with the re-delivered /start.
    await api.userPresses(CHAT, 'Русский');
    await api.waitForMessage(CHAT, new RegExp(`${exactly(ru('bot:menu.titleNotLinked')).source.slice(1, -1)}$`)); // the end of the one greeting message
    const prompts = api.calls.filter((c) => c.method === 'sendMessage' && c.payload.text === ru('bot:language.prompt'));
    expect(prompts).toHaveLength(1);
    expect((await a.product.store.chats.get(`telegram:${CHAT}`))?.language).toBe('ru');
  });

  it('Should deliver an agent\'s replies typed on an instance without Telegram through the one that has it, once each, in order', async () => {
    const a = await instance('a');
    const c = await instance('c', false);
    expect(c.product.telegram).toBeNull();
    await a.product.store.chats.touch('telegram', String(CHAT), new Date());
    const ticket = await c.product.tickets.register({
      type: 'reference', channel: 'telegram', language: 'ru', chatKey: `telegram:${CHAT}`, topic: 'other', handedOff: true,
      actor: { type: 'subscriber', id: null },
    });
    const [admin] = await c.product.store.users.list();
    const texts = ['Первый ответ оператора', 'Второй ответ оператора'];
    for (const text of texts) expect((await c.product.tickets.reply(ticket.id, text, { type: 'user', id: admin!.id }, 'Дана')).ok).toBe(true);
    const received = () => api.messagesTo(CHAT).map((m) => m.text).filter((t) => texts.some((x) => t.includes(x)));
    await api.waitFor(() => received().length >= texts.length, 'both replies in the chat');
    await new Promise((r) => setTimeout(r, 400));
    expect(received().map((t) => texts.findIndex((x) => t.includes(x)))).toEqual([0, 1]);
  });

  it('Should fire a due job once when two instances tick at the same moment', async () => {
    const a = await instance('a');
    const b = await instance('b');
    const fired: string[] = [];
    a.product.scheduler.on('test.once', async () => void fired.push('a'));
    b.product.scheduler.on('test.once', async () => void fired.push('b'));
    await a.product.scheduler.schedule('test.once', 'test:1', new Date(Date.now() - 1000));
    await Promise.all([a.product.scheduler.tick(), b.product.scheduler.tick(), a.product.scheduler.tick(), b.product.scheduler.tick()]);
    expect(fired).toHaveLength(1);
    expect(await b.product.store.jobs.getPending('test:1')).toBeNull();
  });
});

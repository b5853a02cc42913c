/**
 * Issue 14, the conversation side, over the web chat's real HTTP API (the page's posts and event stream) against
 * the product as `npm start` runs it: what a subscriber types reaches the engine as the page sends it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { WebChatClient } from '../selfservice/webchat-client.ts';

const ru = translator('ru');
const kk = translator('kk');
const lead = (text: string) => new RegExp(text.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

let product: Product;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'webchat-dialogs-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'dialogs-admin-1', SECRET_KEY: 'd'.repeat(40) },
    hostname: '127.0.0.1',
  });
});

afterAll(async () => {
  await product?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openInRussian(): Promise<WebChatClient> {
  const client = await new WebChatClient(product.url).open();
  await client.say('/start');
  await client.press('Русский');
  await client.waitForLast(lead(ru('bot:menu.titleNotLinked')));
  return client;
}

async function incoming(client: WebChatClient): Promise<string[]> {
  const ticket = await product.tickets.activeForChat(`webchat:${await client.externalId(product.webchat.sessions)}`);
  return ticket ? (await product.tickets.view(ticket.id))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text) : [];
}

describe('web chat: typed commands during a hand-off (item 1)', () => {
  it('Should answer typed /menu and "меню" with the menu and a typed /cancel by leaving the person, none of it relayed', async () => {
    const client = await openInRussian();
    await client.type('/operator');
    await client.waitFor(/T-\d{6}/);
    await client.type('/menu');
    await client.waitForLast(lead(ru('bot:menu.titleNotLinked')));
    expect(client.messages.some((m) => m.text.startsWith(ru('tickets:handoff.still_connected')))).toBe(true);
    await client.type('Меню');
    await client.type('/cancel');
    await client.waitFor(/Вы завершили разговор с оператором/);
    expect(await incoming(client)).toEqual([]);
    client.close();
  });
});

describe('web chat: unlinking the number (item 5)', () => {
  it('Should unlink on a typed /logout and on the menu item, rotating the session each time', async () => {
    const client = await openInRussian();
    const linkChat = async () => {
      const now = new Date();
      await product.store.chats.link(`webchat:${await client.externalId(product.webchat.sessions)}`, {
        subscriberId: 'sub-web', phone: '+77015550066', linkedAt: now, expiresAt: new Date(now.getTime() + 86_400_000),
      });
    };
    await product.store.subscribers.create({ id: 'sub-web', fullName: 'Асель Нұрова', phone: '+77015550066', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date() });
    await linkChat();
    await client.type('/logout');
    await client.waitFor(lead(ru('bot:logout.done')));
    expect(client.rotations).toBe(1);
    await linkChat();
    await client.type('/menu');
    await client.press(ru('bot:menu.logout'));
    await expect.poll(() => client.messages.filter((m) => m.text.startsWith(ru('bot:logout.done'))).length).toBe(2);
    expect(client.rotations).toBe(2);
    client.close();
  });
});

describe('web chat: the first minute (item 6) and answered menus after a reload (item 7)', () => {
  it('Should answer the language choice with ONE message carrying the greeting, the Kazakh contract page and the menu', async () => {
    const client = await new WebChatClient(product.url).open();
    await client.say('/start');
    await client.press('Қазақша');
    const greeting = await client.waitFor(/Басты мәзір/);
    await product.conversations.idle();
    const bot = client.messages.filter((m) => m.from === 'bot');
    expect(bot).toHaveLength(2); // the language question, then one answer
    expect(greeting.text.startsWith(kk('bot:start.welcome'))).toBe(true);
    expect(greeting.text).not.toContain(kk('bot:start.crossBorder', { phone: '160' })); // the operator's own chat
    expect(greeting.choices.map((c) => c.label)).toContain(kk('bot:menu.verify'));
    expect(greeting.link).toEqual({ url: product.config.CONTRACT_URL_KK, label: kk('bot:start.contractLink') });
    // The language question keeps its words, its buttons gone: the answer comes after it.
    expect(bot[0]).toMatchObject({ text: kk('bot:language.prompt'), choices: [], used: true });
    client.close();
  });

  it('Should show every answered menu as used after a reload, and only the newest as live', async () => {
    const client = await openInRussian();
    await client.press(ru('bot:menu.language'));
    await client.waitForLast(lead(ru('bot:language.prompt')));
    await client.type('меню');
    await client.waitForLast(lead(ru('bot:menu.titleNotLinked')));
    client.close();
    const reloaded = await new WebChatClient(product.url).open(client.token);
    await expect.poll(() => reloaded.messages.filter((m) => m.from === 'bot').length).toBeGreaterThan(3);
    const menus = reloaded.messages.filter((m) => m.from === 'bot' && m.choices.length > 0);
    expect(menus.at(-1)!.used).toBe(false);
    expect(menus.slice(0, -1).every((m) => m.used)).toBe(true);
    expect(menus.length).toBeGreaterThanOrEqual(2);
    reloaded.close();
  });
});

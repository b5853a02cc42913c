/**
 * The web chat on two instances of the product on one store (issue 20 item 15), as behind a load balancer without
 * sticky sessions: the page's event stream is held by instance 1 while its posts are served by instance 2. The bot's
 * answer to a post instance 2 served, and an agent's reply typed in instance 2's console, reach the page on instance
 * 1; a reload served by instance 2 shows the conversation, the subscriber's own messages and the answered menus read
 * as used.
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
const lead = (text: string) => new RegExp(text.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
let dir: string;
let one: Product;
let two: Product;

async function instance(): Promise<Product> {
  return startProduct({
    env: {
      PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'two-instances-admin',
      SECRET_KEY: 's'.repeat(40), SCHEDULER_INTERVAL_MS: '3600000', INSTANCE_POLL_MS: '100',
    },
    hostname: '127.0.0.1',
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kt-two-instances-webchat-'));
  one = await instance();
  two = await instance();
});

afterAll(async () => {
  await two?.stop();
  await one?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web chat on two instances on one store', () => {
  it('Should show on instance 1\'s page the answers to posts instance 2 served, and an agent\'s reply typed on instance 2', async () => {
    const page = await new WebChatClient(one.url, {}, two.url).open();
    await page.say('/start');
    await page.press('Русский');
    await page.waitForLast(lead(ru('bot:menu.titleNotLinked')));
    await page.press(ru('bot:menu.language'));
    await page.waitForLast(lead(ru('bot:language.prompt')));
    await page.type('меню');
    await page.waitForLast(lead(ru('bot:menu.titleNotLinked')));
    await page.type('/operator');
    await page.waitFor(/T-\d{6}/);

    const chatKey = `webchat:${await page.externalId(two.webchat.sessions)}`;
    const ticket = await two.tickets.activeForChat(chatKey);
    const [admin] = await two.store.users.list();
    const typed = await two.tickets.reply(ticket!.id, 'Здравствуйте, это Айгерим. Проверяю ваш счёт.', { type: 'user', id: admin!.id }, 'Айгерим');
    expect(typed.ok).toBe(true);
    await page.waitFor(/Проверяю ваш счёт/);
    await page.type('Спасибо, жду');
    await expect.poll(() => page.messages.some((m) => m.from === 'me' && m.text === 'Спасибо, жду')).toBe(true);
    page.close();

    // The reload goes to instance 2: everything shown so far, the subscriber's own words, the menus answered as used.
    const reloaded = await new WebChatClient(two.url).open(page.token);
    await reloaded.waitFor(/Проверяю ваш счёт/);
    await expect.poll(() => reloaded.messages.some((m) => m.from === 'me' && m.text === 'Спасибо, жду')).toBe(true);
    expect(reloaded.messages.filter((m) => m.from === 'me').map((m) => m.text)).toEqual(
      expect.arrayContaining(['Русский', ru('bot:menu.language'), 'меню', '/operator', 'Спасибо, жду']),
    );
    const menus = reloaded.messages.filter((m) => m.from === 'bot' && m.choices.length > 0);
    expect(menus.length).toBeGreaterThanOrEqual(3);
    expect(menus.slice(0, -1).every((m) => m.used)).toBe(true);
    // The same messages the page was given, in the same order (and whatever came after it closed).
    expect(reloaded.messages.map((m) => m.id).slice(0, page.messages.length)).toEqual(page.messages.map((m) => m.id));
    reloaded.close();
  });
});

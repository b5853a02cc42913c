/**
 * A menu answered by a press whose answer replaces it (a language chosen, a journey cancelled) loses its buttons, and
 * the answer comes below it, in time order (issue 14 item 7). The message to take the buttons off is the one the
 * press came from, as the press names it: Telegram's callback carries the message, the web-chat page posts its id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startSelfServiceProduct, type SelfServiceProduct } from '../selfservice/product.ts';
import { WebChatClient } from '../selfservice/webchat-client.ts';

const ru = translator('ru');
const kk = translator('kk');
const lead = (text: string) => new RegExp(text.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

let s: SelfServiceProduct;
beforeAll(async () => {
  s = await startSelfServiceProduct();
});
afterAll(async () => s?.stop());

describe('Telegram: the answered language menu', () => {
  it('Should lose its buttons once a language is pressed, keeping its text, with the answer sent after it', async () => {
    const chat = 7301;
    await s.link('telegram', String(chat), 'ru');
    await s.api.userSays(chat, '/language');
    const menu = await s.api.waitForMessage(chat, lead(ru('bot:language.prompt')));
    const prompt = menu.text;
    await s.api.userPresses(chat, kk('bot:language.kk'), menu.message_id);
    const saved = await s.api.waitForMessage(chat, lead(kk('bot:language.saved')), { after: menu.message_id });
    await s.api.waitFor(() => (menu.reply_markup?.inline_keyboard ?? []).flat().length === 0, 'the language menu without its buttons');
    expect(menu.text).toBe(prompt);
    expect(saved.message_id).toBeGreaterThan(menu.message_id);
  });
});

describe('web chat: the answered language menu', () => {
  it('Should lose its buttons once a language is pressed, in the open page and after a reload', async () => {
    const client = await new WebChatClient(s.product.url).open();
    await client.say('/start');
    await client.press(ru('bot:language.ru'));
    await client.waitForLast(lead(ru('bot:menu.titleNotLinked')));
    await client.say('/language');
    const menu = await client.waitForLast(lead(ru('bot:language.prompt')));
    await client.press(kk('bot:language.kk'));
    await client.waitFor(lead(kk('bot:language.saved')));
    const answered = () => client.messages.filter((m) => m.id === menu.id).at(-1);
    for (let i = 0; i < 100 && answered()?.choices.length; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(answered()).toMatchObject({ text: menu.text, choices: [], used: true });
    const reloaded = await new WebChatClient(s.product.url).open(client.token);
    const again = await reloaded.waitFor(lead(kk('bot:language.saved')));
    expect(reloaded.messages.find((m) => m.id === menu.id)).toMatchObject({ text: menu.text, choices: [], used: true });
    expect(reloaded.messages.findIndex((m) => m.id === again.id)).toBeGreaterThan(reloaded.messages.findIndex((m) => m.id === menu.id));
    client.close();
    reloaded.close();
  });
});

/**
 * What a web chat shows, kept in the store (issue 20 item 15), with two web-chat channels on one store as two
 * instances have them: menus sent by both at the same moment are both kept, in the order written, the older read as
 * used; a page listening on one hears of the other's message once told of its revision (what the live feed carries);
 * a page opening on either shows the same conversation.
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../core/events.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import type { WebChatMessage } from '../../core/webchat/model.ts';
import { WebChatChannel } from '../../bot/webchat/webchat-channel.ts';
import { sqliteFactory } from '../store/stores.ts';

const VISITOR = 'visitor-7';

async function twoInstances() {
  const [storeOne, storeTwo] = await sqliteFactory.openPair();
  // One bus between them stands for the live feed (core/livefeed) that carries `webchat.changed` across instances.
  const feed = new EventBus(silentLogger);
  const one = new WebChatChannel(storeOne, undefined, { events: feed, live: feed });
  const two = new WebChatChannel(storeTwo, undefined, { events: new EventBus(silentLogger), live: new EventBus(silentLogger) });
  return { one, two, feed, close: async () => { await one.close(); await two.close(); await storeOne.close(); await storeTwo.close(); } };
}

const menu = (text: string, token: string) => ({ text, choices: [{ id: 'balance', label: 'Баланс' }], menuToken: token });

describe('the web chat\'s kept messages on two instances', () => {
  it('Should keep both menus two instances sent at once, the older read as used, and show the same on either', async () => {
    const w = await twoInstances();
    await Promise.all([w.one.send(VISITOR, [menu('Главное меню', 'tok-1')]), w.two.send(VISITOR, [menu('Выберите язык', 'tok-2')])]);
    await w.one.recordOwn(VISITOR, 'Баланс');
    const onOne = await w.one.history(VISITOR);
    const onTwo = await w.two.history(VISITOR);
    expect(onTwo).toEqual(onOne);
    expect(onOne.map((m) => m.text).sort()).toEqual(['Баланс', 'Выберите язык', 'Главное меню']);
    const menus = onOne.filter((m) => m.choices.length > 0);
    expect(menus.map((m) => m.used)).toEqual([true, false]);
    await w.close();
  });

  it('Should keep what the subscriber posted with the reply in one write, and on its own when no reply comes', async () => {
    const store = await sqliteFactory.open();
    const channel = new WebChatChannel(store);
    await channel.send(VISITOR, [menu('Главное меню', 'tok-1')]);
    await channel.history(VISITOR); // the page is open
    const own = channel.recordOwn(VISITOR, 'Баланс', { withReply: true });
    const answered = channel.markAnswered(VISITOR, 'tok-1', { withReply: true });
    await channel.send(VISITOR, [{ text: 'Баланс: 1 200 ₸' }]);
    await Promise.all([own, answered]);
    const stored = (await store.webchatMessages.read(VISITOR))!;
    expect(stored.rev).toBe(2);
    expect(stored.messages.map((m) => [m.text, m.used])).toEqual([['Главное меню', true], ['Баланс', false], ['Баланс: 1 200 ₸', false]]);

    const lone = channel.recordOwn(VISITOR, 'Тест', { withReply: true });
    await channel.writeWaiting(VISITOR);
    await lone;
    expect((await store.webchatMessages.read(VISITOR))!.messages.at(-1)!.text).toBe('Тест');
    await channel.close();
    await store.close();
  });

  it('Should tell a page listening on instance 1 of a message instance 2 wrote, once told of its revision', async () => {
    const w = await twoInstances();
    await w.one.send(VISITOR, [{ text: 'Здравствуйте' }]);
    const heard: WebChatMessage[] = [];
    const stop = w.one.listen(VISITOR, (m) => heard.push(m));
    await w.one.history(VISITOR);
    await w.two.history(VISITOR);
    await w.two.send(VISITOR, [{ text: 'Ответ оператора: проверяю ваш счёт.' }]);
    expect(heard).toEqual([]);
    await w.feed.emit('webchat.changed', { externalId: VISITOR, rev: 2 });
    await expect.poll(() => heard.map((m) => m.text)).toEqual(['Ответ оператора: проверяю ваш счёт.']);
    stop();
    await w.close();
  });
});

/**
 * The conversation log (issue 8 "the full transcript"): the runner keeps every message a chat receives and every
 * message sent to it — pressed buttons by their label, one-time codes masked — so the ticket page can show what was
 * said before the hand-off. Runs the real runner with the operator's own web-chat channel.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logging/logger.ts';
import { buildRegistry } from '../../bot/dialogs/index.ts';
import { logConversations } from '../../bot/engine/conversation-log.ts';
import { ConversationRunner } from '../../bot/engine/runner.ts';
import type { InboundEvent } from '../../bot/engine/types.ts';
import { WebChatChannel } from '../../bot/webchat/webchat-channel.ts';
import { harness } from './harness.ts';

const VISITOR = 'visitor-1';
const CHAT = `webchat:${VISITOR}`;
const PHONE = '+77017770011';

async function world() {
  const h = await harness({ channel: 'webchat', language: 'ru' });
  const runner = new ConversationRunner({ store: h.store, clock: h.clock, logger: silentLogger, registry: buildRegistry(), services: h.services });
  const webchat = new WebChatChannel(h.store);
  runner.attach(webchat);
  runner.observe(logConversations(h.store));
  await h.store.chats.touch('webchat', VISITOR, h.clock.now());
  await h.store.chats.setLanguage(CHAT, 'ru');
  const send = (event: InboundEvent) => runner.handle('webchat', { externalId: VISITOR, event });
  const press = async (id: string) => {
    const state = (await h.store.dialogs.read(CHAT))?.state as { menu: { token: string } | null };
    return send({ kind: 'choice', id, menuToken: state.menu?.token ?? null });
  };
  const log = () => h.store.conversationMessages.listByChat(CHAT, { limit: 100 });
  return { h, runner, send, press, log };
}

describe('conversation log of every chat', () => {
  it('Should keep what the subscriber sent and what the bot answered, in order, a pressed button by its label', async () => {
    const { send, press, log } = await world();
    await send({ kind: 'command', name: 'menu', args: '' });
    await press('language');
    const lines = (await log()).map((m) => `${m.direction}: ${m.text.split('\n')[0]}`);
    expect(lines[0]).toBe('in: /menu');
    expect(lines[1]).toMatch(/^out: Главное меню/);
    expect(lines[2]).toBe('in: 🌐 Тіл / Язык');
    expect(lines[3]).toMatch(/^out: /);
    expect((await log())[1]!.text).toContain('[🌐 Тіл / Язык]');
  });

  it('Should send a one-time code typed during a hand-off to verification, never to the person, and mask it in the log', async () => {
    const { h, send, press, log } = await world();
    const now = h.clock.now();
    await h.store.subscribers.create({ id: 'sub-1', fullName: 'Ерлан Сапаров', phone: PHONE, iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: now });
    await h.store.accounts.create({
      id: 'acc-1', number: '100000000001', subscriberId: 'sub-1', status: 'current', statusSince: now, billingMethod: 'credit',
      address: 'Алматы, Сейфуллина 500', region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null,
      openedAt: now, closedAt: null,
    });
    await send({ kind: 'command', name: 'operator', args: '' });
    await send({ kind: 'command', name: 'menu', args: '' });
    await press('verify');
    await send({ kind: 'text', text: PHONE });
    const [sms] = (await h.store.smsOutbox.list()).filter((m) => m.to === PHONE);
    const code = /\d{6}/.exec(sms!.text)![0];
    await send({ kind: 'text', text: code });
    expect((await h.store.chats.get(CHAT))?.subscriberId).toBe('sub-1');

    const ticket = (await h.services.tickets.activeForChat(CHAT))!;
    const transcript = (await h.services.tickets.view(ticket.id))!.messages.map((m) => m.text).join('\n');
    expect(transcript).not.toContain(code);
    const logged = (await log()).map((m) => m.text).join('\n');
    expect(logged).not.toContain(code);
    expect(logged).toContain('••••••');
  });

  it('Should log a step once when another instance saved the chat first and the step was run again', async () => {
    const h = await harness({ channel: 'webchat', language: 'ru' });
    // Another instance answers this chat between our read of its state and our write: our first write loses the race.
    let raced = false;
    const dialogs = {
      ...h.store.dialogs,
      read: async (key: string) => {
        const session = await h.store.dialogs.read(key);
        if (!raced && key === CHAT) {
          raced = true;
          await h.store.dialogs.write(key, session?.state ?? { v: 1, dialog: 'menu', data: null, menu: null, misses: 0 }, session?.version ?? 0, h.clock.now());
        }
        return session;
      },
    };
    const runner = new ConversationRunner({ store: { ...h.store, dialogs }, clock: h.clock, logger: silentLogger, registry: buildRegistry(), services: h.services });
    runner.attach(new WebChatChannel(h.store));
    runner.observe(logConversations(h.store), { beforeReply: true });
    await h.store.chats.touch('webchat', VISITOR, h.clock.now());
    await h.store.chats.setLanguage(CHAT, 'ru');
    await runner.handle('webchat', { externalId: VISITOR, event: { kind: 'command', name: 'menu', args: '' } });
    expect(raced).toBe(true);
    const lines = (await h.store.conversationMessages.listByChat(CHAT, { limit: 100 })).map((m) => `${m.direction}: ${m.text.split('\n')[0]}`);
    expect(lines).toEqual(['in: /menu', expect.stringMatching(/^out: Главное меню/)]);
  });
});

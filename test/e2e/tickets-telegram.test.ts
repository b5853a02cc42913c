/**
 * End to end through our real telegraf code and a local server that answers like the Telegram Bot API:
 * a fault report whose callback deadline passes (breach told to the subscriber and to supervisors), and an agent's
 * reply during a hand-off reaching the subscriber's chat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../../main.ts';
import type { EventMap } from '../../core/events.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';

const almaty = (local: string) => new Date(`${local}:00+05:00`);
const CHAT = 5001;

let api: FakeTelegramApi;
let product: Product;
let dir: string;
let clock: ManualClock;

/** A subscriber with one Megaline account whose Telegram chat is already verified (verification has its own tests). */
async function verifiedSubscriber(p: Product): Promise<void> {
  const now = clock.now();
  await p.store.subscribers.create({
    id: 'sub-e2e', fullName: 'Асель Нұрланқызы', phone: '+77015550011', iin: null, category: 'individual', language: 'ru',
    notificationsMuted: false, createdAt: now,
  });
  await p.store.accounts.create({
    id: 'acc-e2e', number: '100000000777', subscriberId: 'sub-e2e', status: 'current', statusSince: now, billingMethod: 'credit',
    address: 'Алматы, Абай даңғылы, 10', region: 'Алматытелеком', planId: null, services: ['megaline'], termContractUntil: null,
    openedAt: now, closedAt: null,
  });
  await p.store.chats.touch('telegram', String(CHAT), now);
  await p.store.chats.setLanguage(`telegram:${CHAT}`, 'ru');
  await p.store.chats.link(`telegram:${CHAT}`, {
    subscriberId: 'sub-e2e', phone: '+77015550011', linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000),
  });
}

beforeEach(async () => {
  api = await new FakeTelegramApi().start();
  dir = mkdtempSync(join(tmpdir(), 'tickets-e2e-'));
  clock = new ManualClock(almaty('2026-03-10T10:00'));
  product = await startProduct({
    env: {
      PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'e2e-admin-password',
      TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SLA_CALLBACK_MINUTES: '15', SCHEDULER_INTERVAL_MS: '3600000',
    },
    clock,
    hostname: '127.0.0.1',
  });
  await verifiedSubscriber(product);
});

afterEach(async () => {
  await product?.stop();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('fault report in Telegram with the callback SLA (seed 003 cl. 5)', () => {
  it('Should register a technical ticket, and when nobody calls back by the due time tell the subscriber honestly and alert supervisors', async () => {
    const alerts: EventMap['ticket.breached'][] = [];
    product.events.on('ticket.breached', (e) => void alerts.push(e));

    await api.userSays(CHAT, '/menu');
    await api.waitForMessage(CHAT, /Главное меню/);
    await api.userPresses(CHAT, /Сообщить о неисправности/);
    await api.waitForMessage(CHAT, /что именно происходит/);
    await api.userPresses(CHAT, 'Нет интернета');
    await api.waitForMessage(CHAT, /Выключите роутер/);
    await api.userPresses(CHAT, 'Нет, оформить заявку');
    await api.waitForMessage(CHAT, /Коротко опишите/);
    await api.userPresses(CHAT, 'Пропустить');
    await api.waitForMessage(CHAT, /Когда вам удобно/);
    await api.userPresses(CHAT, 'Пропустить');
    const registered = await api.waitForMessage(CHAT, /Заявка T-000001 зарегистрирована/);
    expect(registered.text).toContain('не позднее: сегодня в 10:15 (время Алматы)');

    const page = await product.tickets.queue({ queue: 'second_line', limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ number: 1, type: 'technical', channel: 'telegram', service: 'megaline', symptom: 'no_internet', status: 'escalated' });

    // Nothing happens; the due time passes.
    clock.advanceMinutes(16);
    await product.scheduler.tick();
    const told = await api.waitForMessage(CHAT, /не успели/, { after: registered.message_id });
    expect(told.text).toContain('T-000001');
    expect(told.text).toContain('10:15');

    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.ticket.number).toBe(1);
    const breached = await product.tickets.queue({ queue: 'breached', limit: 10 });
    expect(breached.items.map((t) => t.number)).toEqual([1]);

    // A second tick (or a restart) does not tell anyone twice.
    await product.scheduler.tick();
    await product.conversations.idle();
    expect(api.messagesTo(CHAT).filter((m) => /не успели/.test(m.text))).toHaveLength(1);

    await api.userSays(CHAT, '/ticket');
    const list = await api.waitForMessage(CHAT, /Ваши открытые обращения/, { after: told.message_id });
    expect(list.text).toContain('T-000001 — Техническая: Передана во вторую линию');
  });
});

describe('hand-off to a person in Telegram (journey 8)', () => {
  it('Should put the subscriber\'s messages in the transcript and deliver the agent\'s reply to the chat', async () => {
    await api.userSays(CHAT, '/operator');
    const queued = await api.waitForMessage(CHAT, /Передаю разговор оператору/);
    expect(queued.text).toContain('T-000001');

    await api.userSays(CHAT, 'Здравствуйте, у меня не работает интернет с утра');
    await api.waitForMessage(CHAT, /Передал ваше сообщение оператору/);
    const ticket = (await product.tickets.queue({ queue: 'unassigned', limit: 5 })).items[0]!;
    expect(ticket).toMatchObject({ handedOff: true, chatKey: `telegram:${CHAT}` });

    const agent = { type: 'user' as const, id: 'agent-e2e' };
    await product.tickets.take(ticket.id, agent);
    const reply = await product.tickets.reply(ticket.id, 'Здравствуйте! Вижу проблему на линии, уже проверяю.', agent);
    expect(reply.ok).toBe(true);
    const arrived = await api.waitForMessage(CHAT, /Оператор: Здравствуйте! Вижу проблему на линии, уже проверяю\./);

    await product.conversations.idle();
    const view = await product.tickets.view(ticket.id);
    const texts = view!.messages.filter((m) => m.direction !== 'activity').map((m) => [m.direction, m.text]);
    expect(texts).toEqual([
      ['incoming', 'Здравствуйте, у меня не работает интернет с утра'],
      ['outgoing', 'Здравствуйте! Вижу проблему на линии, уже проверяю.'],
    ]);
    const sent = view!.messages.find((m) => m.sender === 'agent');
    expect(sent).toMatchObject({ delivery: 'sent', externalId: String(arrived.message_id) });

    // The agent hands the chat back; the bot answers again — but a thank-you to the agent, typed within half an hour
    // of the agent's message, still reaches that ticket (issue 14 item 4); a menu choice is the bot's.
    await product.tickets.endHandoff(ticket.id, agent);
    const ended = await api.waitForMessage(CHAT, /Оператор завершил разговор/, { after: arrived.message_id });
    await api.userSays(CHAT, 'спасибо');
    await api.waitForMessage(CHAT, /Передал ваш ответ оператору, который писал вам по обращению T-000001/, { after: ended.message_id });
    await api.userSays(CHAT, '/menu');
    await api.waitForMessage(CHAT, /Главное меню/, { after: ended.message_id });
    await product.conversations.idle();
    const after = await product.tickets.view(ticket.id);
    expect(after!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text)).toEqual(['Здравствуйте, у меня не работает интернет с утра', 'спасибо']);
  });
});

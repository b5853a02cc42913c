/**
 * SIGKILL between signing a written application and carrying it out (issue 20 item 10): a Megaline plan change and
 * a refusal of a service, signed in Telegram with the code from the SMS, with the product as `npm start` runs it
 * against the operator's billing over HTTP (a local server serving our ledger). The product is killed the moment
 * billing is asked for the order — before billing takes it, or after billing stored it but before the answer came
 * back — and restarted on the same store. Afterwards billing holds exactly one order for the application, a refusal
 * has exactly one back-office ticket, and the subscriber was told once what became of the application.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import type { BillingPort, PlanChangeOrderInput, RefusalOrderInput } from '../../core/billing/port.ts';
import { systemClock } from '../../core/ports/clock.ts';
import type { Store } from '../../core/store/store.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { startFakeBilling, type FakeBillingServer } from '../core/billing-server.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { CrashRun } from './harness.ts';

const TOKEN = 'billing-token';
const PHONE = '+77019876543';
const SUBSCRIBER = 'sub-crash';
const ACCOUNT = '400000000001';
const ACCOUNT_ID = 'acc-crash';

type Kill = 'before billing takes it' | 'after billing stored it';

let api: FakeTelegramApi;
let billingServer: FakeBillingServer;
let billingStore: Store;
let run: CrashRun | null = null;
let dir = '';
/** What the next order request does to the product. */
let killOn: { method: 'orderPlanChange' | 'orderRefusal'; when: Kill } | null = null;
/** The kill that order request made, once it made it. */
let killed: Promise<void> | null = null;

/** The subscriber with one account in good standing (Megaline Plus and a home phone, nothing owed). */
async function seed(store: Store): Promise<void> {
  const t0 = new Date('2025-06-01T06:00:00Z');
  await store.subscribers.create({
    id: SUBSCRIBER, fullName: 'Дәурен Қасымов', phone: PHONE, iin: '850505300789', category: 'individual', language: 'ru',
    notificationsMuted: false, createdAt: t0,
  });
  await store.accounts.create({
    id: ACCOUNT_ID, number: ACCOUNT, subscriberId: SUBSCRIBER, status: 'current', statusSince: t0, billingMethod: 'advance',
    address: 'Шымкент, Тәуке хан д-лы, 5', region: 'Шымкенттелеком', planId: 'megaline-plus', services: ['megaline', 'phone'],
    termContractUntil: null, openedAt: t0, closedAt: null,
  });
}

async function withProductStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dir);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  api = await new FakeTelegramApi().start();
});

/** A fresh billing for each case. */
beforeEach(async () => {
  billingStore = openSqliteStore(':memory:');
  await seed(billingStore);
  const ledger = new LedgerBilling(billingStore, systemClock);
  /** Billing as the product reaches it; on the chosen order it takes the product down. */
  const crashing: BillingPort = Object.assign(Object.create(ledger) as BillingPort, {
    orderPlanChange: (input: PlanChangeOrderInput) => ordered('orderPlanChange', () => ledger.orderPlanChange(input)),
    orderRefusal: (input: RefusalOrderInput) => ordered('orderRefusal', () => ledger.orderRefusal(input)),
  });
  billingServer = await startFakeBilling(crashing, TOKEN);
});

async function ordered<T>(method: 'orderPlanChange' | 'orderRefusal', order: () => Promise<T>): Promise<T> {
  const kill = killOn?.method === method ? killOn : null;
  if (!kill) return order();
  killOn = null;
  if (kill.when === 'before billing takes it') {
    killed = run!.kill();
    await killed;
    return { ok: false, reason: 'rules:payment.unknownAccount' } as T; // never reaches the product: it is gone
  }
  const result = await order();
  killed = run!.kill();
  await killed;
  return result;
}

afterEach(async () => {
  api.beforeSend = null;
  await run?.kill().catch(() => undefined);
  run = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  await billingServer?.close();
  await billingStore?.close();
});

afterAll(async () => {
  await api?.stop();
});

/** A fresh product store with the subscriber, and chat `chatId` verified for them. */
async function startProduct(chatId: number): Promise<CrashRun> {
  dir = mkdtempSync(join(tmpdir(), 'kt-crash-app-'));
  await withProductStore(async (store) => {
    await seed(store);
    const key = `telegram:${chatId}`;
    const now = new Date();
    await store.chats.touch('telegram', String(chatId), now);
    await store.chats.setLanguage(key, 'ru');
    await store.chats.link(key, { subscriberId: SUBSCRIBER, phone: PHONE, linkedAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
  });
  run = await CrashRun.create({
    dir, seed: 30,
    env: {
      TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SCHEDULER_INTERVAL_MS: '200',
      BILLING_PROVIDER: 'http', BILLING_URL: billingServer.url, BILLING_TOKEN: TOKEN,
    },
  });
  await run.start();
  return run;
}

/** The newest signing code the SMS outbox holds for the subscriber's number. */
async function latestCode(): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const sms = await withProductStore(async (s) => (await s.smsOutbox.list({ limit: 5 })).find((m) => m.to === PHONE && m.purpose === 'sign'));
    const code = sms && /\b(\d{6})\b/.exec(sms.text)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no signing code in the SMS outbox');
}

/** Opens a journey from the main menu (the only account is picked by itself). */
async function open(chatId: number, item: RegExp): Promise<void> {
  const start = api.lastMessageId;
  await api.userSays(chatId, '/menu');
  await api.waitForMessage(chatId, /Главное меню/, { after: start });
  await api.userPresses(chatId, item, api.lastMessageId);
}

/** Signs with the code from the SMS; `killOn` takes the product down on the order that follows. */
async function sign(chatId: number): Promise<void> {
  await api.userPresses(chatId, /Подписать кодом из SMS/);
  await api.waitForMessage(chatId, /мы отправили код|Чтобы подписать заявку/);
  await api.userSays(chatId, await latestCode());
}

const told = (chatId: number, text: RegExp) => api.messagesTo(chatId).filter((m) => text.test(m.text));

async function restartAndSettle(product: CrashRun, chatId: number, text: RegExp): Promise<void> {
  await product.until(async () => killed !== null, 'the order request, and the kill', 20_000);
  await killed;
  killed = null;
  await product.start();
  await product.until(async () => told(chatId, text).length > 0, 'the subscriber told what became of the application', 20_000);
  await new Promise((r) => setTimeout(r, 1_500)); // sweeps more: anything done twice would be done now
  await product.stop();
  run = null;
}

describe('SIGKILL between signing a plan change and ordering it', () => {
  it.each<[Kill, number]>([['before billing takes it', 7101], ['after billing stored it', 7102]])(
    'Should order the plan change exactly once and tell the subscriber once, when killed %s',
    async (when, chatId) => {
      const product = await startProduct(chatId);
      await open(chatId, /Сменить тариф/);
      await api.waitForMessage(chatId, /Тарифы Megaline/);
      await api.userPresses(chatId, /Megaline Turbo/);
      await api.waitForMessage(chatId, /Смена тарифа по лицевому счёту/);
      killOn = { method: 'orderPlanChange', when };
      await sign(chatId);
      const accepted = /Заявка принята. Новый тариф по лицевому счёту № 400000000001/;
      await restartAndSettle(product, chatId, accepted);

      const [application, ...more] = await withProductStore((s) => s.applications.listBySubscriber(SUBSCRIBER));
      expect(more).toEqual([]);
      const orders = (await billingStore.billing.listPlanChanges(ACCOUNT_ID)).filter((o) => o.applicationId === application?.id);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ toPlanId: 'megaline-turbo' });
      expect(told(chatId, accepted)).toHaveLength(1);
    },
    90_000,
  );
});

describe('SIGKILL between ordering a refusal and opening its back-office ticket', () => {
  it('Should leave one refusal order with one ticket, and tell the subscriber its number once', async () => {
    const chatId = 7103;
    const product = await startProduct(chatId);
    await open(chatId, /Отказаться от услуг/);
    await api.waitForMessage(chatId, /От чего отказываетесь/);
    await api.userPresses(chatId, /Только: Домашний телефон/);
    await api.waitForMessage(chatId, /Почему вы отказываетесь/);
    await api.userSays(chatId, 'Пользуюсь только мобильным');
    await api.waitForMessage(chatId, /Причина отказа: Пользуюсь только мобильным/);
    killOn = { method: 'orderRefusal', when: 'after billing stored it' };
    await sign(chatId);
    const accepted = /Заявка на отказ от услуг подписана и принята. Номер обращения T-000001/;
    await restartAndSettle(product, chatId, /Заявка на отказ от услуг подписана и принята/);

    const [application] = await withProductStore((s) => s.applications.listBySubscriber(SUBSCRIBER));
    const orders = (await billingStore.billing.listRefusals(ACCOUNT_ID)).filter((o) => o.applicationId === application?.id);
    expect(orders).toHaveLength(1);
    const tickets = await withProductStore(async (s) => [await s.tickets.getByNumber(1), await s.tickets.getByNumber(2)]);
    expect(tickets[0]).toMatchObject({ topic: 'refusal', accountId: ACCOUNT_ID, subscriberId: SUBSCRIBER });
    expect(tickets[1]).toBeNull();
    expect(told(chatId, /Заявка на отказ от услуг подписана и принята/)).toHaveLength(1);
    expect(told(chatId, accepted)).toHaveLength(1);
  }, 90_000);
});

describe('SIGKILL between carrying out a signed application and the reply leaving', () => {
  it('Should tell the subscriber once what became of the plan change, though the product died as the reply left', async () => {
    const chatId = 7104;
    const product = await startProduct(chatId);
    await open(chatId, /Сменить тариф/);
    await api.waitForMessage(chatId, /Тарифы Megaline/);
    await api.userPresses(chatId, /Megaline Turbo/);
    await api.waitForMessage(chatId, /Смена тарифа по лицевому счёту/);
    const accepted = /Заявка принята. Новый тариф по лицевому счёту № 400000000001/;
    // Billing took the order and answered; the product dies the moment its reply goes to Telegram (it never arrives).
    api.beforeSend = (chat, text) => {
      if (chat !== String(chatId) || !accepted.test(text)) return false;
      api.beforeSend = null;
      killed = product.kill();
      return true;
    };
    await sign(chatId);
    await restartAndSettle(product, chatId, accepted);

    const [application] = await withProductStore((s) => s.applications.listBySubscriber(SUBSCRIBER));
    const orders = (await billingStore.billing.listPlanChanges(ACCOUNT_ID)).filter((o) => o.applicationId === application?.id);
    expect(orders).toHaveLength(1);
    expect(told(chatId, accepted)).toHaveLength(1);
  }, 90_000);
});

/**
 * SIGKILL while payments settle (issue 20 item 10). The store holds 40 payments waiting for the gateway; the test
 * acts as the gateway and posts each signed success callback until it is acknowledged (a real gateway repeats its
 * callback until the merchant answers). The product — built-in ledger, receipts to Telegram through the local Bot
 * API server, paced as for the real one — is killed at random moments three times and restarted on the same store.
 * In the end every payment is credited once in the ledger, audited `payment.paid` once, and its chat got the receipt
 * exactly once (four payments per chat, so receipts wait behind Telegram's pace per chat); a receipt may only repeat when a kill came soon after it left (before its mark was written) and before the repeat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.ts';
import { paymentGateway } from '../../core/payments/index.ts';
import type { Payment } from '../../core/payments/model.ts';
import { postResult, testResultFields } from '../../core/payments/test-gateway/callback.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { CrashRun } from './harness.ts';

const PAYMENTS = 40;
const CHATS = 10;
const FIRST_CHAT = 9_200_001;
const SECRET_KEY = 'crash-test-secret-key-0123456789abcdef';
const ACCOUNT = '300000000001';
const dir = mkdtempSync(join(tmpdir(), 'kt-crash-pay-'));
let run: CrashRun | null = null;
let api: FakeTelegramApi | null = null;
let gatewayStopped = false;

afterAll(async () => {
  gatewayStopped = true;
  await run?.kill().catch(() => undefined);
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type SqliteStore = ReturnType<typeof openSqliteStore>;

async function withStore<T>(use: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dir);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** One subscriber with one account in good standing, and 40 payments to it, each asked for from its own chat. */
async function preparePayments(): Promise<Payment[]> {
  return withStore(async (store) => {
    const now = new Date();
    await store.subscribers.create({
      id: 'sub-pay', fullName: 'Нұрлан Әбенов', phone: '+77017654321', iin: '880202300456', category: 'individual',
      language: 'ru', notificationsMuted: false, createdAt: now,
    });
    await store.accounts.create({
      id: 'acc-pay', number: ACCOUNT, subscriberId: 'sub-pay', status: 'current', statusSince: now, billingMethod: 'advance',
      address: 'Астана, Мәңгілік Ел д-лы, 1', region: 'Астанателеком', planId: 'megaline-plus', services: ['megaline'],
      termContractUntil: null, openedAt: now, closedAt: null,
    });
    const payments: Payment[] = [];
    for (let i = 0; i < PAYMENTS; i += 1) {
      // Four payments from each chat: the receipts queue behind Telegram's pace of about one message a second per chat.
      const chat = await store.chats.touch('telegram', String(FIRST_CHAT + (i % CHATS)), now);
      await store.chats.setLanguage(chat.key, 'ru');
      const payment: Payment = {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, provider: 'test', accountId: 'acc-pay', accountNumber: ACCOUNT,
        subscriberId: 'sub-pay', chatKey: chat.key, language: 'ru', amountTiyn: 100_000 + i * 100, currency: 'KZT',
        description: 'Оплата по лицевому счёту', status: 'created', gatewayPaymentId: `TEST-${7_000_000 + i}`, url: null,
        failureReason: null, createdAt: now, updatedAt: now, paidAt: null, registeredAt: null,
      };
      await store.payments.create(payment);
      payments.push(payment);
    }
    return payments;
  });
}

/** The gateway: posts the callback until the merchant acknowledges it; the product may be down meanwhile. */
async function deliverCallback(url: string, payment: Payment, secret: string): Promise<void> {
  const fields = testResultFields(payment, true, `${url}/pay/result`, secret, new Date());
  while (!gatewayStopped) {
    try {
      const answer = await postResult(`${url}/pay/result`, fields);
      if (answer.httpStatus === 200 && answer.pgStatus === 'ok') return;
    } catch {
      // The product is down (killed): call again later, as a gateway does.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('SIGKILL while payment callbacks settle', () => {
  it('Should credit, audit and send the receipt of each payment once, across three crashes and restarts', async () => {
    const payments = await preparePayments();
    api = await new FakeTelegramApi().start();
    const told = new Map<string, number[]>();
    api.onCall = ({ method, payload }) => {
      if (method !== 'sendMessage' || !/Оплата получена/.test(String(payload.text))) return;
      // Told per payment: the receipt names the gateway's reference.
      const reference = /TEST-\d+/.exec(String(payload.text))?.[0] ?? 'none';
      const list = told.get(reference) ?? [];
      list.push(Date.now());
      told.set(reference, list);
    };
    run = await CrashRun.create({
      dir, seed: 20,
      env: { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SCHEDULER_INTERVAL_MS: '100', SECRET_KEY,
        // One gateway calling back fast (its own address is the only caller here): the route's limit is lifted.
        PAY_RESULT_PER_MINUTE: '100000' },
    });
    const secret = paymentGateway(testConfig({ SECRET_KEY }), () => '').callbackSecret;
    const crashRun = run;
    await run.start();
    const gateway = Promise.all(payments.map((p) => deliverCallback(crashRun.url, p, secret)));
    for (let crash = 0; crash < 3; crash += 1) {
      await run.killWithin(1_500);
      await run.start();
    }
    await gateway;
    const registered = (store: SqliteStore) => Promise.all(payments.map((p) => store.payments.get(p.id)));
    await run.until(async () => (await withStore(registered)).every((p) => p?.registeredAt), 'every payment registered', 60_000);
    // Receipts still on their way, and a sweep more: anything done twice would be done now.
    await run.until(async () => told.size >= PAYMENTS, 'a receipt for every payment', 20_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1_500));
    await run.stop();
    run = null;

    const state = await withStore(async (store) => {
      const ledger = await store.billing.listPayments('acc-pay');
      return Promise.all(payments.map(async (p) => ({
        reference: p.gatewayPaymentId!,
        credited: ledger.filter((e) => e.externalId === `test:${p.gatewayPaymentId}`).length,
        paidAudits: (await store.audit.list({ action: 'payment.paid', entity: 'payment', entityId: p.id, limit: 10 })).length,
      })));
    });
    for (const s of state) expect(s, `payment ${s.reference}`).toMatchObject({ credited: 1, paidAudits: 1 });
    for (const s of state) {
      const sends = told.get(s.reference) ?? [];
      expect(sends.length, `the receipt of ${s.reference}`).toBeGreaterThanOrEqual(1);
      if (sends.length > 1) expect(crashRun.repeatCausedByKill(sends), `${s.reference} sent ${sends.length} times`).toBe(true);
      expect(sends.length).toBeLessThanOrEqual(2);
    }
  }, 180_000);
});

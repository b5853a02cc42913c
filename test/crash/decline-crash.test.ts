/**
 * SIGKILL between the gateway's signed "declined" and the notice to the subscriber (issue 20 item 10). The product —
 * built-in ledger, notices to Telegram through the local Bot API server — settles the payment as declined and dies
 * the moment its notice goes to Telegram (it never arrives); restarted on the same store, the subscriber still hears
 * once that the payment did not go through, and nothing was credited.
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

const CHAT = 9_300_001;
const SECRET_KEY = 'crash-test-secret-key-0123456789abcdef';
const ACCOUNT = '300000000002';
const DECLINED = /Оплата .* по лицевому счёту № 300000000002 не прошла/;
const dir = mkdtempSync(join(tmpdir(), 'kt-crash-decline-'));
let run: CrashRun | null = null;
let api: FakeTelegramApi | null = null;

afterAll(async () => {
  await run?.kill().catch(() => undefined);
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function withStore<T>(use: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dir);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A subscriber's account and one payment waiting for the gateway, asked for from a Telegram chat. */
async function preparePayment(): Promise<Payment> {
  return withStore(async (store) => {
    const now = new Date();
    await store.subscribers.create({
      id: 'sub-decline', fullName: 'Сәуле Жанова', phone: '+77017650000', iin: '880202300457', category: 'individual',
      language: 'ru', notificationsMuted: false, createdAt: now,
    });
    await store.accounts.create({
      id: 'acc-decline', number: ACCOUNT, subscriberId: 'sub-decline', status: 'current', statusSince: now, billingMethod: 'advance',
      address: 'Астана, Мәңгілік Ел д-лы, 2', region: 'Астанателеком', planId: 'megaline-plus', services: ['megaline'],
      termContractUntil: null, openedAt: now, closedAt: null,
    });
    const chat = await store.chats.touch('telegram', String(CHAT), now);
    await store.chats.setLanguage(chat.key, 'ru');
    const payment: Payment = {
      id: '00000000-0000-4000-8000-00000000d001', provider: 'test', accountId: 'acc-decline', accountNumber: ACCOUNT,
      subscriberId: 'sub-decline', chatKey: chat.key, language: 'ru', amountTiyn: 250_000, currency: 'KZT',
      description: 'Оплата по лицевому счёту', status: 'created', gatewayPaymentId: 'TEST-8000001', url: null,
      failureReason: null, createdAt: now, updatedAt: now, paidAt: null, registeredAt: null,
    };
    await store.payments.create(payment);
    return payment;
  });
}

describe('SIGKILL between a declined payment and its notice', () => {
  it('Should tell the subscriber once that the payment did not go through, though the product died as the notice left', async () => {
    const payment = await preparePayment();
    api = await new FakeTelegramApi().start();
    run = await CrashRun.create({ dir, seed: 21, env: { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SCHEDULER_INTERVAL_MS: '100', SECRET_KEY } });
    const product = run;
    let killed: Promise<void> | null = null;
    api.beforeSend = (chat, text) => {
      if (chat !== String(CHAT) || !DECLINED.test(text)) return false;
      api!.beforeSend = null;
      killed = product.kill();
      return true;
    };
    await product.start();
    const secret = paymentGateway(testConfig({ SECRET_KEY }), () => '').callbackSecret;
    const fields = testResultFields(payment, false, `${product.url}/pay/result`, secret, new Date());
    // The product dies while answering: the gateway's call ends without an answer, or with one (settled before).
    await postResult(`${product.url}/pay/result`, fields).catch(() => undefined);
    await product.until(async () => killed !== null, 'the notice, and the kill', 20_000);
    await killed;
    await product.start();
    const told = () => api!.messagesTo(CHAT).filter((m) => DECLINED.test(m.text));
    await product.until(async () => told().length > 0, 'the subscriber told the payment did not go through', 20_000);
    await new Promise((r) => setTimeout(r, 1_500)); // sweeps more: a second notice would come now
    await product.stop();
    run = null;

    expect(told()).toHaveLength(1);
    const after = await withStore(async (store) => ({ payment: await store.payments.get(payment.id), ledger: await store.billing.listPayments('acc-decline') }));
    expect(after.payment?.status).toBe('declined');
    expect(after.ledger).toEqual([]);
  }, 90_000);
});

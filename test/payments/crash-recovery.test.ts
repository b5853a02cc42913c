/**
 * A real crash between billing and our own mark (issue 20 item 6): the product runs as `npm start` runs it, against
 * a local HTTP billing; the moment billing has registered the payment — before its answer reaches the product — the
 * product is killed with SIGKILL. After a restart on the same store the payment is finished exactly once: one
 * ledger entry, one `payment.paid`, one receipt in the chat — without any new callback, and also when the gateway
 * repeats its callback afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import type { BillingPort, PaymentInput } from '../../core/billing/port.ts';
import { testConfig } from '../../core/config/config.ts';
import { paymentGateway } from '../../core/payments/index.ts';
import { testResultFields } from '../../core/payments/test-gateway/callback.ts';
import { systemClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { startFakeBilling, type FakeBillingServer } from '../core/billing-server.ts';
import { ACCOUNTS, seedSubscriber, SUBSCRIBER_ID } from '../selfservice/fixtures.ts';
import { freePort, spawnProduct, waitFor200, type Spawned } from '../helpers/spawn-product.ts';

const SECRET_KEY = 'crash-test-secret-key-0123456789abcdef';
const TOKEN = 'billing-token';
const PAYMENT_ID = '5b0f6c1a-2d3e-4f50-8a61-7b8c9d0e1f23';
const CHAT = 'webchat:crash-test-chat';
const dir = mkdtempSync(join(tmpdir(), 'kt-crash-'));
const billingStore = openSqliteStore(':memory:');
let billingServer: FakeBillingServer;
let product: Spawned | null = null;
/** Set while the next registration should take the product down before billing answers. */
let killOnRegistration = true;

afterAll(async () => {
  product?.child.kill('SIGKILL');
  await billingServer?.close();
  await billingStore.close();
  rmSync(dir, { recursive: true, force: true });
});

async function prepareProductStore(): Promise<void> {
  const store = openSqliteStore(dir);
  await seedSubscriber(store);
  await store.chats.touch('webchat', 'crash-test-chat', new Date());
  await store.chats.setLanguage(CHAT, 'ru');
  const now = new Date();
  await store.payments.create({
    id: PAYMENT_ID, provider: 'test', accountId: `acc-${ACCOUNTS.current}`, accountNumber: ACCOUNTS.current, subscriberId: SUBSCRIBER_ID,
    chatKey: CHAT, language: 'ru', amountTiyn: 500_000, currency: 'KZT', description: 'Оплата по лицевому счёту', status: 'created',
    gatewayPaymentId: 'TEST-4815162342', url: null, failureReason: null, createdAt: now, updatedAt: now, paidAt: null, registeredAt: null,
  });
  await store.close();
}

async function readProductStore<T>(read: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dir);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

function start(port: number, billingUrl: string): Spawned {
  return spawnProduct({
    PORT: String(port), DATA_DIR: dir, DEMO_DATA: 'false', SECRET_KEY, ADMIN_PASSWORD: 'crash-admin-password',
    BILLING_PROVIDER: 'http', BILLING_URL: billingUrl, BILLING_TOKEN: TOKEN, SCHEDULER_INTERVAL_MS: '200',
  });
}

describe('a SIGKILL between registering a payment in billing and marking it registered', () => {
  it('Should finish the payment exactly once after a restart: one ledger entry, one payment.paid, one receipt', async () => {
    await seedSubscriber(billingStore);
    const ledger = new LedgerBilling(billingStore, systemClock);
    const crashing: BillingPort = Object.assign(Object.create(ledger) as BillingPort, {
      async registerPayment(input: PaymentInput) {
        const receipt = await ledger.registerPayment(input);
        if (killOnRegistration && product) {
          killOnRegistration = false;
          product.child.kill('SIGKILL');
          await product.exited;
        }
        return receipt;
      },
    });
    billingServer = await startFakeBilling(crashing, TOKEN);
    await prepareProductStore();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    product = start(port, billingServer.url);
    await waitFor200(`${url}/readyz`, 30_000);
    const secret = paymentGateway(testConfig({ SECRET_KEY }), () => '').callbackSecret;
    const payment = (await readProductStore((s) => s.payments.get(PAYMENT_ID)))!;
    const callback = testResultFields(payment, true, `${url}/pay/result`, secret, new Date());
    const post = () => fetch(`${url}/pay/result`, { method: 'POST', body: new URLSearchParams(callback) });
    await expect(post()).rejects.toThrow(); // the product died while billing was answering
    expect((await product.exited).signal).toBe('SIGKILL');

    // The state the crash left: billing has the money, we have "paid, not registered".
    expect(await billingStore.billing.listPayments(`acc-${ACCOUNTS.current}`)).toHaveLength(1);
    const crashed = await readProductStore((s) => s.payments.get(PAYMENT_ID));
    expect(crashed?.status).toBe('paid');
    expect(crashed?.registeredAt).toBeNull();

    product = start(port, billingServer.url);
    await waitFor200(`${url}/readyz`, 30_000);
    // No callback comes again (the test gateway never repeats; a real one gives up in the end): the sweep finishes it.
    const deadline = Date.now() + 20_000;
    while (!(await readProductStore((s) => s.payments.get(PAYMENT_ID)))?.registeredAt) {
      if (Date.now() > deadline) throw new Error(`the payment was never finished after the restart:\n${product.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // A gateway that does repeat its callback now, and a few more sweeps, repeat nothing.
    expect((await post()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 600));
    product.child.kill('SIGTERM');
    expect((await product.exited).code).toBe(0);
    product = null;

    expect(await billingStore.billing.listPayments(`acc-${ACCOUNTS.current}`)).toHaveLength(1);
    const { paid, receipts } = await readProductStore(async (s) => ({
      paid: await s.audit.list({ action: 'payment.paid', entity: 'payment', entityId: PAYMENT_ID, limit: 10 }),
      receipts: (await s.conversationMessages.listByChat(CHAT, { limit: 50 })).filter((m) => m.direction === 'out'),
    }));
    expect(paid).toHaveLength(1);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain(ACCOUNTS.current);
  }, 120_000);
});

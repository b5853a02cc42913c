/**
 * @module A payments set-up for tests: a real store with the fixture subscriber, the built-in ledger, the payments
 * module with the chosen gateway, and its routes served over loopback HTTP — so callbacks travel as they do in
 * production. With `freedompay`, a local Freedom Pay (freedompay-server.ts) plays the gateway.
 */
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import { testConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { createPayments, type PaymentService, type PaymentSettled } from '../../core/payments/index.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { closeServer, listen } from '../../core/server/lifecycle.ts';
import { openSqliteStore, type SqliteStore } from '../../core/store/sqlite/index.ts';
import { NOW, seedSubscriber } from '../selfservice/fixtures.ts';
import { startFakeFreedomPay, type FakeFreedomPay } from './freedompay-server.ts';

export const MERCHANT_ID = '552170';
export const MERCHANT_SECRET = 'fp-secret-key-for-tests';

export interface PaymentsHarness {
  url: string;
  store: SqliteStore;
  clock: ManualClock;
  billing: LedgerBilling;
  service: PaymentService;
  settled: PaymentSettled[];
  /** Structured log lines written while the harness ran. */
  logs: Array<Record<string, unknown>>;
  fake: FakeFreedomPay | null;
  close(): Promise<void>;
}

export async function startPaymentsHarness(provider: 'test' | 'freedompay', env: Record<string, string> = {}): Promise<PaymentsHarness> {
  const store = openSqliteStore(':memory:');
  await seedSubscriber(store);
  const clock = new ManualClock(NOW);
  const billing = new LedgerBilling(store, clock);
  const fake = provider === 'freedompay' ? await startFakeFreedomPay(MERCHANT_ID, MERCHANT_SECRET) : null;
  const config = testConfig({
    PAYMENT_PROVIDER: provider, SECRET_KEY: 'x'.repeat(40),
    ...env,
    ...(fake ? { FREEDOMPAY_MERCHANT_ID: MERCHANT_ID, FREEDOMPAY_SECRET_KEY: MERCHANT_SECRET, FREEDOMPAY_API_URL: fake.url, PUBLIC_URL: 'http://127.0.0.1' } : {}),
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk, _enc, done) { logs.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } });
  const logger = createLogger('info', sink);
  let url = '';
  const { service, routes } = createPayments({ config, store, billing, clock, logger, baseUrl: () => url, internalUrl: () => url });
  const app = new Hono();
  app.route('/', routes);
  const server = await listen(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settled: PaymentSettled[] = [];
  service.onSettled((event) => {
    settled.push(event);
  });
  return {
    url, store, clock, billing, service, settled, logs, fake,
    async close() {
      await closeServer(server, 100);
      await fake?.close();
      await store.close();
    },
  };
}

/**
 * @module Payments: a payment link for a personal account from the configured gateway (`PAYMENT_PROVIDER`: `test`,
 * the local TEST page, or `freedompay`), and settlement from the gateway's signed result callback into billing.
 * `createPayments` builds the use cases and the HTTP routes; main.ts mounts the routes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { BillingPort } from '../billing/port.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import { freedomPayGateway } from './freedompay/gateway.ts';
import type { PaymentGateway } from './port.ts';
import { paymentRoutes } from './routes.tsx';
import { PaymentService } from './service.ts';
import { testGateway } from './test-gateway/gateway.ts';
import { trustedProxies } from '../config/security.ts';
import { bodyLimits } from '../server/body-limit.ts';
import type { PaymentRepositories } from './repository.ts';

export type { Payment, PaymentStatus } from './model.ts';
export { PaymentService, type CreatePaymentInput, type PaymentSettled, type PaymentLimits } from './service.ts';
export { registerPaymentRecovery, finishInterruptedPayments } from './recovery.ts';

export interface PaymentsDeps {
  config: Config;
  store: PaymentRepositories;
  billing: BillingPort;
  clock: Clock;
  logger: Logger;
  /** Our public base URL: PUBLIC_URL, or where the server listens. Resolved when a payment is created. */
  baseUrl: () => string;
  /** Where the server answers from inside (the test gateway posts its callbacks there). */
  internalUrl: () => string;
}

/** The gateway `PAYMENT_PROVIDER` names. */
export function paymentGateway(config: Config, baseUrl: () => string): PaymentGateway {
  if (config.PAYMENT_PROVIDER === 'freedompay') {
    return freedomPayGateway({
      merchantId: config.FREEDOMPAY_MERCHANT_ID ?? '',
      secretKey: config.FREEDOMPAY_SECRET_KEY ?? '',
      apiUrl: config.FREEDOMPAY_API_URL,
      testingMode: config.FREEDOMPAY_TESTING_MODE,
    });
  }
  // The test gateway signs with a key of its own: derived from SECRET_KEY when set, else random for this process.
  const secret = config.SECRET_KEY
    ? createHmac('sha256', config.SECRET_KEY).update('payments:test-gateway').digest('hex')
    : randomBytes(32).toString('hex');
  return testGateway(secret, baseUrl);
}

/** Builds the payment use cases and their routes. */
export function createPayments(deps: PaymentsDeps): { service: PaymentService; routes: Hono; gateway: PaymentGateway } {
  const { config, store, billing, clock, logger, baseUrl, internalUrl } = deps;
  const gateway = paymentGateway(config, baseUrl);
  const log = logger.child({ module: 'payments' });
  const service = new PaymentService({
    store, billing, gateway, clock, logger: log, baseUrl,
    limits: { minTiyn: config.PAYMENT_MIN_AMOUNT * 100, maxTiyn: config.PAYMENT_MAX_AMOUNT * 100 },
  });
  const routes = paymentRoutes({
    service, gateway, clock, logger: log, internalUrl,
    callbackBodyBytes: bodyLimits(config).callback,
    resultsPerMinute: config.PAY_RESULT_PER_MINUTE,
    trustedProxies: trustedProxies(config.TRUSTED_PROXIES),
    secure: config.PUBLIC_URL?.startsWith('https://') ?? false,
  });
  return { service, gateway, routes };
}

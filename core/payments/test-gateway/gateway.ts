/**
 * @module The local test gateway (`PAYMENT_PROVIDER=test`, the default): instead of a bank's page, the payer gets
 * our own clearly marked TEST page (routes.tsx) with Confirm and Decline. Pressing one makes this "gateway" post a
 * Freedom Pay-style signed result callback to our `/pay/result` endpoint over HTTP — the very path a real gateway's
 * callback takes — so the whole settlement runs as in production. No money moves.
 */
import { randomInt } from 'node:crypto';
import type { Payment } from '../model.ts';
import type { CreatedAtGateway, GatewayUrls, PaymentGateway } from '../port.ts';

/** The test page of a payment, under our base URL. */
export const testPagePath = (paymentId: string): string => `/pay/test/${paymentId}`;

/** @param secret signs the test callbacks (derived from SECRET_KEY, or random per process). */
export function testGateway(secret: string, baseUrl: () => string): PaymentGateway {
  return {
    provider: 'test',
    callbackSecret: secret,
    async create(payment: Payment, _urls: GatewayUrls): Promise<CreatedAtGateway> {
      // Digits like a real pg_payment_id, prefixed so a test transaction is never mistaken for a real one.
      const gatewayPaymentId = `TEST-${randomInt(1_000_000_000, 9_999_999_999)}`;
      return { gatewayPaymentId, url: `${baseUrl().replace(/\/+$/, '')}${testPagePath(payment.id)}` };
    },
  };
}

/**
 * @module The payment gateway port. A gateway creates a payment page for one of our payment records; the money's
 * fate comes back later as a signed result callback to our `/pay/result` endpoint. Both adapters — the local test
 * gateway (`PAYMENT_PROVIDER=test`) and Freedom Pay (`freedompay`) — speak Freedom Pay's result protocol, so every
 * callback, real or test, goes through the same signature, amount, currency and idempotency checks.
 */
import type { Payment, PaymentProviderName } from './model.ts';

/** Where the gateway sends the result and the payer's browser afterwards. */
export interface GatewayUrls {
  resultUrl: string;
  successUrl: string;
  failureUrl: string;
}

export interface CreatedAtGateway {
  /** The gateway's transaction id (`pg_payment_id`). */
  gatewayPaymentId: string;
  /** The page the payer opens. */
  url: string;
}

export interface PaymentGateway {
  readonly provider: PaymentProviderName;
  /** The secret the gateway signs its result callbacks with. */
  readonly callbackSecret: string;
  /** Creates the payment at the gateway. Throws `PaymentGatewayError` when the gateway refuses or cannot be reached. */
  create(payment: Payment, urls: GatewayUrls): Promise<CreatedAtGateway>;
}

/** The gateway refused to create a payment or did not answer. The message is for the log, never for the subscriber. */
export class PaymentGatewayError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PaymentGatewayError';
  }
}

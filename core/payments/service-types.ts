/**
 * @module The payment service's input, options and event types: limits, the create-payment input, what listeners
 * hear when a payment settles, and the HTTP answer given to the gateway.
 */
import type { BillingPort, PaymentReceipt } from '../billing/port.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Language } from '../i18n/model.ts';
import type { Payment } from './model.ts';
import type { PaymentGateway } from './port.ts';
import type { PaymentRepositories } from './repository.ts';

export interface PaymentLimits {
  minTiyn: number;
  maxTiyn: number;
}

export interface CreatePaymentInput {
  accountNumber: string;
  amountTiyn: number;
  /** Shown on the gateway's page, in the subscriber's language. */
  description: string;
  chatKey: string | null;
  language: Language;
}

/** What listeners hear once per payment: paid (with billing's receipt) or declined by the gateway. */
export type PaymentSettled =
  | { kind: 'paid'; payment: Payment; receipt: PaymentReceipt }
  | { kind: 'declined'; payment: Payment };

export type PaymentListener = (event: PaymentSettled) => void | Promise<void>;

/** An HTTP answer to the gateway. */
export interface CallbackAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface PaymentServiceOptions {
  store: PaymentRepositories;
  billing: BillingPort;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  limits: PaymentLimits;
  /** Our public base URL (PUBLIC_URL or where the server listens), resolved when needed. */
  baseUrl: () => string;
}

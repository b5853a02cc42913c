/**
 * @module Payments as we record them: one record per payment link we create, with the amount and currency we asked
 * for, so a gateway callback can be checked against it (amount, currency, order, gateway id) and settled once.
 */
import type { Language } from '../i18n/model.ts';

export type PaymentProviderName = 'test' | 'freedompay';

/**
 * created — link issued, waiting for the gateway; paid — the gateway's signed callback confirmed the money;
 * declined — the gateway reported the payment failed or the payer declined; failed — the gateway refused to create it.
 */
export type PaymentStatus = 'created' | 'paid' | 'declined' | 'failed';

/** We only ever create payments in tenge. */
export const PAYMENT_CURRENCY = 'KZT';

export interface Payment {
  /** Our order id (Freedom Pay's `pg_order_id`). */
  id: string;
  provider: PaymentProviderName;
  accountId: string;
  accountNumber: string;
  subscriberId: string | null;
  /** The chat that asked for the link; the receipt goes there. */
  chatKey: string | null;
  language: Language;
  /** What we asked the gateway for, in tiyn. A callback with any other amount is rejected. */
  amountTiyn: number;
  currency: typeof PAYMENT_CURRENCY;
  description: string;
  status: PaymentStatus;
  /** The gateway's transaction id (`pg_payment_id`); unique per provider, so one gateway payment pays once. */
  gatewayPaymentId: string | null;
  /** The payment page the payer opens. */
  url: string | null;
  /** Why the gateway declined or failed, as it said (never shown raw to the subscriber). */
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the gateway confirmed the money. */
  paidAt: Date | null;
  /** When billing registered the money (cl. 20 allocation done); null while still to do. */
  registeredAt: Date | null;
}

/** What the gateway told us in its callback, after the signature was verified. */
export interface SettleOutcome {
  status: 'paid' | 'declined';
  gatewayPaymentId: string;
  at: Date;
  failureReason: string | null;
}

/** The answer of a conditional status change: the record as it is now, and whether this call changed it. */
export interface SettleResult {
  payment: Payment;
  changed: boolean;
}

/** @module The payments port. Both stores (SQLite, MongoDB) implement it. */
import type { Payment, PaymentProviderName, SettleOutcome, SettleResult } from './model.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';

export interface PaymentRepository {
  create(payment: Payment): Promise<void>;
  get(id: string): Promise<Payment | null>;
  findByGatewayId(provider: PaymentProviderName, gatewayPaymentId: string): Promise<Payment | null>;
  /** Records the gateway's transaction id and page URL of a payment still `created`. */
  attachGateway(id: string, gatewayPaymentId: string, url: string, at: Date): Promise<void>;
  /** `created` → `failed` (the gateway refused to create it); false if it was no longer `created`. */
  markFailed(id: string, reason: string, at: Date): Promise<boolean>;
  /**
   * Settles by the gateway's word, atomically: `created` → paid/declined, and `declined` → paid (a late success).
   * Never changes a paid payment, nor one bound to another gateway id; `changed` says whether this call did it.
   * Null when there is no such payment.
   */
  settle(id: string, outcome: SettleOutcome): Promise<SettleResult | null>;
  /** Marks a paid payment as registered in billing; true only for the first call. */
  markRegistered(id: string, at: Date): Promise<boolean>;
  /** Paid payments not yet marked registered in billing, oldest payment first (recovery after a crash). */
  listUnregistered(limit: number): Promise<Payment[]>;
  /**
   * Marks the notice of a payment's outcome as sent to the subscriber — a registered payment's receipt, or a declined
   * payment's notice (a late success after it owes the receipt again); true only for the first call.
   */
  markNotified(id: string, at: Date): Promise<boolean>;
  /** Declined payments whose notice was not marked sent, declined from `after` to `before` (inclusive), oldest first. */
  listDeclinedUnnotified(after: Date, before: Date, limit: number): Promise<Payment[]>;
  /** Registered payments whose receipt was not marked sent, registered at or before `registeredBefore`, oldest first. */
  listUnnotified(registeredBefore: Date, limit: number): Promise<Payment[]>;
  /** Newest first. */
  listByAccount(accountId: string, limit: number): Promise<Payment[]>;
}

/** The repositories payments work on. */
export interface PaymentRepositories {
  accounts: AccountRepository;
  audit: AuditRepository;
  payments: PaymentRepository;
}

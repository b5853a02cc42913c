/**
 * @module The billing port: everything the bot and the console ask of the operator's billing. Two adapters implement
 * it — the built-in ledger (`BILLING_PROVIDER=ledger`, core/billing/ledger/) and the operator's real billing over
 * HTTP (`BILLING_PROVIDER=http`, core/billing/http/, contract in core/billing/openapi.yaml).
 *
 * Conventions:
 * - Money is integer tiyn (1 ₸ = 100 tiyn); format it with `formatMoney` (core/billing/money.ts).
 * - Dates without a time (due dates, effective dates) are Almaty calendar dates `YYYY-MM-DD`.
 * - Expected refusals come back as `{ ok: false, reason, params }`, where `reason` is an i18n key in the `rules`
 *   namespace (e.g. `rules:deny.overdueDebt`) and `params` its interpolation values. Show them with
 *   `t(result.reason, result.params)`.
 * - A billing that cannot be reached throws `BillingLookupError` (core/errors.ts, reason `rules:billing.unavailable`).
 */
import type { AccountStatus } from '../accounts/status.ts';
import type { BillingMethod } from '../accounts/model.ts';
import type { CustomerCategory } from '../subscribers/model.ts';

/** An expected outcome: the value, or an i18n reason the subscriber can be told. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; params?: Record<string, string | number> };

// === Lookup

/** A personal account as the subscriber sees it in a list. */
export interface AccountSummary {
  /** 12-digit personal account number. */
  accountNumber: string;
  status: AccountStatus;
  billingMethod: BillingMethod;
  address: string;
  /** Current Megaline plan, if the account has Megaline. */
  planId: string | null;
  planName: string | null;
  /** Services on the account, e.g. ['megaline', 'phone']. */
  services: string[];
  /** End of a fixed-term contract (cl. 32(22)), if any, `YYYY-MM-DD`. */
  termContractUntil: string | null;
}

/** The subscriber behind a verified phone number, with every personal account. */
export interface BillingSubscriber {
  subscriberId: string;
  fullName: string;
  category: CustomerCategory;
  accounts: AccountSummary[];
}

// === Balance journey

export interface PaymentRecord {
  externalId: string;
  amountTiyn: number;
  paidAt: Date;
}

/** What the balance screen shows for one account, as of `asOf`. */
export interface Balance extends AccountSummary {
  asOf: Date;
  /** Unpaid charges whose due date has not passed (cl. 17). */
  currentDebtTiyn: number;
  /** Unpaid charges past their due date. */
  overdueDebtTiyn: number;
  /** Late penalty still unpaid: 0.75 %/day, at most 30 days per invoice (cl. 33(6)). */
  penaltyTiyn: number;
  /** Costs of collecting the debt, paid first (cl. 20). */
  collectionCostsTiyn: number;
  /** Money the operator owes the subscriber (overpayment / advance). */
  creditTiyn: number;
  /** collection costs + penalty + overdue + current − credit, never below 0: the amount to suggest, to the tiyn. */
  totalDueTiyn: number;
  /** Due date of the earliest unpaid invoice, or of the next invoice when nothing is unpaid; null when closed. */
  dueDate: string | null;
  /** Newest first, at most 5. */
  lastPayments: PaymentRecord[];
}

// === Payment journey

export interface PaymentInput {
  /** The payment gateway's id: registering the same id twice changes nothing and returns the first receipt. */
  externalId: string;
  accountNumber: string;
  /** Positive integer tiyn. */
  amountTiyn: number;
  paidAt: Date;
}

/** How one payment was split, in the contract's order (cl. 20). */
export interface Allocation {
  collectionCostsTiyn: number;
  penaltyTiyn: number;
  overdueTiyn: number;
  currentTiyn: number;
  /** The rest, kept as credit on the account. */
  creditTiyn: number;
}

export interface PaymentReceipt {
  externalId: string;
  accountNumber: string;
  amountTiyn: number;
  paidAt: Date;
  /** False when this external id had been registered before (nothing changed this time). */
  firstTime: boolean;
  allocation: Allocation;
  /** The account after the payment. */
  balance: Balance;
  /**
   * Set when this payment cleared an account disconnected for debt: access is restored within 3 hours
   * (`restoreBy`), up to 24 hours on a system failure (`latestBy`), cl. 31(13).
   */
  restoration: { restoreBy: Date; latestBy: Date } | null;
}

// === Plan change journey

/** A plan the account may or may not switch to, as the plan list shows it. */
export interface PlanOption {
  planId: string;
  name: string;
  downKbps: number;
  upKbps: number;
  /** Included incoming traffic per month in MB; null = not metered (Hit). */
  includedMb: number | null;
  monthlyFeeTiyn: number;
  connectionFeeTiyn: number;
  /** Prices are demo figures from seed 000, not the operator's current price list. */
  demoPrice: boolean;
  current: boolean;
  /** Null when the account may order it; otherwise why not (i18n key). */
  unavailableReason: string | null;
}

export interface PlanChangeQuote {
  accountNumber: string;
  fromPlanId: string | null;
  toPlanId: string;
  /** 'upgrade' = higher port speed (free); 'same_or_lower' = 10 % of the connection fee (seed 000 notes 3–4). */
  direction: 'upgrade' | 'same_or_lower';
  feeTiyn: number;
  /** Monthly fee before and after. */
  monthlyFeeFromTiyn: number;
  monthlyFeeToTiyn: number;
  /** `YYYY-MM-DD`: the 1st of the next billing month, or today for an upgrade when immediate upgrades are on. */
  effectiveDate: string;
  /** Set on a term contract when the new plan is cheaper: the compensation of cl. 32(22) may be charged. */
  termContractWarning: { until: string } | null;
  /** Stable id of exactly these terms; pass it to `orderPlanChange` (and store it with the signed application). */
  quoteId: string;
}

export interface PlanChangeOrderInput {
  accountNumber: string;
  toPlanId: string;
  /** From the quote the subscriber confirmed; the order is refused if the terms changed since. */
  quoteId: string;
  /** The signed application (one-time code) this order rests on (cl. 9(5)). */
  applicationId: string;
}

export interface PlanChangeOrder {
  orderId: string;
  quote: PlanChangeQuote;
  /** True when it already took effect (immediate upgrade); otherwise it applies on `quote.effectiveDate`. */
  applied: boolean;
}

// === Refusal journey

/** The ten reasons of the service-refusal form (App. 4), plus free text. */
export const REFUSAL_REASONS = [
  'low_service_quality',
  'low_customer_service',
  'subscriber_death',
  'force_majeure',
  'other_technology',
  'financial_difficulties',
  'tariff_dissatisfaction',
  'tenant_leaving',
  'moving_away',
  'reregistration',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface RefusalQuoteInput {
  accountNumber: string;
  /** Services to remove; all of the account's services = refusal of the whole contract. */
  services: string[];
  /** `YYYY-MM-DD`; defaults to today. Not in the past. */
  terminationDate?: string;
  /** The App. 4 reason, when known: the term-contract warning depends on it (cl. 33(18)). */
  reason?: RefusalReason;
}

/** What must be confirmed for a cl. 33(18) exception to waive the compensation: (2) a technical conclusion on a
 * quality complaint; (4) no technical possibility at the new address. */
export type TermContractCondition = 'technicalConclusion' | 'noTechnicalPossibility';

export interface EquipmentItem {
  type: string;
  model: string;
  serial: string;
  /** Cost stated in the acceptance act (App. 3), charged if not returned (cl. 32(10)). */
  costTiyn: number;
}

export interface RefusalQuote {
  accountNumber: string;
  services: string[];
  wholeContract: boolean;
  terminationDate: string;
  /** Debt to pay up to the termination date: unpaid invoices, penalty, collection costs and this month's charges so far (cl. 13, 32(14)). */
  debtToSettleTiyn: number;
  /** Operator equipment to return, due on the application day (cl. 32(10)). */
  equipmentToReturn: EquipmentItem[];
  equipmentReturnBy: string;
  /** Prepayment left after settling: refunded to a bank account within 10 working days, or offset (cl. 21(2)). */
  refund: {
    amountTiyn: number;
    bankTransferBy: string;
    /** The subscriber's other accounts with debt, to which the operator may move the prepayment. */
    offsetAccounts: Array<{ accountNumber: string; debtTiyn: number }>;
  } | null;
  /**
   * Term contract ending early: compensation of cl. 32(22) may apply. Null for the reasons cl. 33(18) exempts
   * outright; `waivedIf` names what must be confirmed for a conditional exception.
   */
  termContractWarning: { until: string; waivedIf?: TermContractCondition } | null;
  /** Charges found later, within one month after termination, remain payable (App. 4). */
  backBillingMonths: 1;
  quoteId: string;
}

export interface RefusalOrderInput {
  accountNumber: string;
  services: string[];
  terminationDate?: string;
  reason: RefusalReason;
  /** Required when reason is 'other'. */
  reasonText?: string;
  /** Where a prepayment goes: a bank account (IBAN) or an offset against the subscriber's other accounts. */
  refundTo?: { kind: 'bank'; iban: string } | { kind: 'offset' };
  quoteId: string;
  applicationId: string;
}

export interface RefusalOrder {
  orderId: string;
  quote: RefusalQuote;
}

// === The port

export interface BillingPort {
  /** The subscriber and all personal accounts on file for a verified number (E.164), or null. */
  findSubscriberByPhone(phone: string): Promise<BillingSubscriber | null>;

  /** Balance, debts, penalty, due date, status, plan, services and last payments. Null for an unknown account. */
  getBalance(accountNumber: string): Promise<Balance | null>;

  /**
   * Registers a payment idempotently by `externalId` and allocates it in the order of cl. 20.
   * Refused with a `rules:deny.*` reason when the account's status takes no payments (seed 001: closed, archive),
   * with `rules:payment.unknownAccount`, `rules:payment.invalidAmount`, or `rules:payment.externalIdConflict` when the
   * same external id arrives with another account or amount.
   */
  registerPayment(input: PaymentInput): Promise<Result<PaymentReceipt>>;

  /** The Megaline catalogue for this account: every plan, with whether it may be ordered and why not. */
  listPlans(accountNumber: string): Promise<Result<PlanOption[]>>;

  /** The terms of switching to `toPlanId`, or why it cannot be ordered (status, debt, category, same plan). */
  quotePlanChange(accountNumber: string, toPlanId: string): Promise<Result<PlanChangeQuote>>;

  /** Orders the change quoted by `quoteId`; `rules:plan.quoteChanged` when the terms are no longer the same. */
  orderPlanChange(input: PlanChangeOrderInput): Promise<Result<PlanChangeOrder>>;

  /** What refusing the services means: debt to settle, equipment to return, refund or offset, warnings. */
  quoteRefusal(input: RefusalQuoteInput): Promise<Result<RefusalQuote>>;

  /** Registers the refusal application (App. 4) signed by `applicationId`. */
  orderRefusal(input: RefusalOrderInput): Promise<Result<RefusalOrder>>;
}

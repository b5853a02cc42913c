/**
 * @module The ledger's aggregates as the store keeps them: plans, invoices, payments, equipment, traffic,
 * restorations after payment, plan-change and refusal orders, and the outage registry. Money in tiyn.
 */
import type { CustomerCategory } from '../subscribers/model.ts';
import type { RefusalReason } from './port.ts';

/** A Megaline plan (seed 000, table M). */
export interface Plan {
  id: string;
  name: string;
  downKbps: number;
  upKbps: number;
  /** Included incoming traffic per month; null = not metered. */
  includedMb: number | null;
  connectionFeeTiyn: number;
  monthlyFeeTiyn: number;
  /** Price of each further 10 MB; null when not metered. */
  overagePer10MbTiyn: number | null;
  /** Who may have it (seed 000 notes 1–2). */
  categories: CustomerCategory[];
  /** Fair-use throttling (Hit: above 7 GB → 32/32 kbit/s until the 1st of next month). */
  throttle: { aboveMb: number; downKbps: number; upKbps: number } | null;
  /** True for the figures of seed 000 (2005–2006), shown as demo prices. */
  demoPrice: boolean;
  sort: number;
}

/** monthly = the month's fixed fees; fee = a one-off charge (e.g. plan change); collection = costs of collecting debt. */
export type InvoiceKind = 'monthly' | 'fee' | 'collection';

export interface InvoiceLine {
  /** What the line is for: a plan id, a service name, or a fee kind. */
  item: string;
  amountTiyn: number;
}

export interface Invoice {
  /** Deterministic, so issuing twice is harmless: `monthly:<accountId>:<YYYY-MM>`, `fee:<orderId>`. */
  id: string;
  accountId: string;
  kind: InvoiceKind;
  /** The billing month the charge is for. */
  period: string;
  issuedAt: Date;
  /** Almaty date by which it must be paid (cl. 17: the 25th of the next month; advance: the 1st, cl. 21(1)). */
  dueDate: string;
  amountTiyn: number;
  lines: InvoiceLine[];
}

/** payment = money from the subscriber; adjustment = a credit from the operator (e.g. downtime recalculation);
 * transfer_out = prepayment refunded or moved to another account (negative amount). */
export type LedgerPaymentKind = 'payment' | 'adjustment' | 'transfer_out';

export interface LedgerPayment {
  id: string;
  /** Unique across the ledger: the gateway's payment id, or a deterministic id for adjustments. */
  externalId: string;
  accountId: string;
  kind: LedgerPaymentKind;
  /** Positive for money in, negative for money out. */
  amountTiyn: number;
  paidAt: Date;
  registeredAt: Date;
}

/** Operator equipment held by the subscriber (App. 3 act), to be returned on refusal (cl. 32(10)). */
export interface Equipment {
  id: string;
  accountId: string;
  type: string;
  model: string;
  serial: string;
  costTiyn: number;
  returnedAt: Date | null;
}

/** Access restoration owed after full payment of a disconnected account (cl. 31(13)). */
export interface Restoration {
  /** `restore:<accountId>:<paymentExternalId>` */
  id: string;
  accountId: string;
  paymentExternalId: string;
  paidInFullAt: Date;
  /** paidInFullAt + 3 h. */
  restoreBy: Date;
  /** paidInFullAt + 24 h (system failure extension). */
  latestBy: Date;
  restoredAt: Date | null;
  /** Set when still not restored at `restoreBy`. */
  flaggedAt: Date | null;
  /** Set when still not restored at `latestBy`. */
  breachedAt: Date | null;
}

export interface PlanChangeOrder {
  id: string;
  accountId: string;
  fromPlanId: string | null;
  toPlanId: string;
  feeTiyn: number;
  effectiveDate: string;
  quoteId: string;
  applicationId: string;
  orderedAt: Date;
  appliedAt: Date | null;
}

export interface RefusalOrder {
  id: string;
  accountId: string;
  services: string[];
  wholeContract: boolean;
  terminationDate: string;
  reason: RefusalReason;
  reasonText: string | null;
  refundTo: { kind: 'bank'; iban: string } | { kind: 'offset' } | null;
  debtTiyn: number;
  refundTiyn: number;
  quoteId: string;
  applicationId: string;
  orderedAt: Date;
  appliedAt: Date | null;
}

/** A planned work or a known accident affecting a region, optionally one street or building (address prefix). */
export interface Outage {
  id: string;
  kind: 'planned' | 'accident';
  region: string;
  /** Matches account addresses that start with it (case-insensitive); null = the whole region. */
  addressPrefix: string | null;
  services: string[];
  startsAt: Date;
  /** Expected end; null when unknown. */
  endsAt: Date | null;
  /** When subscribers were told (cl. 36(7): ≥ 3 working days ahead for planned works). */
  notifiedAt: Date | null;
  createdAt: Date;
}

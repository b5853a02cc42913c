/**
 * @module Refusal of services (partial) or of the whole contract: preconditions and what must happen — the debt up to
 * the termination date (cl. 13, 32(14), 34(6)), operator equipment returned (cl. 32(10)), a prepayment refunded to a
 * bank account within 10 working days or offset against the subscriber's other accounts (cl. 21(2)), the
 * term-contract compensation (cl. 32(22)), and charges found within a month after termination (App. 4).
 */
import type { AccountStatus } from '../accounts/status.ts';
import { checkOperation } from '../accounts/operations.ts';
import type { Equipment } from '../billing/model.ts';
import type { RefusalQuote, RefusalReason, Result, TermContractCondition } from '../billing/port.ts';
import { REFUSAL_REASONS } from '../billing/port.ts';
import { addWorkingDays, almatyDate, daysInMonth, type HolidayDates } from '../billing/calendar.ts';
import { roundHalfUp } from '../billing/money.ts';
import { quoteIdOf } from '../plans/quote.ts';

/** cl. 21(2): the refund reaches the bank account within 10 working days of termination. */
export const REFUND_WORKING_DAYS = 10;

/** Equipment that serves one service, returned when that service alone is refused. */
export const EQUIPMENT_SERVICE: Readonly<Record<string, string>> = { 'adsl-modem': 'megaline', router: 'megaline', 'ont': 'megaline', 'id-phone': 'phone' };

export interface RefusalContext {
  accountNumber: string;
  status: AccountStatus;
  accountServices: string[];
  /** Monthly fee of each service on the account, for the charge of the termination month so far. */
  serviceFeesTiyn: Record<string, number>;
  /** Whether the termination month's fees are charged afterwards (credit method) rather than in advance. */
  chargedInArrears: boolean;
  /** Unpaid collection costs + penalty + overdue + current debt today. */
  unpaidTiyn: number;
  creditTiyn: number;
  equipment: Equipment[];
  otherAccounts: Array<{ accountNumber: string; debtTiyn: number }>;
  termContractUntil: string | null;
  now: Date;
  /** Rest days of the business calendar, for the refund term (cl. 21(2)); Kazakhstan's holidays when not given. */
  holidays?: HolidayDates;
}

export interface RefusalRequest {
  services: string[];
  terminationDate?: string;
  /** The App. 4 reason, once given: the term-contract warning depends on it (cl. 33(18)). */
  reason?: RefusalReason;
}

/**
 * cl. 33(18): the reasons for which the operator "does not charge" the cl. 32(22) difference on leaving a term
 * contract early. `waived`: the reason itself is the exception — (1) death of the subscriber (documents go with the
 * back-office ticket), (5) re-registration to another person or account, (6) force majeure. A condition: the
 * exception holds only once it is confirmed — (2) a quality complaint "confirmed by the technical services'
 * conclusion", (4) no technical possibility at the new address. Any other reason: the warning stands.
 */
export const TERM_CONTRACT_EXCEPTIONS: Readonly<Partial<Record<RefusalReason, 'waived' | TermContractCondition>>> = {
  subscriber_death: 'waived',
  reregistration: 'waived',
  force_majeure: 'waived',
  low_service_quality: 'technicalConclusion',
  moving_away: 'noTechnicalPossibility',
};

/**
 * The term-contract warning for a refusal on `terminationDate` with `reason` (null when none applies).
 * @example termContractWarning('2026-12-31', '2026-04-10', 'force_majeure') // null
 */
export function termContractWarning(until: string | null, terminationDate: string, reason?: RefusalReason): RefusalQuote['termContractWarning'] {
  if (!until || until <= terminationDate) return null;
  const exception = reason ? TERM_CONTRACT_EXCEPTIONS[reason] : undefined;
  if (exception === 'waived') return null;
  return exception ? { until, waivedIf: exception } : { until };
}

/**
 * What refusing `services` on `terminationDate` means for this account, or why it cannot be refused.
 * @example an advance account with 3 000 ₸ credit refusing everything: no debt, refund 3 000 ₸ within 10 working days.
 */
export function quoteRefusal(ctx: RefusalContext, request: RefusalRequest): Result<RefusalQuote> {
  const services = [...new Set(request.services)];
  const wholeContract = services.length > 0 && ctx.accountServices.every((s) => services.includes(s));
  // Refusing everything is closing the account: the matrix's own row for it decides (seed 001 statuses 5–6).
  const allowed = checkOperation(ctx.status, wholeContract ? 'closeAccount' : 'refuseService');
  if (!allowed.ok) return { ok: false, reason: allowed.reason, params: { amountTiyn: ctx.unpaidTiyn } };
  if (services.length === 0) return { ok: false, reason: 'rules:refusal.noServices' };
  const unknown = services.find((s) => !ctx.accountServices.includes(s));
  if (unknown) return { ok: false, reason: 'rules:refusal.unknownService', params: { service: unknown } };
  const today = almatyDate(ctx.now);
  const terminationDate = request.terminationDate ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(terminationDate) || terminationDate < today) return { ok: false, reason: 'rules:refusal.dateInPast' };
  const monthToDate = ctx.chargedInArrears ? accruedUntil(services, ctx.serviceFeesTiyn, terminationDate) : 0;
  const gross = ctx.unpaidTiyn + monthToDate;
  const refundable = wholeContract ? Math.max(0, ctx.creditTiyn - gross) : 0;
  const equipment = ctx.equipment.filter((e) => !e.returnedAt && (wholeContract || services.includes(EQUIPMENT_SERVICE[e.type] ?? '')));
  const terms = {
    accountNumber: ctx.accountNumber,
    services,
    wholeContract,
    terminationDate,
    debtToSettleTiyn: Math.max(0, gross - ctx.creditTiyn),
    equipmentToReturn: equipment.map(({ type, model, serial, costTiyn }) => ({ type, model, serial, costTiyn })),
    equipmentReturnBy: terminationDate,
    refund: refundable > 0
      ? { amountTiyn: refundable, bankTransferBy: addWorkingDays(terminationDate, REFUND_WORKING_DAYS, ctx.holidays), offsetAccounts: ctx.otherAccounts.filter((a) => a.debtTiyn > 0) }
      : null,
    termContractWarning: wholeContract || services.includes('megaline') ? termContractWarning(ctx.termContractUntil, terminationDate, request.reason) : null,
    backBillingMonths: 1 as const,
  };
  return { ok: true, value: { ...terms, quoteId: quoteIdOf(terms) } };
}

/** Fees of `services` from the 1st of the termination month to the termination date inclusive, pro rata by days. */
export function accruedUntil(services: string[], fees: Record<string, number>, terminationDate: string): number {
  const days = Number(terminationDate.slice(8, 10));
  const total = daysInMonth(terminationDate.slice(0, 7));
  return services.reduce((sum, s) => sum + roundHalfUp((fees[s] ?? 0) * days, total), 0);
}

/** Kazakh IBAN: KZ, two check digits, 16 letters or digits. */
export const isKazakhIban = (iban: string): boolean => /^KZ\d{2}[A-Z0-9]{16}$/.test(iban.replace(/\s+/g, '').toUpperCase());

/** Checks the reason and the refund target of a refusal application. */
export function validateRefusalApplication(input: {
  reason: string;
  reasonText?: string;
  refundTo?: { kind: 'bank'; iban: string } | { kind: 'offset' };
}, quote: RefusalQuote): { ok: true; reason: RefusalReason } | { ok: false; reason: string } {
  if (!(REFUSAL_REASONS as readonly string[]).includes(input.reason)) return { ok: false, reason: 'rules:refusal.unknownReason' };
  if (input.reason === 'other' && !input.reasonText?.trim()) return { ok: false, reason: 'rules:refusal.reasonTextRequired' };
  if (quote.refund) {
    if (!input.refundTo) return { ok: false, reason: 'rules:refusal.refundTargetRequired' };
    if (input.refundTo.kind === 'bank' && !isKazakhIban(input.refundTo.iban)) return { ok: false, reason: 'rules:refusal.invalidIban' };
    if (input.refundTo.kind === 'offset' && quote.refund.offsetAccounts.length === 0) return { ok: false, reason: 'rules:refusal.nothingToOffset' };
  }
  return { ok: true, reason: input.reason as RefusalReason };
}

/**
 * @module The ledger arithmetic, as one pure replay of an account's history: invoices are issued, late days accrue
 * the penalty of cl. 33(6) (0.75 % of the unpaid amount per day, at most 30 days per invoice), and every payment is
 * split in the order of cl. 20 (collection costs → penalty → overdue debt → current debt), the rest kept as credit.
 * Because the state is derived from the history alone, a payment registered late or twice can never leave the
 * balance inconsistent: registering stores one entry, and reading replays.
 */
import type { Allocation } from '../port.ts';
import type { Invoice, LedgerPayment } from '../model.ts';
import { addDays, startOfDay } from '../calendar.ts';
import { roundHalfUp } from '../money.ts';

/** 0.75 % = 75 / 10 000: the penalty accrues in 1/10 000 tiyn and is rounded once per invoice. */
export const PENALTY_PER_DAY_BASIS_POINTS = 75;
const BASIS = 10_000;
/** cl. 33(6): no more than 30 days per overdue invoice. */
export const PENALTY_MAX_DAYS = 30;

export interface InvoiceState {
  invoice: Invoice;
  principalPaidTiyn: number;
  /** Accrued penalty in 1/10 000 tiyn. */
  penaltyAccrued: number;
  penaltyPaidTiyn: number;
  /** Late days counted so far (≤ 30). */
  lateDays: number;
}

export interface LedgerSnapshot {
  asOf: Date;
  invoices: InvoiceState[];
  creditTiyn: number;
  /** Split of each payment by its id. */
  allocations: Map<string, Allocation>;
}

/**
 * A time during which no penalty accrues on the invoices already late when it began: an instalment agreement kept
 * (seed 001 status 6; the debt it covers is rescheduled, not late). `to` null = still running. Epoch ms.
 */
export interface PenaltyPause {
  from: number;
  to: number | null;
}

/** The first instant an invoice is late: 00:00 Almaty of the day after its due date ("by the 25th" includes the 25th). */
export const lateFrom = (invoice: Invoice): Date => startOfDay(addDays(invoice.dueDate, 1));

const principalLeft = (s: InvoiceState): number => s.invoice.amountTiyn - s.principalPaidTiyn;
const penaltyLeft = (s: InvoiceState): number => roundHalfUp(s.penaltyAccrued, BASIS) - s.penaltyPaidTiyn;

type Event =
  | { at: number; order: 0; kind: 'issue'; state: InvoiceState }
  | { at: number; order: 1; kind: 'late-day'; state: InvoiceState }
  | { at: number; order: 2; kind: 'payment'; payment: LedgerPayment };

/**
 * Replays the account's invoices and payments up to `asOf`.
 * @example one 10 000 ₸ invoice due 25 March, unpaid: on 27 March the penalty is 2 × 75 ₸ = 150 ₸.
 */
export function replayLedger(invoices: Invoice[], payments: LedgerPayment[], asOf: Date, pauses: readonly PenaltyPause[] = []): LedgerSnapshot {
  const states = invoices.map((invoice): InvoiceState => ({ invoice, principalPaidTiyn: 0, penaltyAccrued: 0, penaltyPaidTiyn: 0, lateDays: 0 }));
  const events: Event[] = [];
  const end = asOf.getTime();
  for (const state of states) {
    if (state.invoice.issuedAt.getTime() > end) continue;
    events.push({ at: state.invoice.issuedAt.getTime(), order: 0, kind: 'issue', state });
    if (state.invoice.kind === 'collection') continue;
    const first = lateFrom(state.invoice).getTime();
    for (let day = 0; day < PENALTY_MAX_DAYS; day += 1) {
      const at = first + day * 86_400_000;
      if (at > end) break;
      if (pauses.some((p) => first <= p.from && at >= p.from && (p.to === null || at < p.to))) continue;
      events.push({ at, order: 1, kind: 'late-day', state });
    }
  }
  for (const payment of payments) {
    if (payment.paidAt.getTime() <= end) events.push({ at: payment.paidAt.getTime(), order: 2, kind: 'payment', payment });
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);

  const issued: InvoiceState[] = [];
  const allocations = new Map<string, Allocation>();
  let credit = 0;
  for (const event of events) {
    if (event.kind === 'issue') {
      issued.push(event.state);
      // An advance (credit) pays a new charge at once: that is how the advance method works (cl. 21(1)).
      const used = Math.min(credit, principalLeft(event.state));
      event.state.principalPaidTiyn += used;
      credit -= used;
    } else if (event.kind === 'late-day') {
      const left = principalLeft(event.state);
      if (left > 0) {
        event.state.penaltyAccrued += left * PENALTY_PER_DAY_BASIS_POINTS;
        event.state.lateDays += 1;
      }
    } else if (event.payment.amountTiyn < 0) {
      credit += event.payment.amountTiyn;
      allocations.set(event.payment.id, { collectionCostsTiyn: 0, penaltyTiyn: 0, overdueTiyn: 0, currentTiyn: 0, creditTiyn: event.payment.amountTiyn });
    } else {
      const split = allocate(issued, event.payment.amountTiyn, new Date(event.at));
      credit += split.creditTiyn;
      allocations.set(event.payment.id, split);
    }
  }
  return { asOf, invoices: issued, creditTiyn: credit, allocations };
}

/** Oldest due first, then oldest issued. */
const byDue = (a: InvoiceState, b: InvoiceState): number =>
  a.invoice.dueDate.localeCompare(b.invoice.dueDate) || a.invoice.issuedAt.getTime() - b.invoice.issuedAt.getTime();

/** Splits `amount` over the issued invoices at time `at`, in the order of cl. 20. Mutates the states. */
function allocate(issued: InvoiceState[], amount: number, at: Date): Allocation {
  const ordered = [...issued].sort(byDue);
  const isOverdue = (s: InvoiceState) => at.getTime() >= lateFrom(s.invoice).getTime();
  let left = amount;
  const take = (want: number): number => {
    const got = Math.min(left, Math.max(0, want));
    left -= got;
    return got;
  };
  const result: Allocation = { collectionCostsTiyn: 0, penaltyTiyn: 0, overdueTiyn: 0, currentTiyn: 0, creditTiyn: 0 };
  for (const s of ordered.filter((x) => x.invoice.kind === 'collection')) {
    const got = take(principalLeft(s));
    s.principalPaidTiyn += got;
    result.collectionCostsTiyn += got;
  }
  for (const s of ordered) {
    const got = take(penaltyLeft(s));
    s.penaltyPaidTiyn += got;
    result.penaltyTiyn += got;
  }
  for (const s of ordered.filter((x) => x.invoice.kind !== 'collection' && isOverdue(x))) {
    const got = take(principalLeft(s));
    s.principalPaidTiyn += got;
    result.overdueTiyn += got;
  }
  for (const s of ordered.filter((x) => x.invoice.kind !== 'collection' && !isOverdue(x))) {
    const got = take(principalLeft(s));
    s.principalPaidTiyn += got;
    result.currentTiyn += got;
  }
  result.creditTiyn = left;
  return result;
}

/** The money position of a snapshot, as the balance screen and the status rules need it. */
export interface LedgerTotals {
  currentDebtTiyn: number;
  overdueDebtTiyn: number;
  penaltyTiyn: number;
  collectionCostsTiyn: number;
  creditTiyn: number;
  /** collection + penalty + overdue + current − credit, not below 0. */
  totalDueTiyn: number;
  /** Due date of the oldest invoice with unpaid principal (collection costs excluded). */
  oldestUnpaidDueDate: string | null;
}

/** Sums a snapshot into the figures the subscriber sees. */
export function ledgerTotals(snapshot: LedgerSnapshot): LedgerTotals {
  const t: LedgerTotals = { currentDebtTiyn: 0, overdueDebtTiyn: 0, penaltyTiyn: 0, collectionCostsTiyn: 0, creditTiyn: snapshot.creditTiyn, totalDueTiyn: 0, oldestUnpaidDueDate: null };
  const now = snapshot.asOf.getTime();
  for (const s of [...snapshot.invoices].sort(byDue)) {
    const left = principalLeft(s);
    t.penaltyTiyn += penaltyLeft(s);
    if (s.invoice.kind === 'collection') {
      t.collectionCostsTiyn += left;
      continue;
    }
    if (left <= 0) continue;
    if (now >= lateFrom(s.invoice).getTime()) t.overdueDebtTiyn += left;
    else t.currentDebtTiyn += left;
    t.oldestUnpaidDueDate ??= s.invoice.dueDate;
  }
  t.totalDueTiyn = Math.max(0, t.collectionCostsTiyn + t.penaltyTiyn + t.overdueDebtTiyn + t.currentDebtTiyn - t.creditTiyn);
  return t;
}

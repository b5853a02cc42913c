/**
 * @module Monthly invoices (cl. 18, 31(10)): one per account and billing month. Credit method: the month's fees,
 * issued on the 1st of the next month and due by the 25th of it (cl. 17). Advance method: the month's fees charged
 * on its 1st against the deposit, due that day (cl. 21(1)). A month the account was open only in part is charged
 * pro rata by days.
 */
import type { BillingMethod, PersonalAccount } from '../accounts/model.ts';
import type { Invoice, InvoiceLine, Plan } from './model.ts';
import { addMonths, almatyDate, almatyMonth, daysBetween, daysInMonth, firstOfMonth, startOfMonth } from './calendar.ts';
import { roundHalfUp } from './money.ts';
import { SERVICE_MONTHLY_FEES } from '../plans/catalogue.ts';
import type { AccountStatus } from '../accounts/status.ts';

/**
 * When an advance-method charge is late. `seed` (default): seed 001 status 5 — "unpaid by the 25th day of the month
 * after the month of service", like the credit method; `charge-day`: the day it is charged against the deposit
 * (cl. 21(1)), so the account is overdue from the 2nd. The charge itself is made on the 1st either way (cl. 21(1)).
 * Config `ADVANCE_OVERDUE_RULE`.
 */
export type AdvanceOverdueRule = 'seed' | 'charge-day';
export const ADVANCE_OVERDUE_RULES = ['seed', 'charge-day'] as const;

/** The date after which a charge for service in `period` is late (seed 001 status 5; cl. 17 for the credit method). */
export function lateAfter(method: BillingMethod, period: string, rule: AdvanceOverdueRule = 'seed'): string {
  return method === 'advance' && rule === 'charge-day' ? firstOfMonth(period) : `${addMonths(period, 1)}-25`;
}

/** Statuses that are charged (seed 001: closed and disconnected accounts are not). */
export const CHARGED_STATUSES: readonly AccountStatus[] = ['new', 'current', 'overdue'];

/** The billing month whose invoice is issued in the month of `now`. */
export function invoicePeriodAt(method: BillingMethod, now: Date): string {
  const month = almatyMonth(now);
  return method === 'credit' ? addMonths(month, -1) : month;
}

/**
 * Issue time and due date of the invoice for `period`: credit — issued on the 1st of the next month, due by its 25th
 * (cl. 17); advance — charged on the period's own 1st (cl. 21(1)), late per `rule` (seed 001 status 5 by default).
 */
export function invoiceSchedule(method: BillingMethod, period: string, rule: AdvanceOverdueRule = 'seed'): { issuedAt: Date; dueDate: string } {
  if (method === 'advance') return { issuedAt: startOfMonth(period), dueDate: lateAfter(method, period, rule) };
  return { issuedAt: startOfMonth(addMonths(period, 1)), dueDate: lateAfter(method, period) };
}

/** The due date of the next invoice not yet issued at `now` (advance: the 1st the next month is charged, cl. 21(1)). */
export function nextDueDate(method: BillingMethod, now: Date): string {
  const month = almatyMonth(now);
  return method === 'credit' ? invoiceSchedule('credit', month).dueDate : firstOfMonth(addMonths(month, 1));
}

/**
 * The monthly invoice of `account` for `period`, or null when nothing is charged (opened after the month, or no
 * priced services). Its id is deterministic, so issuing it twice stores it once.
 */
export function monthlyInvoice(account: PersonalAccount, plan: Plan | null, period: string, rule: AdvanceOverdueRule = 'seed'): Invoice | null {
  const total = daysInMonth(period);
  const opened = almatyDate(account.openedAt);
  const first = firstOfMonth(period);
  const activeDays = opened <= first ? total : Math.max(0, total - daysBetween(first, opened));
  if (activeDays === 0) return null;
  const lines: InvoiceLine[] = [];
  for (const service of account.services) {
    const fee = service === 'megaline' ? plan?.monthlyFeeTiyn : SERVICE_MONTHLY_FEES[service];
    if (!fee) continue;
    lines.push({ item: service === 'megaline' && plan ? plan.id : service, amountTiyn: roundHalfUp(fee * activeDays, total) });
  }
  if (lines.length === 0) return null;
  const { issuedAt, dueDate } = invoiceSchedule(account.billingMethod, period, rule);
  return {
    id: `monthly:${account.id}:${period}`,
    accountId: account.id,
    kind: 'monthly',
    period,
    issuedAt,
    dueDate,
    amountTiyn: lines.reduce((sum, l) => sum + l.amountTiyn, 0),
    lines,
  };
}

/**
 * A one-off charge, due like the month's invoice: the 25th of next month (credit, and advance under seed 001), or at
 * once (advance with `ADVANCE_OVERDUE_RULE=charge-day`).
 */
export function feeInvoice(account: PersonalAccount, id: string, item: string, amountTiyn: number, now: Date, rule: AdvanceOverdueRule = 'seed'): Invoice {
  const month = almatyMonth(now);
  const chargeDay = account.billingMethod === 'advance' && rule === 'charge-day';
  return {
    id, accountId: account.id, kind: 'fee', period: month, issuedAt: now,
    dueDate: chargeDay ? almatyDate(now) : lateAfter(account.billingMethod, month),
    amountTiyn, lines: [{ item, amountTiyn }],
  };
}

/**
 * @module Orders are placed once per signed application (issue 20 item 10). A product that died after billing took an
 * order, or a sweep finishing an interrupted application, asks for the same order again: billing answers the order
 * already placed — the terms then ordered, applied or not — instead of quoting afresh (the terms may have changed
 * since, e.g. the plan already is the new one) or placing a second order. What placing an order does to the account
 * (the fee invoice with a fixed id, an immediate change) is repeatable, so a repeat also finishes a cut-short one.
 */
import type { Clock } from '../../ports/clock.ts';
import type { AccountRepository } from '../../accounts/repository.ts';
import type { BillingRepository } from '../repository.ts';
import { MEGALINE_PLANS, findPlan } from '../../plans/catalogue.ts';
import { almatyDate } from '../calendar.ts';
import { feeInvoice, type AdvanceOverdueRule } from '../invoicing.ts';
import type { PlanChangeOrder as StoredPlanChange, RefusalOrder as StoredRefusal } from '../model.ts';
import type { PlanChangeOrder, PlanChangeQuote, RefusalOrder, RefusalQuote } from '../port.ts';

type Ports = { accounts: AccountRepository; billing: BillingRepository };

/** The plan-change order this application already placed on the account, if any. */
export async function placedPlanChange(store: Ports, accountNumber: string, applicationId: string): Promise<StoredPlanChange | null> {
  const account = await store.accounts.findByNumber(accountNumber);
  if (!account) return null;
  return (await store.billing.listPlanChanges(account.id)).find((o) => o.applicationId === applicationId) ?? null;
}

/** The refusal order this application already placed on the account, if any. */
export async function placedRefusal(store: Ports, accountNumber: string, applicationId: string): Promise<StoredRefusal | null> {
  const account = await store.accounts.findByNumber(accountNumber);
  if (!account) return null;
  return (await store.billing.listRefusals(account.id)).find((o) => o.applicationId === applicationId) ?? null;
}

/**
 * Carries out a stored plan-change order (again): its fee invoice, and the change itself when it is due today.
 * `quote` stands in for the terms of an order stored before they were kept with it.
 */
export async function carryOutPlanChange(
  deps: { store: Ports; clock: Clock; advanceOverdueRule?: AdvanceOverdueRule }, order: StoredPlanChange, quote: PlanChangeQuote,
): Promise<PlanChangeOrder> {
  const { store, clock } = deps;
  const account = (await store.accounts.get(order.accountId))!;
  const now = clock.now();
  if (order.feeTiyn > 0) await store.billing.addInvoice(feeInvoice(account, `fee:${order.id}`, 'plan-change', order.feeTiyn, now, deps.advanceOverdueRule));
  let applied = order.appliedAt !== null;
  if (!applied && order.effectiveDate <= almatyDate(now)) {
    await store.accounts.setPlan(account.id, order.toPlanId);
    await store.billing.markPlanChangeApplied(order.id, now);
    applied = true;
  }
  return { orderId: order.id, quote: order.quote ?? quote, applied };
}

/** The terms of a plan change stored before its quote was kept with it, rebuilt from the order and the catalogue. */
export function placedQuote(order: StoredPlanChange, accountNumber: string): PlanChangeQuote {
  const fee = (id: string | null) => (id ? findPlan(MEGALINE_PLANS, id)?.monthlyFeeTiyn ?? 0 : 0);
  return order.quote ?? {
    accountNumber, fromPlanId: order.fromPlanId, toPlanId: order.toPlanId, direction: order.feeTiyn > 0 ? 'same_or_lower' : 'upgrade',
    feeTiyn: order.feeTiyn, monthlyFeeFromTiyn: fee(order.fromPlanId), monthlyFeeToTiyn: fee(order.toPlanId),
    effectiveDate: order.effectiveDate, termContractWarning: null, quoteId: order.quoteId,
  };
}

/** The answer for a stored refusal order (`quote`: the terms, for an order stored before they were kept with it). */
export function refusalAnswer(order: StoredRefusal, quote: RefusalQuote): RefusalOrder {
  return { orderId: order.id, quote: order.quote ?? quote };
}

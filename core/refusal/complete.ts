/**
 * @module Completing a refusal of the whole contract (cl. 13: terminated "on condition that" the debt up to the
 * termination date and the equipment are settled; seed 001 §6: then the account is closed). On the termination date
 * the services go and the month so far is charged; operator equipment not handed back by then is charged at its act
 * cost (cl. 32(10); seed 001 §6 closes with "not returned, with the equipment cost"). The account closes the moment
 * nothing is owed — that day, or later on the payment that settles it — and a prepayment left over is refunded to
 * the bank account or offset against the subscriber's other accounts (cl. 21(2)). Until then the debt ages like any
 * other (overdue, disconnected, doubtful: seed 001 statuses 5–7), so the account never rests without services and
 * without a status that says why.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import type { PersonalAccount } from '../accounts/model.ts';
import type { RefusalOrder } from '../billing/model.ts';
import { addDays, almatyDate } from '../billing/calendar.ts';
import { feeInvoice, type AdvanceOverdueRule } from '../billing/invoicing.ts';
import { readPosition } from '../billing/ledger/position.ts';
import { moveStatus } from '../accounts/move.ts';
import type { AccountStatus } from '../accounts/status.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { BillingRepository } from '../billing/repository.ts';

export interface CompletionDeps {
  store: { accounts: AccountRepository; billing: BillingRepository };
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Days after the termination date before equipment still not returned is charged (`EQUIPMENT_RETURN_GRACE_DAYS`, 0). */
  equipmentGraceDays?: number;
  advanceOverdueRule?: AdvanceOverdueRule;
}

/** Statuses from which seed 001 closes an account by decision (refusal of all services). */
const CLOSABLE: readonly AccountStatus[] = ['new', 'current'];

/** The applied whole-contract refusal this account is waiting to complete, if any. */
export async function pendingWholeRefusal(store: { billing: BillingRepository }, account: PersonalAccount): Promise<RefusalOrder | null> {
  if (account.services.length > 0 || account.closedAt) return null;
  return (await store.billing.listRefusals(account.id)).find((o) => o.wholeContract && o.appliedAt !== null) ?? null;
}

/**
 * Closes the account of an applied whole-contract refusal once its condition holds; true when it closed it.
 * Idempotent: the equipment charge has a fixed id, and a closed account is never closed again.
 * @example await completeWholeRefusal(deps, account, now) // true: closed (or closed with credit balance)
 */
export async function completeWholeRefusal(deps: CompletionDeps, account: PersonalAccount, now: Date): Promise<boolean> {
  const { store } = deps;
  const order = await pendingWholeRefusal(store, account);
  if (!order) return false;
  if (almatyDate(now) >= addDays(order.terminationDate, deps.equipmentGraceDays ?? 0)) {
    for (const item of await store.billing.listEquipment(account.id)) {
      if (item.returnedAt || item.costTiyn <= 0) continue;
      await store.billing.addInvoice(feeInvoice(account, `equipment:${order.id}:${item.id}`, `equipment:${item.type}`, item.costTiyn, now, deps.advanceOverdueRule));
    }
  }
  if (!CLOSABLE.includes(account.status)) return false; // Overdue or disconnected: the payment brings it back first.
  const t = (await readPosition(store, account, now)).totals;
  const owed = t.collectionCostsTiyn + t.penaltyTiyn + t.overdueDebtTiyn + t.currentDebtTiyn;
  if (owed > t.creditTiyn) return false;
  let credit = t.creditTiyn - owed;
  if (credit > 0 && order.refundTo?.kind === 'offset') {
    for (const other of await store.accounts.listBySubscriber(account.subscriberId)) {
      if (other.id === account.id || credit <= 0) continue;
      const moved = Math.min((await readPosition(store, other, now)).totals.totalDueTiyn, credit);
      if (moved <= 0) continue;
      await store.billing.addPayment({ id: randomUUID(), externalId: `offset:${order.id}:${other.id}`, accountId: other.id, kind: 'adjustment', amountTiyn: moved, paidAt: now, registeredAt: now });
      await store.billing.addPayment({ id: randomUUID(), externalId: `offset-out:${order.id}:${other.id}`, accountId: account.id, kind: 'transfer_out', amountTiyn: -moved, paidAt: now, registeredAt: now });
      credit -= moved;
    }
  }
  if (credit > 0 && order.refundTo?.kind === 'bank') {
    // cl. 21(2): to the bank account within 10 working days of termination; the ledger records it as paid out now.
    await store.billing.addPayment({ id: randomUUID(), externalId: `refund:${order.id}`, accountId: account.id, kind: 'transfer_out', amountTiyn: -credit, paidAt: now, registeredAt: now });
    credit = 0;
  }
  const to = credit > 0 ? 'closed_credit_balance' : 'closed';
  const moved = await moveStatus({ accounts: store.accounts, logger: deps.logger }, account, to, 'decision', now);
  if (moved.ok) deps.logger.info({ accountId: account.id, refusalId: order.id, to }, 'whole-contract refusal completed (cl. 13)');
  return moved.ok;
}

/** @module Reads one account's history from the store and replays it: the ledger's view of "where the account stands". */
import type { PersonalAccount } from '../../accounts/model.ts';
import type { AccountFacts } from '../../accounts/transitions.ts';
import type { Invoice, LedgerPayment } from '../model.ts';
import { ledgerTotals, replayLedger, type LedgerSnapshot, type LedgerTotals } from './replay.ts';
import type { BillingRepository } from '../repository.ts';
import type { InstalmentRepository } from '../../instalments/repository.ts';

export interface Position {
  invoices: Invoice[];
  payments: LedgerPayment[];
  snapshot: LedgerSnapshot;
  totals: LedgerTotals;
}

/** The account's invoices and payments replayed up to `at`. */
export async function readPosition(store: { billing: BillingRepository } & Partial<{ instalments: InstalmentRepository }>, account: PersonalAccount, at: Date): Promise<Position> {
  const [invoices, payments, agreements] = await Promise.all([
    store.billing.listInvoices(account.id), store.billing.listPayments(account.id), store.instalments?.listByAccount(account.id) ?? [],
  ]);
  // While an instalment agreement is kept, the debt it covers accrues no penalty (RULES.md, gaps).
  const pauses = agreements.filter((a) => a.concludedAt).map((a) => ({ from: a.concludedAt!.getTime(), to: a.status === 'broken' ? a.endedAt?.getTime() ?? null : null }));
  const snapshot = replayLedger(invoices, payments, at, pauses);
  return { invoices, payments, snapshot, totals: ledgerTotals(snapshot) };
}

/** What the status rules need from an account and its position. */
export function accountFacts(account: PersonalAccount, position: Position): AccountFacts {
  const t = position.totals;
  return {
    status: account.status,
    statusSince: account.statusSince,
    openedAt: account.openedAt,
    closedAt: account.closedAt,
    oldestUnpaidDueDate: t.oldestUnpaidDueDate,
    overdueTotalTiyn: t.overdueDebtTiyn + t.penaltyTiyn + t.collectionCostsTiyn,
    debtTotalTiyn: t.overdueDebtTiyn + t.penaltyTiyn + t.collectionCostsTiyn + t.currentDebtTiyn,
  };
}

/** @module Reads one account's history from the store and replays it: the ledger's view of "where the account stands". */
import type { Store } from '../../store/store.ts';
import type { PersonalAccount } from '../../store/types.ts';
import type { AccountFacts } from '../../accounts/transitions.ts';
import type { Invoice, LedgerPayment } from '../model.ts';
import { ledgerTotals, replayLedger, type LedgerSnapshot, type LedgerTotals } from './replay.ts';

export interface Position {
  invoices: Invoice[];
  payments: LedgerPayment[];
  snapshot: LedgerSnapshot;
  totals: LedgerTotals;
}

/** The account's invoices and payments replayed up to `at`. */
export async function readPosition(store: Pick<Store, 'billing'>, account: PersonalAccount, at: Date): Promise<Position> {
  const [invoices, payments] = await Promise.all([store.billing.listInvoices(account.id), store.billing.listPayments(account.id)]);
  const snapshot = replayLedger(invoices, payments, at);
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

/**
 * @module Test fixtures for the self-service journeys: one subscriber with accounts in the main statuses of seed 001
 * and the invoices that put them there, written into a real store through its repositories.
 * Clock: 2026-04-10 11:00 Almaty. The February invoice (due 2026-03-25, cl. 17) is 16 days late, so its penalty is
 * 0.75 % × 16 days (cl. 33(6)); the March invoice is due 2026-04-25 (current debt).
 */
import type { Store } from '../../core/store/store.ts';
import type { AccountStatus } from '../../core/accounts/status.ts';
import type { Invoice } from '../../core/billing/model.ts';

export const NOW = '2026-04-10T06:00:00Z';
export const PHONE = '+77011234567';
export const SUBSCRIBER_ID = 'sub-1';

export const ACCOUNTS = {
  current: '100000000001',
  overdue: '100000000002',
  disconnected: '100000000003',
  closed: '100000000004',
} as const;

/** Monthly fee of Megaline Plus + home phone in the catalogue: 6 240 ₸ + 440 ₸. */
export const MONTHLY_TIYN = 624_000 + 44_000;
/** Penalty on one unpaid February invoice on 2026-04-10: 0.75 % × 16 days, rounded half up once. */
export const FEBRUARY_PENALTY_TIYN = Math.floor((2 * MONTHLY_TIYN * 75 * 16 + 10_000) / (2 * 10_000));

const invoice = (accountId: string, period: string, dueDate: string, issuedAt: string): Invoice => ({
  id: `monthly:${accountId}:${period}`, accountId, kind: 'monthly', period, issuedAt: new Date(issuedAt), dueDate,
  amountTiyn: MONTHLY_TIYN, lines: [{ item: 'megaline-plus', amountTiyn: 624_000 }, { item: 'phone', amountTiyn: 44_000 }],
});

/** Creates the subscriber, four accounts and their invoices. */
export async function seedSubscriber(store: Store, options: { phone?: string; subscriberId?: string; prefix?: string } = {}): Promise<void> {
  const subscriberId = options.subscriberId ?? SUBSCRIBER_ID;
  const t0 = new Date('2025-01-10T06:00:00Z');
  await store.subscribers.create({
    id: subscriberId, fullName: 'Айгүл Серікқызы', phone: options.phone ?? PHONE, iin: '900101400123', category: 'individual',
    language: null, notificationsMuted: false, createdAt: t0,
  });
  const make = async (number: string, status: AccountStatus, invoices: Invoice[]) => {
    const id = `acc-${number}`;
    await store.accounts.create({
      id, number, subscriberId, status, statusSince: t0, billingMethod: 'credit', address: 'Алматы, Абай д-лы, 10',
      region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline', 'phone'], termContractUntil: null, openedAt: t0,
      closedAt: status === 'closed' ? new Date('2026-03-01T06:00:00Z') : null,
    });
    for (const inv of invoices) await store.billing.addInvoice({ ...inv, id: inv.id.replace('ACC', id), accountId: id });
  };
  const feb = invoice('ACC', '2026-02', '2026-03-25', '2026-03-01T00:00:00Z');
  const mar = invoice('ACC', '2026-03', '2026-04-25', '2026-04-01T00:00:00Z');
  const p = options.prefix ?? '';
  await make(`${p}${ACCOUNTS.current.slice(p.length)}`, 'current', [mar]);
  await make(`${p}${ACCOUNTS.overdue.slice(p.length)}`, 'overdue', [feb, mar]);
  await make(`${p}${ACCOUNTS.disconnected.slice(p.length)}`, 'disconnected', [feb, mar]);
  await make(`${p}${ACCOUNTS.closed.slice(p.length)}`, 'closed', []);
}

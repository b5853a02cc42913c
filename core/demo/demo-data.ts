/**
 * @module Demo data for an empty store (DEMO_DATA=true): the Megaline catalogue (demo prices of seed 000) and six
 * demo subscribers whose accounts cover the main statuses of seed 001, with invoices and payments so balances and
 * penalties are computed by the ledger, not typed in. Due dates are placed relative to the day the demo is loaded,
 * so every status holds whenever the product is first started.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { PersonalAccount } from '../accounts/model.ts';
import type { Subscriber } from '../subscribers/model.ts';
import type { AccountStatus } from '../accounts/status.ts';
import type { Invoice } from '../billing/model.ts';
import { addDays, addMonths, almatyDate, almatyMonth, startOfDay } from '../billing/calendar.ts';
import { monthlyInvoice } from '../billing/invoicing.ts';
import { tenge } from '../billing/money.ts';
import { MEGALINE_PLANS, findPlan } from '../plans/catalogue.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { BillingRepository, OutageRepository } from '../billing/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';

/** The table for the README: who to try each journey as. */
export const DEMO_SUBSCRIBERS: ReadonlyArray<{ name: string; phone: string; accountNumber: string; status: AccountStatus; plan: string; note: string }> = [
  { name: 'Айгүл Серікқызы', phone: '+77011234567', accountNumber: '100000000001', status: 'current', plan: 'Megaline Plus', note: 'term contract (cl. 32(22)); home phone too' },
  { name: 'Айгүл Серікқызы', phone: '+77011234567', accountNumber: '100000000002', status: 'new', plan: 'Megaline Optima', note: 'second account, opened this month, advance method' },
  { name: 'Ержан Болатұлы', phone: '+77021234567', accountNumber: '100000000003', status: 'overdue', plan: 'Megaline Hit', note: 'overdue 3 days, partial payment, Hit throttled (> 7 GB)' },
  { name: 'Динара Ахметова', phone: '+77051234567', accountNumber: '100000000004', status: 'disconnected', plan: 'Megaline Turbo', note: 'disconnected for debt; penalty capped at 30 days' },
  { name: 'Бауыржан Нұрланов', phone: '+77071234567', accountNumber: '100000000005', status: 'closed', plan: '—', note: 'individual entrepreneur; closed 10 days ago' },
  { name: 'Светлана Ким', phone: '+77081234567', accountNumber: '100000000006', status: 'current', plan: 'Megaline Start', note: 'advance with credit, leased modem, planned works at the address' },
];

const DAY = 86_400_000;

/**
 * Loads the catalogue and the demo subscribers into an empty store; does nothing when subscribers exist.
 * @returns whether anything was loaded.
 */
export async function loadDemoData(store: { accounts: AccountRepository; billing: BillingRepository; outages: OutageRepository; subscribers: SubscriberRepository }, clock: Clock): Promise<boolean> {
  if ((await store.subscribers.count()) > 0) return false;
  const now = clock.now();
  const today = almatyDate(now);
  const month = almatyMonth(now);
  const prev = addMonths(month, -1);
  const daysAgo = (n: number): Date => new Date(now.getTime() - n * DAY);
  for (const plan of MEGALINE_PLANS) await store.billing.upsertPlan(plan);

  const person = async (id: string, fullName: string, phone: string, category: Subscriber['category'], language: Subscriber['language']) => {
    await store.subscribers.create({ id, fullName, phone, iin: null, category, language, notificationsMuted: false, createdAt: daysAgo(800) });
  };
  const account = async (a: Partial<PersonalAccount> & Pick<PersonalAccount, 'id' | 'number' | 'subscriberId' | 'status'>): Promise<PersonalAccount> => {
    const full: PersonalAccount = {
      statusSince: daysAgo(400), billingMethod: 'credit', address: '', region: 'Алматытелеком', planId: null, services: [],
      termContractUntil: null, openedAt: daysAgo(700), closedAt: null, ...a,
    };
    await store.accounts.create(full);
    return full;
  };
  const invoice = (acc: PersonalAccount, period: string, over: Partial<Invoice> = {}): Invoice => {
    const base = monthlyInvoice(acc, findPlan(MEGALINE_PLANS, acc.planId), period)!;
    return { ...base, ...over };
  };
  const pay = async (acc: PersonalAccount, amountTiyn: number, paidAt: Date) => {
    await store.billing.addPayment({ id: randomUUID(), externalId: `demo:${randomUUID()}`, accountId: acc.id, kind: 'payment', amountTiyn, paidAt, registeredAt: paidAt });
  };

  // 1. Current, credit method, term contract, two services; every invoice paid on time.
  await person('demo-aigul', 'Айгүл Серікқызы', '+77011234567', 'individual', 'kk');
  const a1 = await account({
    id: 'demo-acc-1', number: '100000000001', subscriberId: 'demo-aigul', status: 'current', address: 'Алматы, Абай даңғылы, 10, 25',
    planId: 'megaline-plus', services: ['megaline', 'phone'], termContractUntil: startOfDay(addDays(today, 240)),
  });
  for (const period of [addMonths(month, -3), addMonths(month, -2), prev]) {
    const inv = invoice(a1, period);
    await store.billing.addInvoice(inv);
    // Paid five days before the due date, or just now when that day is still ahead (a payment before the invoice is
    // an advance, applied when the invoice is issued).
    await pay(a1, inv.amountTiyn, new Date(Math.min(startOfDay(addDays(inv.dueDate, -5)).getTime(), now.getTime() - 60_000)));
  }

  // 2. New: the same person's second account, opened this month at another address, advance method.
  const opened = startOfDay(`${month}-01`);
  const a2 = await account({
    id: 'demo-acc-2', number: '100000000002', subscriberId: 'demo-aigul', status: 'new', statusSince: opened, openedAt: opened,
    billingMethod: 'advance', address: 'Астана, Қабанбай батыр даңғылы, 5, 12', region: 'Астанателеком', planId: 'megaline-optima', services: ['megaline'],
  });
  await pay(a2, tenge(8000), opened);
  await store.billing.addInvoice(invoice(a2, month));

  // 3. Overdue: last month's Hit invoice due 3 days ago, a partial payment yesterday; over 7 GB used this month.
  await person('demo-yerzhan', 'Ержан Болатұлы', '+77021234567', 'individual', 'ru');
  const a3 = await account({
    id: 'demo-acc-3', number: '100000000003', subscriberId: 'demo-yerzhan', status: 'overdue', statusSince: startOfDay(addDays(today, -2)),
    address: 'Алматы, Төле би көшесі, 120, 7', planId: 'megaline-hit', services: ['megaline'],
  });
  await store.billing.addInvoice(invoice(a3, prev, { issuedAt: startOfDay(addDays(today, -20)), dueDate: addDays(today, -3) }));
  await pay(a3, tenge(2000), daysAgo(1));
  await store.billing.setTraffic(a3.id, month, 7400);

  // 4. Disconnected for debt: two unpaid invoices, the older over 30 days late (its penalty no longer grows).
  await person('demo-dinara', 'Динара Ахметова', '+77051234567', 'individual', 'ru');
  const a4 = await account({
    id: 'demo-acc-4', number: '100000000004', subscriberId: 'demo-dinara', status: 'disconnected', statusSince: startOfDay(addDays(today, -28)),
    address: 'Шымкент, Тәуке хан даңғылы, 40, 3', region: 'Шымкенттелеком', planId: 'megaline-turbo', services: ['megaline'],
  });
  await store.billing.addInvoice(invoice(a4, addMonths(month, -3), { issuedAt: startOfDay(addDays(today, -65)), dueDate: addDays(today, -40) }));
  await store.billing.addInvoice(invoice(a4, addMonths(month, -2), { issuedAt: startOfDay(addDays(today, -35)), dueDate: addDays(today, -10) }));

  // 5. Closed ten days ago, nothing owed (an individual entrepreneur).
  await person('demo-baurzhan', 'Бауыржан Нұрланов', '+77071234567', 'entrepreneur', 'kk');
  await account({
    id: 'demo-acc-5', number: '100000000005', subscriberId: 'demo-baurzhan', status: 'closed', statusSince: daysAgo(10), closedAt: daysAgo(10),
    address: 'Қарағанды, Бұқар жырау даңғылы, 33, 1', region: 'Қарағандытелеком',
  });

  // 6. Current on the advance method with money left on the account and a leased modem; planned works at the building.
  await person('demo-svetlana', 'Светлана Ким', '+77081234567', 'individual', 'ru');
  const a6 = await account({
    id: 'demo-acc-6', number: '100000000006', subscriberId: 'demo-svetlana', status: 'current', billingMethod: 'advance',
    address: 'Алматы, Сатпаев көшесі, 90, 14', planId: 'megaline-start', services: ['megaline'],
  });
  await pay(a6, tenge(12000), startOfDay(addDays(`${prev}-01`, -1)));
  await store.billing.addInvoice(invoice(a6, prev));
  await store.billing.addInvoice(invoice(a6, month));
  await store.billing.addEquipment({ id: 'demo-eq-1', accountId: a6.id, type: 'adsl-modem', model: 'ZTE ZXHN H108N', serial: 'ZTE0A1B2C3', costTiyn: tenge(9500), returnedAt: null });
  await store.outages.add({
    id: 'demo-outage-1', kind: 'planned', region: 'Алматытелеком', addressPrefix: 'Алматы, Сатпаев көшесі, 90', services: ['megaline'],
    startsAt: daysAgo(0.1), endsAt: new Date(now.getTime() + 4 * 3_600_000), notifiedAt: daysAgo(5), createdAt: daysAgo(5),
  });
  return true;
}

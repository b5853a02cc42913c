/**
 * Signed applications turned into orders (cl. 3, 9(5): a correct fresh code is a written application): the order is
 * built from what was signed, only for an account of whoever signed, and a refusal or instalment request opens a
 * back-office ticket. Real store, real ledger, real tickets.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import { testConfig } from '../../core/config/config.ts';
import { EventBus } from '../../core/events.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { orderSignedPlanChange, orderSignedRefusal, requestInstalment, type OrderDeps } from '../../core/selfservice/orders.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Application } from '../../core/applications/model.ts';
import type { Store } from '../../core/store/store.ts';
import { createTickets } from '../../core/tickets/index.ts';
import { ACCOUNTS, NOW, SUBSCRIBER_ID, seedSubscriber } from './fixtures.ts';

let store: Store;
let deps: OrderDeps;
let billing: LedgerBilling;

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await seedSubscriber(store);
  await seedSubscriber(store, { phone: '+77017777777', subscriberId: 'sub-other', prefix: '2' });
  const clock = new ManualClock(NOW);
  billing = new LedgerBilling(store, clock);
  const scheduler = new Scheduler({ store, clock, logger: silentLogger });
  const tickets = createTickets({ store, clock, config: testConfig(), logger: silentLogger, events: new EventBus(silentLogger), scheduler });
  deps = { store, billing, logger: silentLogger, openTicket: tickets.register };
});

const application = (over: Partial<Application>): Application => ({
  id: 'app-1', subscriberId: SUBSCRIBER_ID, phone: '+77011234567', channel: 'telegram', chatKey: 'telegram:1', kind: 'plan_change',
  quote: 'Смена тарифа…', payload: {}, challengeId: 'ch-1', signedAt: new Date(NOW), ...over,
});

describe('cl. 9(5): plan change from a signed application', () => {
  it('Should order exactly the signed plan and terms', async () => {
    const quote = await billing.quotePlanChange(ACCOUNTS.current, 'megaline-turbo');
    if (!quote.ok) throw new Error(quote.reason);
    const order = await orderSignedPlanChange(deps, application({ payload: { accountNumber: ACCOUNTS.current, toPlanId: 'megaline-turbo', quoteId: quote.value.quoteId } }));
    expect(order.ok && order.value.quote.toPlanId).toBe('megaline-turbo');
    expect((await store.billing.listPlanChanges(`acc-${ACCOUNTS.current}`))[0]?.applicationId).toBe('app-1');
  });

  it('Should refuse an account of another subscriber, a wrong kind, or a quote whose terms changed', async () => {
    const other = `2${ACCOUNTS.current.slice(1)}`;
    expect(await orderSignedPlanChange(deps, application({ payload: { accountNumber: other, toPlanId: 'megaline-turbo', quoteId: 'x' } })))
      .toEqual({ ok: false, reason: 'selfservice:error.notYourAccount' });
    expect(await orderSignedPlanChange(deps, application({ kind: 'refusal', payload: { accountNumber: ACCOUNTS.current } })))
      .toEqual({ ok: false, reason: 'selfservice:error.wrongApplication' });
    expect(await orderSignedPlanChange(deps, application({ payload: { accountNumber: ACCOUNTS.current, toPlanId: 'megaline-turbo', quoteId: 'stale' } })))
      .toEqual({ ok: false, reason: 'rules:plan.quoteChanged' });
  });
});

describe('App. 4: refusal from a signed application', () => {
  it('Should register the refusal and open a back-office ticket carrying the signed text', async () => {
    const quote = await billing.quoteRefusal({ accountNumber: ACCOUNTS.current, services: ['phone'] });
    if (!quote.ok) throw new Error(quote.reason);
    const done = await orderSignedRefusal(deps, application({
      kind: 'refusal', quote: 'Отказ от услуг: Домашний телефон',
      payload: { accountNumber: ACCOUNTS.current, services: ['phone'], reason: 'other', reasonText: 'Не нужен', quoteId: quote.value.quoteId },
    }));
    if (!done.ok) throw new Error(done.reason);
    expect(done.value.ticket).toMatchObject({ type: 'reference', topic: 'refusal', service: 'phone', accountId: `acc-${ACCOUNTS.current}` });
    expect(done.value.ticket.comment).toContain('Отказ от услуг: Домашний телефон');
    expect((await store.billing.listRefusals(`acc-${ACCOUNTS.current}`))[0]?.applicationId).toBe('app-1');
  });

  it('Should refuse a payload without a valid reason', async () => {
    expect(await orderSignedRefusal(deps, application({ kind: 'refusal', payload: { accountNumber: ACCOUNTS.current, services: ['phone'], reason: 'bored', quoteId: 'q' } })))
      .toEqual({ ok: false, reason: 'selfservice:error.wrongApplication' });
  });
});

describe('cl. 12 para 3: instalment request from a signed application', () => {
  it('Should open a back-office ticket for the overdue account', async () => {
    const done = await requestInstalment(deps, application({ kind: 'instalment', quote: 'Заявка на рассрочку', payload: { accountNumber: ACCOUNTS.overdue } }));
    expect(done.ok && done.value.ticket).toMatchObject({ topic: 'instalment', accountId: `acc-${ACCOUNTS.overdue}`, subscriberId: SUBSCRIBER_ID });
  });
});

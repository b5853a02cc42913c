/** @module Store contract: the billing ledger (plans, invoices, payments, equipment, traffic, restorations, orders) and outages. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import type { Invoice, LedgerPayment, Outage, PlanChangeOrder, RefusalOrder } from '../../core/billing/model.ts';
import { MEGALINE_PLANS } from '../../core/plans/catalogue.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const anInvoice = (over: Partial<Invoice> = {}): Invoice => ({
  id: 'monthly:acc-1:2026-02', accountId: 'acc-1', kind: 'monthly', period: '2026-02', issuedAt: new Date('2026-02-28T19:00:00Z'),
  dueDate: '2026-03-25', amountTiyn: 624_000, lines: [{ item: 'megaline-plus', amountTiyn: 624_000 }], ...over,
});
const aPayment = (over: Partial<LedgerPayment> = {}): LedgerPayment => ({
  id: 'p-1', externalId: 'gw-1', accountId: 'acc-1', kind: 'payment', amountTiyn: 100_000, paidAt: t0, registeredAt: t0, ...over,
});

export function billingContract(open: () => Promise<Store>): void {
  describe('billing ledger', () => {
    it('Should keep the plan catalogue in its order and update a plan in place', async () => {
      const s = await open();
      for (const p of [...MEGALINE_PLANS].reverse()) await s.billing.upsertPlan(p);
      await s.billing.upsertPlan({ ...MEGALINE_PLANS[0]!, monthlyFeeTiyn: 1 });
      const plans = await s.billing.listPlans();
      expect(plans.map((p) => p.id)).toEqual(MEGALINE_PLANS.map((p) => p.id));
      expect(plans[0]?.monthlyFeeTiyn).toBe(1);
      expect(plans[4]?.throttle).toEqual({ aboveMb: 7000, downKbps: 32, upKbps: 32 });
    });

    it('Should list a plan changed after the catalogue was read, whatever a caller did with the list it was given', async () => {
      const s = await open();
      for (const p of MEGALINE_PLANS) await s.billing.upsertPlan(p);
      const first = await s.billing.listPlans();
      first.reverse();
      expect((await s.billing.listPlans()).map((p) => p.id)).toEqual(MEGALINE_PLANS.map((p) => p.id));
      await s.billing.upsertPlan({ ...MEGALINE_PLANS[1]!, name: 'Megaline Новый' });
      const again = await s.billing.listPlans();
      expect(again[1]?.name).toBe('Megaline Новый');
      expect(again.map((p) => p.id)).toEqual(MEGALINE_PLANS.map((p) => p.id));
    });

    it('Should store an invoice once per id and list an account\'s invoices oldest first', async () => {
      const s = await open();
      expect(await s.billing.addInvoice(anInvoice({ id: 'b', issuedAt: later(10) }))).toBe(true);
      expect(await s.billing.addInvoice(anInvoice({ id: 'a' }))).toBe(true);
      expect(await s.billing.addInvoice(anInvoice({ id: 'a', amountTiyn: 1 }))).toBe(false);
      await s.billing.addInvoice(anInvoice({ id: 'other', accountId: 'acc-2' }));
      const list = await s.billing.listInvoices('acc-1');
      expect(list.map((i) => i.id)).toEqual(['a', 'b']);
      expect(list[0]).toEqual(anInvoice({ id: 'a' }));
    });

    it('Should register a payment once per external id and return the stored one on every repeat', async () => {
      const s = await open();
      expect(await s.billing.addPayment(aPayment())).toEqual({ created: true, payment: aPayment() });
      const repeat = await s.billing.addPayment(aPayment({ id: 'p-2', amountTiyn: 5 }));
      expect(repeat).toEqual({ created: false, payment: aPayment() });
      await s.billing.addPayment(aPayment({ id: 'p-0', externalId: 'gw-0', paidAt: later(-60) }));
      await s.billing.addPayment(aPayment({ id: 'p-3', externalId: 'gw-3', kind: 'transfer_out', amountTiyn: -50, paidAt: later(60) }));
      expect((await s.billing.listPayments('acc-1')).map((p) => [p.externalId, p.amountTiyn])).toEqual([['gw-0', 100_000], ['gw-1', 100_000], ['gw-3', -50]]);
    });

    it('Should keep equipment and monthly traffic per account', async () => {
      const s = await open();
      await s.billing.addEquipment({ id: 'e1', accountId: 'acc-1', type: 'adsl-modem', model: 'ZTE', serial: 'S1', costTiyn: 950_000, returnedAt: null });
      expect(await s.billing.listEquipment('acc-1')).toEqual([{ id: 'e1', accountId: 'acc-1', type: 'adsl-modem', model: 'ZTE', serial: 'S1', costTiyn: 950_000, returnedAt: null }]);
      expect(await s.billing.getTraffic('acc-1', '2026-03')).toBe(0);
      await s.billing.setTraffic('acc-1', '2026-03', 6900);
      await s.billing.setTraffic('acc-1', '2026-03', 7100);
      expect(await s.billing.getTraffic('acc-1', '2026-03')).toBe(7100);
    });

    it('Should track a restoration and set each time stamp only once', async () => {
      const s = await open();
      const r = { id: 'restore:acc-1:gw-1', accountId: 'acc-1', paymentExternalId: 'gw-1', paidInFullAt: t0, restoreBy: later(180), latestBy: later(1440), restoredAt: null, flaggedAt: null, breachedAt: null };
      expect(await s.billing.addRestoration(r)).toBe(true);
      expect(await s.billing.addRestoration(r)).toBe(false);
      expect((await s.billing.listOpenRestorations()).map((x) => x.id)).toEqual([r.id]);
      expect(await s.billing.markRestoration(r.id, 'flaggedAt', later(181))).toBe(true);
      expect(await s.billing.markRestoration(r.id, 'flaggedAt', later(200))).toBe(false);
      expect(await s.billing.markRestoration(r.id, 'restoredAt', later(190))).toBe(true);
      expect(await s.billing.getRestoration(r.id)).toEqual({ ...r, flaggedAt: later(181), restoredAt: later(190) });
      expect(await s.billing.listOpenRestorations('acc-1')).toEqual([]);
    });

    it('Should list plan changes due by a date and apply each only once', async () => {
      const s = await open();
      const order: PlanChangeOrder = { id: 'o1', accountId: 'acc-1', fromPlanId: 'megaline-turbo', toPlanId: 'megaline-start', feeTiyn: 72_450, effectiveDate: '2026-04-01', quoteId: 'q', applicationId: 'app', orderedAt: t0, appliedAt: null };
      await s.billing.addPlanChange(order);
      await s.billing.addPlanChange({ ...order, id: 'o2', applicationId: 'app-2', effectiveDate: '2026-05-01', orderedAt: later(1) });
      expect(await s.billing.listDuePlanChanges('2026-03-31', 10)).toEqual([]);
      expect((await s.billing.listDuePlanChanges('2026-04-01', 10)).map((o) => o.id)).toEqual(['o1']);
      expect(await s.billing.markPlanChangeApplied('o1', later(5))).toBe(true);
      expect(await s.billing.markPlanChangeApplied('o1', later(6))).toBe(false);
      expect(await s.billing.listDuePlanChanges('2026-04-01', 10)).toEqual([]);
      expect(await s.billing.listPlanChanges('acc-1')).toEqual([{ ...order, id: 'o2', applicationId: 'app-2', effectiveDate: '2026-05-01', orderedAt: later(1) }, { ...order, appliedAt: later(5) }]);
    });

    it('Should keep one plan-change and one refusal order per signed application, answering the stored one to a repeat', async () => {
      const s = await open();
      const change: PlanChangeOrder = { id: 'o1', accountId: 'acc-1', fromPlanId: 'megaline-plus', toPlanId: 'megaline-turbo', feeTiyn: 0, effectiveDate: '2026-05-01', quoteId: 'q', applicationId: 'app-1', orderedAt: t0, appliedAt: null };
      expect(await s.billing.addPlanChange(change)).toEqual({ created: true, order: change });
      expect(await s.billing.addPlanChange({ ...change, id: 'o2', toPlanId: 'megaline-start', orderedAt: later(1) })).toEqual({ created: false, order: change });
      expect(await s.billing.listPlanChanges('acc-1')).toEqual([change]);
      const refusal: RefusalOrder = { id: 'r1', accountId: 'acc-1', services: ['phone'], wholeContract: false, terminationDate: '2026-03-20', reason: 'moving_away', reasonText: null, refundTo: null, debtTiyn: 0, refundTiyn: 0, quoteId: 'q', applicationId: 'app-2', orderedAt: t0, appliedAt: null };
      expect(await s.billing.addRefusal(refusal)).toEqual({ created: true, order: refusal });
      expect(await s.billing.addRefusal({ ...refusal, id: 'r2', orderedAt: later(1) })).toEqual({ created: false, order: refusal });
      expect(await s.billing.listRefusals('acc-1')).toEqual([refusal]);
    });

    it('Should list refusals due by their termination date and apply each only once', async () => {
      const s = await open();
      const order: RefusalOrder = { id: 'r1', accountId: 'acc-1', services: ['megaline'], wholeContract: true, terminationDate: '2026-03-20', reason: 'moving_away', reasonText: null, refundTo: { kind: 'bank', iban: 'KZ86125KZT5004100100' }, debtTiyn: 0, refundTiyn: 400_000, quoteId: 'q', applicationId: 'app', orderedAt: t0, appliedAt: null };
      await s.billing.addRefusal(order);
      expect(await s.billing.listDueRefusals('2026-03-19', 10)).toEqual([]);
      expect(await s.billing.listDueRefusals('2026-03-20', 10)).toEqual([order]);
      expect(await s.billing.markRefusalApplied('r1', later(1))).toBe(true);
      expect(await s.billing.markRefusalApplied('r1', later(2))).toBe(false);
      expect(await s.billing.listRefusals('acc-1')).toEqual([{ ...order, appliedAt: later(1) }]);
    });
  });

  describe('outages', () => {
    it('Should list the outages going on in a region at a time, an unknown end counting as ongoing', async () => {
      const s = await open();
      const base: Outage = { id: 'o1', kind: 'planned', region: 'Алматытелеком', addressPrefix: 'Алматы, Сатпаев', services: ['megaline'], startsAt: t0, endsAt: later(240), notifiedAt: later(-7200), createdAt: later(-7200) };
      await s.outages.add(base);
      await s.outages.add({ ...base, id: 'o2', kind: 'accident', addressPrefix: null, endsAt: null, notifiedAt: null, createdAt: later(-1) });
      await s.outages.add({ ...base, id: 'o3', region: 'Астанателеком' });
      expect((await s.outages.listActive('Алматытелеком', later(-1))).map((o) => o.id)).toEqual([]);
      expect((await s.outages.listActive('Алматытелеком', later(10))).map((o) => o.id)).toEqual(['o1', 'o2']);
      expect((await s.outages.listActive('Алматытелеком', later(240))).map((o) => o.id)).toEqual(['o2']);
      await s.outages.setEnd('o2', later(30));
      expect((await s.outages.listActive('Алматытелеком', later(30))).map((o) => o.id)).toEqual(['o1']);
      expect((await s.outages.list(2)).map((o) => o.id)).toEqual(['o2', 'o3']);
      expect((await s.outages.list(10)).find((o) => o.id === 'o1')).toEqual(base);
    });
  });
}

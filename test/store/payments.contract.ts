/** @module Store contract: payment links, settled once by the gateway's word (issue 6). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import type { Payment } from '../../core/payments/model.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const t1 = new Date('2026-03-10T06:05:00Z');
const t2 = new Date('2026-03-10T06:06:00Z');

export const aPayment = (over: Partial<Payment> = {}): Payment => ({
  id: 'pay-1', provider: 'freedompay', accountId: 'acc-1', accountNumber: '100000000001', subscriberId: 'sub-1',
  chatKey: 'telegram:42', language: 'kk', amountTiyn: 1_234_550, currency: 'KZT', description: 'Дербес шот 100000000001',
  status: 'created', gatewayPaymentId: null, url: null, failureReason: null, createdAt: t0, updatedAt: t0, paidAt: null,
  registeredAt: null, ...over,
});

export function paymentsContract(open: () => Promise<Store>): void {
  it('Should keep a created payment exactly as given, amount in tiyn and currency included', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    const p = await s.payments.get('pay-1');
    expect(p).toEqual(aPayment());
    expect(await s.payments.get('nope')).toBeNull();
  });

  it('Should bind the gateway id and page, and find the payment by that id', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    await s.payments.attachGateway('pay-1', '7999007883', 'https://pay.example/x', t1);
    const p = await s.payments.findByGatewayId('freedompay', '7999007883');
    expect(p?.id).toBe('pay-1');
    expect(p?.url).toBe('https://pay.example/x');
    expect(await s.payments.findByGatewayId('test', '7999007883')).toBeNull();
  });

  it('Should settle a payment once: a repeated paid callback changes nothing', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    const first = await s.payments.settle('pay-1', { status: 'paid', gatewayPaymentId: 'g-1', at: t1, failureReason: null });
    expect(first?.changed).toBe(true);
    expect(first?.payment.status).toBe('paid');
    expect(first?.payment.paidAt?.toISOString()).toBe(t1.toISOString());
    const again = await s.payments.settle('pay-1', { status: 'paid', gatewayPaymentId: 'g-1', at: t2, failureReason: null });
    expect(again?.changed).toBe(false);
    expect(again?.payment.paidAt?.toISOString()).toBe(t1.toISOString());
    const declineAfter = await s.payments.settle('pay-1', { status: 'declined', gatewayPaymentId: 'g-1', at: t2, failureReason: 'x' });
    expect(declineAfter?.changed).toBe(false);
    expect(declineAfter?.payment.status).toBe('paid');
  });

  it('Should let a late success pay a declined payment, but never decline a paid one', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    expect((await s.payments.settle('pay-1', { status: 'declined', gatewayPaymentId: 'g-1', at: t1, failureReason: 'card' }))?.changed).toBe(true);
    const late = await s.payments.settle('pay-1', { status: 'paid', gatewayPaymentId: 'g-1', at: t2, failureReason: null });
    expect(late?.changed).toBe(true);
    expect(late?.payment.status).toBe('paid');
  });

  it('Should refuse to settle with a gateway id other than the one bound to the payment', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    await s.payments.attachGateway('pay-1', 'g-1', 'https://pay.example/x', t1);
    const other = await s.payments.settle('pay-1', { status: 'paid', gatewayPaymentId: 'g-2', at: t2, failureReason: null });
    expect(other?.changed).toBe(false);
    expect(other?.payment.status).toBe('created');
  });

  it('Should never let one gateway payment pay two orders', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    await s.payments.create(aPayment({ id: 'pay-2' }));
    expect((await s.payments.settle('pay-1', { status: 'paid', gatewayPaymentId: 'g-1', at: t1, failureReason: null }))?.changed).toBe(true);
    const second = await s.payments.settle('pay-2', { status: 'paid', gatewayPaymentId: 'g-1', at: t1, failureReason: null });
    expect(second?.changed).toBe(false);
    expect(second?.payment.status).toBe('created');
  });

  it('Should answer null when settling an unknown payment', async () => {
    const s = await open();
    expect(await s.payments.settle('nope', { status: 'paid', gatewayPaymentId: 'g', at: t1, failureReason: null })).toBeNull();
  });

  it('Should mark a created payment failed only once, and never a settled one', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    await s.payments.create(aPayment({ id: 'pay-2' }));
    expect(await s.payments.markFailed('pay-1', 'gateway said no', t1)).toBe(true);
    expect(await s.payments.markFailed('pay-1', 'again', t2)).toBe(false);
    expect((await s.payments.get('pay-1'))?.failureReason).toBe('gateway said no');
    await s.payments.settle('pay-2', { status: 'paid', gatewayPaymentId: 'g-2', at: t1, failureReason: null });
    expect(await s.payments.markFailed('pay-2', 'late', t2)).toBe(false);
  });

  it('Should register a paid payment in billing once', async () => {
    const s = await open();
    await s.payments.create(aPayment());
    expect(await s.payments.markRegistered('pay-1', t1)).toBe(false);
    await s.payments.settle('pay-1', { status: 'paid', gatewayPaymentId: 'g-1', at: t1, failureReason: null });
    expect(await s.payments.markRegistered('pay-1', t2)).toBe(true);
    expect(await s.payments.markRegistered('pay-1', t2)).toBe(false);
    expect((await s.payments.get('pay-1'))?.registeredAt?.toISOString()).toBe(t2.toISOString());
  });

  it('Should list paid payments billing has not registered yet, oldest payment first, and only those', async () => {
    const s = await open();
    for (const id of ['pay-a', 'pay-b', 'pay-c', 'pay-d']) {
      await s.payments.create(aPayment({ id }));
    }
    await s.payments.settle('pay-b', { status: 'paid', gatewayPaymentId: 'g-b', at: t1, failureReason: null });
    await s.payments.settle('pay-a', { status: 'paid', gatewayPaymentId: 'g-a', at: t2, failureReason: null });
    await s.payments.settle('pay-c', { status: 'declined', gatewayPaymentId: 'g-c', at: t1, failureReason: 'card' });
    await s.payments.settle('pay-d', { status: 'paid', gatewayPaymentId: 'g-d', at: t1, failureReason: null });
    await s.payments.markRegistered('pay-d', t2);
    expect((await s.payments.listUnregistered(10)).map((p) => p.id)).toEqual(['pay-b', 'pay-a']);
    expect((await s.payments.listUnregistered(1)).map((p) => p.id)).toEqual(['pay-b']);
  });

  it('Should list registered payments whose receipt was not marked sent, registered by a time, and mark each sent once', async () => {
    const s = await open();
    for (const id of ['pay-a', 'pay-b', 'pay-c']) {
      await s.payments.create(aPayment({ id }));
      await s.payments.settle(id, { status: 'paid', gatewayPaymentId: `g-${id}`, at: t1, failureReason: null });
    }
    await s.payments.markRegistered('pay-b', t1);
    await s.payments.markRegistered('pay-a', t2);
    expect(await s.payments.markNotified('pay-c', t2)).toBe(false); // not registered: nothing to tell yet
    expect((await s.payments.listUnnotified(t2, 10)).map((p) => p.id)).toEqual(['pay-b', 'pay-a']);
    expect((await s.payments.listUnnotified(t1, 10)).map((p) => p.id)).toEqual(['pay-b']);
    expect(await s.payments.markNotified('pay-b', t2)).toBe(true);
    expect(await s.payments.markNotified('pay-b', t2)).toBe(false);
    expect((await s.payments.listUnnotified(t2, 10)).map((p) => p.id)).toEqual(['pay-a']);
  });

  it('Should list declined payments whose notice was not marked sent, declined within a window, and mark each sent once', async () => {
    const s = await open();
    for (const [id, at] of [['pay-a', t1], ['pay-b', t0], ['pay-c', t2], ['pay-d', t1]] as const) {
      await s.payments.create(aPayment({ id }));
      await s.payments.settle(id, { status: 'declined', gatewayPaymentId: `g-${id}`, at, failureReason: 'card' });
    }
    await s.payments.create(aPayment({ id: 'pay-e' }));
    expect((await s.payments.listDeclinedUnnotified(t0, t1, 10)).map((p) => p.id)).toEqual(['pay-b', 'pay-a', 'pay-d']);
    expect((await s.payments.listDeclinedUnnotified(t1, t2, 10)).map((p) => p.id)).toEqual(['pay-a', 'pay-d', 'pay-c']);
    expect(await s.payments.markNotified('pay-a', t2)).toBe(true);
    expect(await s.payments.markNotified('pay-a', t2)).toBe(false);
    expect(await s.payments.markNotified('pay-e', t2)).toBe(false); // still waiting for the gateway: nothing to tell yet
    expect((await s.payments.listDeclinedUnnotified(t0, t2, 2)).map((p) => p.id)).toEqual(['pay-b', 'pay-d']);
    // A late success after the decline was told: its receipt is owed now.
    await s.payments.settle('pay-a', { status: 'paid', gatewayPaymentId: 'g-pay-a', at: t2, failureReason: null });
    await s.payments.markRegistered('pay-a', t2);
    expect((await s.payments.listUnnotified(t2, 10)).map((p) => p.id)).toEqual(['pay-a']);
  });

  describe('listByAccount', () => {
    it('Should list an account\'s payments newest first, limited', async () => {
      const s = await open();
      await s.payments.create(aPayment({ id: 'a', createdAt: t0 }));
      await s.payments.create(aPayment({ id: 'b', createdAt: t2 }));
      await s.payments.create(aPayment({ id: 'c', createdAt: t1 }));
      await s.payments.create(aPayment({ id: 'd', accountId: 'acc-2', createdAt: t2 }));
      expect((await s.payments.listByAccount('acc-1', 10)).map((p) => p.id)).toEqual(['b', 'c', 'a']);
      expect((await s.payments.listByAccount('acc-1', 2)).map((p) => p.id)).toEqual(['b', 'c']);
    });
  });
}

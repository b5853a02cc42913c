/** @module Store contract: instalment agreements (issue 18; seed 001 status 6, cl. 12 para 3). */
import { expect, it } from 'vitest';
import type { InstalmentAgreement } from '../../core/instalments/model.ts';
import type { Store } from '../../core/store/store.ts';

const t0 = new Date('2026-04-10T06:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const requested = (id: string, over: Partial<InstalmentAgreement> = {}): InstalmentAgreement => ({
  id, accountId: 'acc-1', subscriberId: 'sub-1', applicationId: `app-${id}`, status: 'requested', requestedAt: t0,
  debtTiyn: 670_800, parts: [], concludedAt: null, concludedBy: null, endedAt: null, ...over,
});
const parts = [{ dueDate: '2026-04-25', amountTiyn: 335_400 }, { dueDate: '2026-05-25', amountTiyn: 335_400 }];

export function instalmentsContract(open: () => Promise<Store>): void {
  it('Should keep a request as written and list the account\'s agreements newest first', async () => {
    const s = await open();
    await s.instalments.add(requested('i1'));
    await s.instalments.add(requested('i2', { requestedAt: later(5) }));
    await s.instalments.add(requested('i3', { accountId: 'acc-2' }));
    expect(await s.instalments.get('i1')).toEqual(requested('i1'));
    expect((await s.instalments.listByAccount('acc-1')).map((a) => a.id)).toEqual(['i2', 'i1']);
    expect(await s.instalments.get('nope')).toBeNull();
  });

  it('Should conclude a request once, with its schedule, and refuse a second conclusion', async () => {
    const s = await open();
    await s.instalments.add(requested('i1'));
    expect(await s.instalments.conclude('i1', { parts, debtTiyn: 670_800, by: 'user-1', at: later(60) })).toBe(true);
    expect(await s.instalments.conclude('i1', { parts: [], debtTiyn: 1, by: 'user-2', at: later(61) })).toBe(false);
    expect(await s.instalments.get('i1')).toEqual(requested('i1', { status: 'active', parts, concludedBy: 'user-1', concludedAt: later(60) }));
  });

  it('Should end only an active agreement, once (paid or broken)', async () => {
    const s = await open();
    await s.instalments.add(requested('i1'));
    expect(await s.instalments.end('i1', 'broken', later(1))).toBe(false); // not concluded yet
    await s.instalments.conclude('i1', { parts, debtTiyn: 670_800, by: 'user-1', at: later(2) });
    expect(await s.instalments.end('i1', 'broken', later(3))).toBe(true);
    expect(await s.instalments.end('i1', 'paid', later(4))).toBe(false);
    expect(await s.instalments.get('i1')).toMatchObject({ status: 'broken', endedAt: later(3) });
  });
}

/** @module Store contract: throttle hits in rolling windows (issue 20). */
import { expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 10, 6, minutes));
const hit = (key: string, minutes: number, value: string | null = null, scope = 'otp.code') =>
  ({ scope, key, value, at: at(minutes), expiresAt: at(minutes + 60) });

export function throttleContract(open: () => Promise<Store>): void {
  it('Should list a key\'s hits since a moment, oldest first, and no other key\'s or scope\'s', async () => {
    const s = await open();
    for (const m of [30, 10, 20]) await s.throttle.hit(hit('k1', m));
    await s.throttle.hit(hit('k2', 25));
    await s.throttle.hit(hit('k1', 26, null, 'otp.wrong'));
    expect((await s.throttle.times('otp.code', 'k1', at(15))).map((d) => d.toISOString())).toEqual([at(20).toISOString(), at(30).toISOString()]);
    expect(await s.throttle.times('otp.code', 'k1', at(10))).toHaveLength(3);
    expect(await s.throttle.times('otp.code', 'nobody', at(0))).toEqual([]);
  });

  it('Should count distinct values in a window', async () => {
    const s = await open();
    for (const [m, v] of [[1, 'b'], [2, 'a'], [3, 'b'], [40, 'c']] as const) await s.throttle.hit(hit('addr', m, v, 'otp.numbers'));
    await s.throttle.hit(hit('addr', 5, null, 'otp.numbers'));
    expect(await s.throttle.distinctValues('otp.numbers', 'addr', at(0))).toEqual(['a', 'b', 'c']);
    expect(await s.throttle.distinctValues('otp.numbers', 'addr', at(3))).toEqual(['b', 'c']);
  });

  it('Should forget a key, and purge only what expired', async () => {
    const s = await open();
    await s.throttle.hit(hit('k1', 0));
    await s.throttle.hit(hit('k1', 50));
    await s.throttle.hit(hit('k2', 0, null, 'login.failed'));
    await s.throttle.clear('login.failed', 'k2');
    expect(await s.throttle.times('login.failed', 'k2', at(0))).toEqual([]);
    expect(await s.throttle.purge(at(61), 100)).toBe(1);
    expect(await s.throttle.times('otp.code', 'k1', at(0))).toHaveLength(1);
  });
}

/** @module Store contract: the channel outbox and the live feed, what several instances on one store share (issue 20 item 15). */
import { expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import type { NewOutboxEntry } from '../../core/outbox/model.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 10, 6, 0, seconds));
const entry = (id: string, over: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  id, channel: 'telegram', chatKey: 'telegram:42', externalId: '42', deliveries: [{ text: `message ${id}` }], tag: null, createdAt: at(0), ...over,
});

export function outboxContract(open: () => Promise<Store>): void {
  it('Should hand out a channel\'s queued messages in the order they were queued, and no other channel\'s', async () => {
    const s = await open();
    const first = await s.outbox.enqueue(entry('m1'));
    await s.outbox.enqueue(entry('w1', { channel: 'whatsapp', chatKey: 'whatsapp:7701', externalId: '7701@c.us' }));
    const third = await s.outbox.enqueue(entry('m2', { tag: 'ticket-message:t-1', deliveries: [{ text: 'Сәлем', menuToken: 'k' }] }));
    expect(third.seq).toBeGreaterThan(first.seq);
    expect((await s.outbox.pending('telegram', 10)).map((e) => e.id)).toEqual(['m1', 'm2']);
    expect((await s.outbox.pending('telegram', 1)).map((e) => e.id)).toEqual(['m1']);
    expect(await s.outbox.get('m2')).toMatchObject({ tag: 'ticket-message:t-1', deliveries: [{ text: 'Сәлем', menuToken: 'k' }], sentAt: null, externalIds: [] });
  });

  it('Should mark a queued message sent or failed once, and hand it out no more', async () => {
    const s = await open();
    await s.outbox.enqueue(entry('m1'));
    await s.outbox.enqueue(entry('m2'));
    expect(await s.outbox.markSent('m1', at(5), ['100', '101'])).toBe(true);
    expect(await s.outbox.markSent('m1', at(6), ['102'])).toBe(false);
    expect(await s.outbox.markFailed('m1', at(6), 'late')).toBe(false);
    expect(await s.outbox.markFailed('m2', at(7), 'blocked by the user')).toBe(true);
    expect(await s.outbox.pending('telegram', 10)).toEqual([]);
    expect(await s.outbox.get('m1')).toMatchObject({ sentAt: at(5), externalIds: ['100', '101'] });
    expect(await s.outbox.get('m2')).toMatchObject({ failedAt: at(7), error: 'blocked by the user' });
    expect(await s.outbox.purge(at(6), 10)).toBe(1);
    expect(await s.outbox.get('m1')).toBeNull();
    expect(await s.outbox.get('m2')).not.toBeNull();
  });

  it('Should give feed events increasing places, read them after a place in order, and forget old ones', async () => {
    const s = await open();
    expect(await s.eventFeed.lastSeq()).toBe(0);
    await s.eventFeed.append({ origin: 'i1', name: 'ticket.updated', payload: { ticket: { id: 't1', number: 1 } }, at: at(0) });
    await s.eventFeed.append({ origin: 'i2', name: 'agent.status_changed', payload: { userId: 'u1', status: 'ready', by: null }, at: at(10) });
    const all = await s.eventFeed.after(0, 10);
    expect(all.map((e) => [e.origin, e.name])).toEqual([['i1', 'ticket.updated'], ['i2', 'agent.status_changed']]);
    expect(all[0]?.payload).toEqual({ ticket: { id: 't1', number: 1 } });
    expect(await s.eventFeed.lastSeq()).toBe(all[1]!.seq);
    expect((await s.eventFeed.after(all[0]!.seq, 10)).map((e) => e.name)).toEqual(['agent.status_changed']);
    expect(await s.eventFeed.purge(at(5), 10)).toBe(1);
    expect((await s.eventFeed.after(0, 10)).map((e) => e.name)).toEqual(['agent.status_changed']);
  });
}

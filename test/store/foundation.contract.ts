/** @module Store contract: subscribers, accounts, chats, dialog sessions, users, audit, jobs, leases, dedupe, settings. */
import { describe, expect, it } from 'vitest';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { LAST_SEEN_RESOLUTION_MS } from '../../core/chats/model.ts';
import type { Store } from '../../core/store/store.ts';
import type { Subscriber } from '../../core/subscribers/model.ts';

const t0 = new Date('2026-03-10T06:00:00Z');

export const aSubscriber = (over: Partial<Subscriber> = {}): Subscriber => ({
  id: 'sub-1', fullName: 'Айгүл Серікқызы', phone: '+77011234567', iin: '900101400123', category: 'individual',
  language: null, notificationsMuted: false, createdAt: t0, ...over,
});

export const anAccount = (over: Partial<PersonalAccount> = {}): PersonalAccount => ({
  id: 'acc-1', number: '100000000001', subscriberId: 'sub-1', status: 'current', statusSince: t0, billingMethod: 'credit',
  address: 'Алматы, Абай д-лы, 10', region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline', 'phone'],
  termContractUntil: null, openedAt: t0, closedAt: null, ...over,
});

export function foundationContract(open: () => Promise<Store>): void {
  let store: Store;
  const fresh = async () => {
    store = await open();
    return store;
  };

  describe('subscribers and accounts', () => {
    it('Should find a subscriber by verified phone and list their accounts in number order', async () => {
      const s = await fresh();
      await s.subscribers.create(aSubscriber());
      await s.accounts.create(anAccount({ id: 'acc-2', number: '100000000002' }));
      await s.accounts.create(anAccount());
      expect((await s.subscribers.findByPhone('+77011234567'))?.fullName).toBe('Айгүл Серікқызы');
      expect(await s.subscribers.findByPhone('+77010000000')).toBeNull();
      const accounts = await s.accounts.listBySubscriber('sub-1');
      expect(accounts.map((a) => a.number)).toEqual(['100000000001', '100000000002']);
      expect(accounts[0]?.services).toEqual(['megaline', 'phone']);
      expect(accounts[0]?.openedAt.toISOString()).toBe(t0.toISOString());
    });

    it('Should find subscribers by the words of their name in any letter case, Cyrillic included', async () => {
      const s = await fresh();
      await s.subscribers.create(aSubscriber());
      await s.subscribers.create(aSubscriber({ id: 'sub-2', fullName: 'Серік Айгүлов', phone: '+77011234568' }));
      await s.subscribers.create(aSubscriber({ id: 'sub-3', fullName: 'Иванов Пётр (а+б)', phone: '+77011234569' }));
      const names = async (text: string, limit = 10) => (await s.subscribers.searchByName(text, limit)).map((x) => x.fullName);
      expect(await names('айгүл')).toEqual(['Айгүл Серікқызы', 'Серік Айгүлов']);
      expect(await names('АЙГҮЛ серікқ')).toEqual(['Айгүл Серікқызы']);
      expect(await names('пётр (а+б)')).toEqual(['Иванов Пётр (а+б)']);
      expect(await names('айгүл', 1)).toEqual(['Айгүл Серікқызы']);
      expect(await names('Асқар')).toEqual([]);
      expect(await names('   ')).toEqual([]);
    });

    it('Should refuse a second subscriber with the same phone', async () => {
      const s = await fresh();
      await s.subscribers.create(aSubscriber());
      await expect(s.subscribers.create(aSubscriber({ id: 'sub-2' }))).rejects.toThrow();
    });

    it('Should move an account status only from the expected status', async () => {
      const s = await fresh();
      await s.subscribers.create(aSubscriber());
      await s.accounts.create(anAccount({ status: 'overdue' }));
      const later = new Date('2026-04-01T00:00:00Z');
      expect(await s.accounts.transition('acc-1', 'current', 'disconnected', later)).toBe(false);
      expect(await s.accounts.transition('acc-1', 'overdue', 'disconnected', later)).toBe(true);
      const a = await s.accounts.get('acc-1');
      expect(a?.status).toBe('disconnected');
      expect(a?.statusSince.toISOString()).toBe(later.toISOString());
      expect((await s.accounts.listByStatus('disconnected', 10)).map((x) => x.id)).toEqual(['acc-1']);
    });

    it('seed 001 status 3 "reconnected … within 30 calendar days": closing stamps closedAt once; a move back to current clears it', async () => {
      const s = await fresh();
      await s.subscribers.create(aSubscriber());
      await s.accounts.create(anAccount({ status: 'current' }));
      const closing = new Date('2026-04-01T00:00:00Z');
      expect(await s.accounts.transition('acc-1', 'current', 'closed', closing)).toBe(true);
      expect((await s.accounts.get('acc-1'))?.closedAt?.toISOString()).toBe(closing.toISOString());
      expect(await s.accounts.transition('acc-1', 'closed', 'current', new Date('2026-04-10T00:00:00Z'))).toBe(true);
      expect((await s.accounts.get('acc-1'))?.closedAt).toBeNull();
      const again = new Date('2026-05-01T00:00:00Z');
      expect(await s.accounts.transition('acc-1', 'current', 'closed_credit_balance', again)).toBe(true);
      expect((await s.accounts.get('acc-1'))?.closedAt?.toISOString()).toBe(again.toISOString());
      expect(await s.accounts.transition('acc-1', 'closed_credit_balance', 'archive', new Date('2027-06-01T00:00:00Z'))).toBe(true);
      expect((await s.accounts.get('acc-1'))?.closedAt?.toISOString()).toBe(again.toISOString()); // archive keeps it
    });

    it('Should remember language and mute choice', async () => {
      const s = await fresh();
      await s.subscribers.create(aSubscriber());
      await s.subscribers.setLanguage('sub-1', 'kk');
      await s.subscribers.setNotificationsMuted('sub-1', true);
      const sub = await s.subscribers.get('sub-1');
      expect(sub?.language).toBe('kk');
      expect(sub?.notificationsMuted).toBe(true);
    });
  });

  describe('chats', () => {
    it('Should create a chat on first contact and link it to a subscriber until unlinked', async () => {
      const s = await fresh();
      const chat = await s.chats.touch('telegram', '42', t0);
      expect(chat.key).toBe('telegram:42');
      expect(chat.subscriberId).toBeNull();
      await s.chats.link('telegram:42', { subscriberId: 'sub-1', phone: '+77011234567', linkedAt: t0, expiresAt: new Date('2026-06-08T06:00:00Z') });
      expect((await s.chats.get('telegram:42'))?.subscriberId).toBe('sub-1');
      expect((await s.chats.listBySubscriber('sub-1')).map((c) => c.key)).toEqual(['telegram:42']);
      await s.chats.unlink('telegram:42');
      expect((await s.chats.get('telegram:42'))?.subscriberId).toBeNull();
      expect(await s.chats.listBySubscriber('sub-1')).toEqual([]);
    });

    it('Should keep a chat\'s last contact to within a minute of its latest touch, and its language as it is', async () => {
      const s = await fresh();
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      await s.chats.touch('telegram', '42', t0);
      await s.chats.setLanguage('telegram:42', 'kk');
      const soon = await s.chats.touch('telegram', '42', at(30));
      expect(soon.lastSeenAt.getTime()).toBeGreaterThanOrEqual(at(30).getTime() - LAST_SEEN_RESOLUTION_MS);
      expect(soon.lastSeenAt.getTime()).toBeLessThanOrEqual(at(30).getTime());
      expect(soon.language).toBe('kk');
      const later = await s.chats.touch('telegram', '42', at(150));
      expect(later.lastSeenAt).toEqual(at(150));
      expect(later).toMatchObject({ key: 'telegram:42', language: 'kk', createdAt: t0 });
      expect((await s.chats.get('telegram:42'))?.lastSeenAt).toEqual(at(150));
    });
  });

  describe('dialog sessions', () => {
    it('Should keep dialog state and refuse a write based on a stale version', async () => {
      const s = await fresh();
      expect(await s.dialogs.write('webchat:a', { step: 'menu' }, 0, t0)).toBe(true);
      expect(await s.dialogs.write('webchat:a', { step: 'other' }, 0, t0)).toBe(false);
      const first = await s.dialogs.read('webchat:a');
      expect(first).toMatchObject({ state: { step: 'menu' }, version: 1 });
      expect(await s.dialogs.write('webchat:a', { step: 'balance' }, 1, t0)).toBe(true);
      expect(await s.dialogs.write('webchat:a', { step: 'lost' }, 1, t0)).toBe(false);
      expect((await s.dialogs.read('webchat:a'))?.state).toEqual({ step: 'balance' });
      await s.dialogs.delete('webchat:a');
      expect(await s.dialogs.read('webchat:a')).toBeNull();
    });
  });

  describe('users, sessions and audit', () => {
    it('Should find users by e-mail case-insensitively and update them', async () => {
      const s = await fresh();
      await s.users.create({ id: 'u1', email: 'Agent@Example.kz', name: 'Агент', passwordHash: 'h', roles: ['agent'], language: 'ru', active: true, failedLogins: 0, lockedUntil: null, createdAt: t0 });
      expect((await s.users.findByEmail('agent@example.kz'))?.id).toBe('u1');
      await s.users.update('u1', { roles: ['agent', 'supervisor'], failedLogins: 3, lockedUntil: t0 });
      const u = await s.users.get('u1');
      expect(u?.roles).toEqual(['agent', 'supervisor']);
      expect(u?.failedLogins).toBe(3);
      expect(u?.lockedUntil?.toISOString()).toBe(t0.toISOString());
      expect(u?.mustChangePassword).toBe(false);
      await s.users.update('u1', { mustChangePassword: true });
      expect((await s.users.get('u1'))?.mustChangePassword).toBe(true);
    });

    it('Should not return an expired console session', async () => {
      const s = await fresh();
      await s.consoleSessions.create({ id: 'sess', userId: 'u1', csrfToken: 'c', createdAt: t0, expiresAt: new Date(t0.getTime() + 1000) });
      expect((await s.consoleSessions.get('sess', t0))?.csrfToken).toBe('c');
      expect(await s.consoleSessions.get('sess', new Date(t0.getTime() + 1000))).toBeNull();
    });

    it('Should list audit entries newest first, filtered', async () => {
      const s = await fresh();
      for (let i = 0; i < 3; i++) {
        await s.audit.append({ id: `a${i}`, at: new Date(t0.getTime() + i * 1000), actorType: 'user', actorId: 'u1', action: i === 1 ? 'user.created' : 'ticket.taken', entity: 'ticket', entityId: 't1', details: { i } });
      }
      expect((await s.audit.list({})).map((e) => e.id)).toEqual(['a2', 'a1', 'a0']);
      expect((await s.audit.list({ action: 'user.created' })).map((e) => e.details)).toEqual([{ i: 1 }]);
      expect((await s.audit.list({ limit: 1 })).map((e) => e.id)).toEqual(['a2']);
    });
  });

  describe('jobs', () => {
    const due = (key: string, at: Date) => ({ id: `job-${key}`, kind: 'test', key, dueAt: at, payload: { key } });

    it('Should hand a due job to one claimer only, and never again once completed', async () => {
      const s = await fresh();
      await s.jobs.schedule(due('k1', t0));
      await s.jobs.schedule(due('k2', new Date(t0.getTime() + 60_000)));
      const [a, b] = await Promise.all([s.jobs.claimDue(t0, 10, 'one', 30_000), s.jobs.claimDue(t0, 10, 'two', 30_000)]);
      expect([...a, ...b].map((j) => j.key)).toEqual(['k1']);
      const winner = a.length ? 'one' : 'two';
      await s.jobs.complete(a[0]?.id ?? b[0]!.id, winner);
      expect(await s.jobs.claimDue(new Date(t0.getTime() + 120_000), 10, 'three', 30_000)).toMatchObject([{ key: 'k2' }]);
      expect(await s.jobs.countPending()).toBe(1);
    });

    it('Should hand out a claimed job again after its lease runs out (a crashed worker)', async () => {
      const s = await fresh();
      await s.jobs.schedule(due('k1', t0));
      expect(await s.jobs.claimDue(t0, 10, 'crashed', 1000)).toHaveLength(1);
      expect(await s.jobs.claimDue(new Date(t0.getTime() + 500), 10, 'other', 1000)).toHaveLength(0);
      const again = await s.jobs.claimDue(new Date(t0.getTime() + 1000), 10, 'other', 1000);
      expect(again).toMatchObject([{ key: 'k1', attempts: 2 }]);
    });

    it('Should keep one pending job per key, re-scheduled or cancelled', async () => {
      const s = await fresh();
      await s.jobs.schedule(due('k1', t0));
      await s.jobs.schedule({ ...due('k1', new Date(t0.getTime() + 5000)), id: 'other-id' });
      expect(await s.jobs.countPending()).toBe(1);
      expect((await s.jobs.getPending('k1'))?.dueAt.toISOString()).toBe(new Date(t0.getTime() + 5000).toISOString());
      await s.jobs.cancel('k1');
      expect(await s.jobs.getPending('k1')).toBeNull();
    });

    it('Should retry a failed job at the given time with its error kept', async () => {
      const s = await fresh();
      await s.jobs.schedule(due('k1', t0));
      const [job] = await s.jobs.claimDue(t0, 1, 'w', 30_000);
      await s.jobs.fail(job!.id, 'w', 'SMS gateway 503', new Date(t0.getTime() + 10_000));
      expect(await s.jobs.claimDue(new Date(t0.getTime() + 9_000), 1, 'w', 30_000)).toHaveLength(0);
      expect(await s.jobs.claimDue(new Date(t0.getTime() + 10_000), 1, 'w', 30_000)).toMatchObject([{ lastError: 'SMS gateway 503' }]);
    });
  });

  describe('leases, dedupe and settings', () => {
    it('Should let one owner hold a lease until it expires', async () => {
      const s = await fresh();
      expect(await s.leases.acquire('whatsapp', 'i1', t0, 10_000)).toBe(true);
      expect(await s.leases.acquire('whatsapp', 'i2', t0, 10_000)).toBe(false);
      expect(await s.leases.acquire('whatsapp', 'i1', t0, 10_000)).toBe(true);
      expect(await s.leases.holder('whatsapp', t0)).toBe('i1');
      expect(await s.leases.acquire('whatsapp', 'i2', new Date(t0.getTime() + 10_000), 10_000)).toBe(true);
      await s.leases.release('whatsapp', 'i2');
      expect(await s.leases.holder('whatsapp', t0)).toBeNull();
    });

    it('Should report a repeated update id as already seen', async () => {
      const s = await fresh();
      expect(await s.dedupe.firstTime('telegram-update', '100', t0)).toBe(true);
      expect(await s.dedupe.firstTime('telegram-update', '100', t0)).toBe(false);
      expect(await s.dedupe.firstTime('payment', '100', t0)).toBe(true);
    });

    it('Should store and read back settings', async () => {
      const s = await fresh();
      expect(await s.settings.get('sla')).toBeNull();
      await s.settings.set('sla', { minutes: 120 });
      expect(await s.settings.get('sla')).toEqual({ minutes: 120 });
    });
  });
}

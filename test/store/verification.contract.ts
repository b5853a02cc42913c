/** @module Store contract: one-time-code challenges and number locks, the SMS outbox, signed applications. */
import { describe, expect, it } from 'vitest';
import type { Application } from '../../core/applications/model.ts';
import type { SmsMessage } from '../../core/sms/model.ts';
import type { Store } from '../../core/store/store.ts';
import type { OtpChallenge } from '../../core/verification/model.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

const aChallenge = (over: Partial<OtpChallenge> = {}): OtpChallenge => ({
  id: 'c1', purpose: 'verify', chatKey: 'telegram:42', phone: '+77011234567', subscriberId: 'sub-1', codeHash: 'ab'.repeat(32),
  attempts: 0, createdAt: t0, expiresAt: at(300_000), consumedAt: null, closedAt: null, smsId: null, context: null, ...over,
});

const anSms = (over: Partial<SmsMessage> = {}): SmsMessage => ({
  id: 's1', to: '+77011234567', text: 'Код: 123456', purpose: 'verify', chatKey: 'telegram:42', provider: 'outbox',
  status: 'queued', attempts: 0, lastError: null, providerMessageId: null, createdAt: t0, updatedAt: t0, sentAt: null,
  expiresAt: at(300_000), nextAttemptAt: null, ...over,
});

const anApplication = (over: Partial<Application> = {}): Application => ({
  id: 'a1', subscriberId: 'sub-1', phone: '+77011234567', channel: 'telegram', chatKey: 'telegram:42', kind: 'plan_change',
  quote: 'Тариф «Megaline Plus» с 1 апреля, плата 0 ₸', payload: { planId: 'megaline-plus' }, challengeId: 'c1', signedAt: t0, ...over,
});

export function verificationContract(open: () => Promise<Store>): void {
  describe('one-time-code challenges', () => {
    it('Should keep one open challenge per chat and purpose: a new one closes the previous', async () => {
      const s = await open();
      await s.otp.create(aChallenge({ context: { kind: 'refusal', text: 'q', payload: {} } }));
      await s.otp.create(aChallenge({ id: 'c2', createdAt: at(60_000) }));
      await s.otp.create(aChallenge({ id: 's1', purpose: 'sign', createdAt: at(61_000) }));
      expect((await s.otp.latestOpen('telegram:42', 'verify'))?.id).toBe('c2');
      expect((await s.otp.latestOpen('telegram:42', 'sign'))?.id).toBe('s1');
      const first = await s.otp.get('c1');
      expect(first?.closedAt?.toISOString()).toBe(at(60_000).toISOString());
      expect(first?.context).toEqual({ kind: 'refusal', text: 'q', payload: {} });
      expect(await s.otp.latestOpen('webchat:x', 'verify')).toBeNull();
    });

    it('Should count codes per number across chats and list the numbers a chat tried', async () => {
      const s = await open();
      await s.otp.create(aChallenge());
      await s.otp.create(aChallenge({ id: 'c2', chatKey: 'webchat:b', createdAt: at(120_000) }));
      await s.otp.create(aChallenge({ id: 'c3', phone: '+77021234567', createdAt: at(180_000) }));
      expect(await s.otp.countForPhoneSince('+77011234567', t0)).toBe(2);
      expect(await s.otp.countForPhoneSince('+77011234567', at(1))).toBe(1);
      expect((await s.otp.lastForPhone('+77011234567', 'verify'))?.toISOString()).toBe(at(120_000).toISOString());
      expect(await s.otp.lastForPhone('+77011234567', 'sign')).toBeNull();
      expect(await s.otp.phonesForChatSince('telegram:42', t0)).toEqual(['+77011234567', '+77021234567']);
      expect(await s.otp.phonesForChatSince('telegram:42', at(150_000))).toEqual(['+77021234567']);
    });

    it('cl. 31(8): Should count tries and consume a code once, never past the limit or the expiry', async () => {
      const s = await open();
      await s.otp.create(aChallenge());
      expect(await s.otp.registerAttempt('c1', false, at(1000), 3)).toEqual({ attempts: 1, consumed: false });
      expect(await s.otp.registerAttempt('c1', true, at(2000), 3)).toEqual({ attempts: 2, consumed: true });
      expect(await s.otp.registerAttempt('c1', true, at(3000), 3)).toBeNull();
      expect((await s.otp.get('c1'))?.consumedAt?.toISOString()).toBe(at(2000).toISOString());

      await s.otp.create(aChallenge({ id: 'c2', chatKey: 'webchat:b' }));
      for (let i = 1; i <= 3; i += 1) expect((await s.otp.registerAttempt('c2', false, at(i), 3))?.attempts).toBe(i);
      expect(await s.otp.registerAttempt('c2', true, at(10), 3)).toBeNull();

      await s.otp.create(aChallenge({ id: 'c3', chatKey: 'webchat:c' }));
      expect(await s.otp.registerAttempt('c3', true, at(300_000), 3)).toBeNull();
    });

    it('Should let exactly one of two racing correct answers consume the code', async () => {
      const s = await open();
      await s.otp.create(aChallenge());
      const results = await Promise.all([s.otp.registerAttempt('c1', true, at(1), 5), s.otp.registerAttempt('c1', true, at(1), 5)]);
      expect(results.filter((r) => r?.consumed)).toHaveLength(1);
    });

    it('Should close all open challenges of a chat', async () => {
      const s = await open();
      await s.otp.create(aChallenge());
      await s.otp.create(aChallenge({ id: 's1', purpose: 'sign' }));
      await s.otp.closeForChat('telegram:42', at(5));
      expect(await s.otp.latestOpen('telegram:42', 'verify')).toBeNull();
      expect(await s.otp.latestOpen('telegram:42', 'sign')).toBeNull();
      expect(await s.otp.registerAttempt('c1', true, at(6), 5)).toBeNull();
    });

    it('Should lock a number until a time, keeping the later lock', async () => {
      const s = await open();
      expect(await s.otp.phoneLock('+77011234567')).toBeNull();
      await s.otp.lockPhone('+77011234567', at(1_800_000));
      await s.otp.lockPhone('+77011234567', at(60_000));
      expect((await s.otp.phoneLock('+77011234567'))?.toISOString()).toBe(at(1_800_000).toISOString());
      expect(await s.otp.phoneLock('+77021234567')).toBeNull();
    });
  });

  describe('SMS outbox', () => {
    it('Should list messages newest first, by status and page', async () => {
      const s = await open();
      await s.smsOutbox.add(anSms());
      await s.smsOutbox.add(anSms({ id: 's2', createdAt: at(1000), status: 'sent' }));
      await s.smsOutbox.add(anSms({ id: 's3', createdAt: at(2000) }));
      expect((await s.smsOutbox.list()).map((m) => m.id)).toEqual(['s3', 's2', 's1']);
      expect((await s.smsOutbox.list({ status: 'queued' })).map((m) => m.id)).toEqual(['s3', 's1']);
      expect((await s.smsOutbox.list({ before: at(2000), limit: 1 })).map((m) => m.id)).toEqual(['s2']);
      expect((await s.smsOutbox.get('s1'))?.text).toBe('Код: 123456');
    });

    it('Should list the messages to one number, newest first, with the other filters', async () => {
      const s = await open();
      await s.smsOutbox.add(anSms());
      await s.smsOutbox.add(anSms({ id: 's2', to: '+77029998877', createdAt: at(1000) }));
      await s.smsOutbox.add(anSms({ id: 's3', createdAt: at(2000), status: 'sent' }));
      expect((await s.smsOutbox.list({ to: anSms().to })).map((m) => m.id)).toEqual(['s3', 's1']);
      expect((await s.smsOutbox.list({ to: anSms().to, status: 'queued' })).map((m) => m.id)).toEqual(['s1']);
      expect((await s.smsOutbox.list({ to: anSms().to, before: at(2000) })).map((m) => m.id)).toEqual(['s1']);
      expect(await s.smsOutbox.list({ to: '+77000000000' })).toEqual([]);
    });

    it('Should hand a queued message to one attempt at a time and only when due', async () => {
      const s = await open();
      await s.smsOutbox.add(anSms());
      const claimed = await s.smsOutbox.claim('s1', t0, 10_000);
      expect(claimed?.attempts).toBe(1);
      expect(await s.smsOutbox.claim('s1', at(5000), 10_000)).toBeNull();
      await s.smsOutbox.release('s1', at(6000), 'HTTP 503', at(20_000));
      expect(await s.smsOutbox.claim('s1', at(19_000), 10_000)).toBeNull();
      const again = await s.smsOutbox.get('s1');
      expect(again).toMatchObject({ status: 'queued', lastError: 'HTTP 503' });
      expect(again?.nextAttemptAt?.toISOString()).toBe(at(20_000).toISOString());
      expect((await s.smsOutbox.claim('s1', at(20_000), 10_000))?.attempts).toBe(2);
      await s.smsOutbox.markSent('s1', at(21_000), 'mz-1', 'Код: ••••••');
      const sent = await s.smsOutbox.get('s1');
      expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'mz-1', text: 'Код: ••••••' });
      expect(sent?.sentAt?.toISOString()).toBe(at(21_000).toISOString());
      expect(await s.smsOutbox.claim('s1', at(60_000), 10_000)).toBeNull();
    });

    it('Should record a permanent failure with its error', async () => {
      const s = await open();
      await s.smsOutbox.add(anSms());
      await s.smsOutbox.claim('s1', t0, 10_000);
      await s.smsOutbox.markFailed('s1', at(1000), 'mobizon: code 1', 'Код: ••••••');
      expect(await s.smsOutbox.get('s1')).toMatchObject({ status: 'failed', lastError: 'mobizon: code 1', text: 'Код: ••••••' });
      expect((await s.smsOutbox.list({ status: 'failed' })).map((m) => m.id)).toEqual(['s1']);
      expect(await s.smsOutbox.claim('s1', at(60_000), 10_000)).toBeNull();
    });
  });

  describe('signed applications', () => {
    it('Should read applications back per subscriber, newest first, exactly as signed', async () => {
      const s = await open();
      await s.applications.add(anApplication());
      await s.applications.add(anApplication({ id: 'a2', challengeId: 'c2', kind: 'refusal', signedAt: at(1000) }));
      await s.applications.add(anApplication({ id: 'a3', challengeId: 'c3', subscriberId: 'sub-2', signedAt: at(2000) }));
      const mine = await s.applications.listBySubscriber('sub-1');
      expect(mine.map((a) => a.id)).toEqual(['a2', 'a1']);
      expect(mine[1]).toEqual(anApplication());
      expect(await s.applications.get('a3')).toMatchObject({ subscriberId: 'sub-2' });
      expect(await s.applications.get('nope')).toBeNull();
    });

    it('Should refuse a second application signed by the same code', async () => {
      const s = await open();
      await s.applications.add(anApplication());
      await expect(s.applications.add(anApplication({ id: 'a2' }))).rejects.toThrow();
    });
  });
}

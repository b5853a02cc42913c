/**
 * Verification by one-time SMS code (contract cl. 3, 9(5), 31(8); PRODUCT.md defaults): normalisation, linking,
 * limits, and the attacks: guessing, replay, parallel chats, resend flooding, unknown numbers.
 */
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeKzMobile } from '../../core/verification/index.ts';
import { KNOWN_PHONE, OTHER_PHONE, UNKNOWN_PHONE, setup } from './verification-fixtures.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('Kazakh mobile numbers', () => {
  it.each([
    ['+7 701 234 56 78'], ['87012345678'], ['7012345678'], ['77012345678'], ['8 (701) 234-56-78'], ['+7-701-234-56-78'],
  ])('Should read %s as +77012345678', (raw) => {
    expect(normalizeKzMobile(raw)).toEqual({ ok: true, value: '+77012345678' });
  });

  it.each([
    ['12345'], ['hello'], [''], ['+7 727 250 12 34'], ['+7 916 123 45 67'], ['+996 555 123 456'],
  ])('Should refuse %s as not a Kazakh mobile number', (raw) => {
    expect(normalizeKzMobile(raw)).toEqual({ ok: false, reason: 'verification:phone_invalid' });
  });

  it('Should mask the middle of a number for display', () => {
    expect(maskPhone('+77012345678')).toBe('+7 701 *** ** 78');
  });
});

describe('verification', () => {
  it('cl. 9(5): Should send a code only to the number on file and link the chat to the subscriber and all accounts', async () => {
    const { verification, store, smsTo, lastCode } = await setup();
    const sent = await verification.startVerification('telegram:42', '8 701 234 56 78');
    expect(sent).toMatchObject({ ok: true, value: { maskedPhone: '+7 701 *** ** 78', codeLength: 6, validMinutes: 5 } });
    const code = await lastCode(KNOWN_PHONE);
    const messages = await smsTo(KNOWN_PHONE);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ status: 'sent', provider: 'outbox', purpose: 'verify', chatKey: 'telegram:42' });
    expect(messages[0]?.text).toBe(`Код: ${code}. Чатқа кіруді растау. Ешкімге айтпаңыз.`);

    const linked = await verification.confirmCode('telegram:42', code.replace(/(\d{3})/, '$1 '));
    expect(linked).toMatchObject({ ok: true, value: { subscriberId: 'sub-1', fullName: 'Айгүл Серікқызы' } });
    if (!linked.ok) return;
    expect(linked.value.accounts.map((a) => a.number)).toEqual(['100000000001', '100000000002']);
    expect(linked.value.expiresAt.toISOString()).toBe('2026-06-08T06:00:00.000Z');
    expect(await verification.currentLink('telegram:42')).toMatchObject({ subscriberId: 'sub-1', phone: KNOWN_PHONE });
    expect((await store.chats.get('telegram:42'))?.subscriberId).toBe('sub-1');
    expect((await store.audit.list({ action: 'chat.linked' })).map((e) => e.actorId)).toEqual(['sub-1']);
  });

  it('Should write the SMS in the chat language', async () => {
    const { verification, store, lastCode } = await setup();
    await store.chats.touch('webchat', 'ru', new Date());
    await store.chats.setLanguage('webchat:ru', 'ru');
    await verification.startVerification('webchat:ru', KNOWN_PHONE);
    const code = await lastCode(KNOWN_PHONE);
    const [message] = await store.smsOutbox.list();
    expect(message?.text).toBe(`Код: ${code}. Подтверждение входа в чат. Никому не сообщайте.`);
  });

  it('Should refuse a number that is not a Kazakh mobile without sending anything', async () => {
    const { verification, store } = await setup();
    expect(await verification.startVerification('telegram:42', '+7 727 250 12 34')).toEqual({ ok: false, reason: 'verification:phone_invalid', params: {} });
    expect(await store.smsOutbox.list()).toEqual([]);
  });

  it('Attack: an unknown number gets the same answer as a known one, and no SMS is sent', async () => {
    const { verification, store, sms } = await setup();
    const known = await verification.startVerification('telegram:1', KNOWN_PHONE);
    const unknown = await verification.startVerification('telegram:2', UNKNOWN_PHONE);
    await sms.flush();
    expect(known.ok && unknown.ok).toBe(true);
    if (!known.ok || !unknown.ok) return;
    const { maskedPhone: knownMask, ...knownRest } = known.value;
    const { maskedPhone: unknownMask, ...unknownRest } = unknown.value;
    expect(unknownRest).toEqual(knownRest);
    expect([knownMask, unknownMask]).toEqual(['+7 701 *** ** 78', '+7 747 *** ** 11']);
    expect((await store.smsOutbox.list()).map((m) => m.to)).toEqual([KNOWN_PHONE]);
    // Guessing there looks exactly like guessing a real code.
    expect(await verification.confirmCode('telegram:2', '123456')).toEqual({ ok: false, reason: 'verification:wrong_code', params: { left: 4 } });
    expect(await verification.pending('telegram:2', 'verify')).toMatchObject({ delivery: 'sent', attemptsLeft: 4 });
    // And its limits are the same: a resend within 60 s is refused alike.
    expect(await verification.resend('telegram:2')).toEqual({ ok: false, reason: 'verification:too_soon', params: { seconds: 60 } });
  });

  it('Attack: guessing — 5 wrong tries lock the code, even the right code is refused afterwards', async () => {
    const { verification, store, lastCode } = await setup();
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    const code = await lastCode(KNOWN_PHONE);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await verification.confirmCode('telegram:42', wrong));
    expect(answers.map((a) => (a.ok ? 'ok' : `${a.reason} ${a.params.left ?? ''}`.trim()))).toEqual([
      'verification:wrong_code 4', 'verification:wrong_code 3', 'verification:wrong_code 2', 'verification:wrong_code 1',
      'verification:too_many_tries',
    ]);
    expect(await verification.confirmCode('telegram:42', code)).toMatchObject({ ok: false, reason: 'verification:too_many_tries' });
    expect((await store.chats.get('telegram:42'))?.subscriberId ?? null).toBeNull();
  });

  it('Should not count a malformed code as a try', async () => {
    const { verification } = await setup();
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    expect(await verification.confirmCode('telegram:42', 'abc')).toEqual({ ok: false, reason: 'verification:code_format', params: { length: 6 } });
    expect(await verification.confirmCode('telegram:42', '12345')).toMatchObject({ reason: 'verification:code_format' });
    expect((await verification.pending('telegram:42', 'verify'))?.attemptsLeft).toBe(5);
  });

  it('cl. 31(8): Attack: replaying a used code is refused, in the same chat and in another one', async () => {
    const { verification, lastCode } = await setup();
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    const code = await lastCode(KNOWN_PHONE);
    expect((await verification.confirmCode('telegram:42', code)).ok).toBe(true);
    expect(await verification.confirmCode('telegram:42', code)).toMatchObject({ ok: false, reason: 'verification:code_used' });
    expect(await verification.confirmCode('webchat:evil', code)).toMatchObject({ ok: false, reason: 'verification:no_pending' });
  });

  it('Should let exactly one of two simultaneous correct answers through', async () => {
    const { verification, lastCode } = await setup();
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    const code = await lastCode(KNOWN_PHONE);
    const results = await Promise.all([verification.confirmCode('telegram:42', code), verification.confirmCode('telegram:42', code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('Should refuse an expired code (5 minutes)', async () => {
    const { verification, clock, lastCode } = await setup();
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    const code = await lastCode(KNOWN_PHONE);
    clock.advance(5 * MINUTE);
    expect(await verification.confirmCode('telegram:42', code)).toMatchObject({ ok: false, reason: 'verification:code_expired' });
  });

  it('Attack: parallel verifications of one number from two chats — one code at a time, each code bound to its chat', async () => {
    const { verification, store, clock, sms, smsTo, lastCode } = await setup();
    const racing = await Promise.all([
      verification.startVerification('telegram:victim', KNOWN_PHONE),
      verification.startVerification('webchat:attacker', KNOWN_PHONE),
    ]);
    await sms.flush();
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.find((r) => !r.ok)).toMatchObject({ reason: 'verification:too_soon' });
    expect(await smsTo(KNOWN_PHONE)).toHaveLength(1);

    const winner = racing[0]?.ok ? 'telegram:victim' : 'webchat:attacker';
    const other = winner === 'telegram:victim' ? 'webchat:attacker' : 'telegram:victim';
    const firstCode = await lastCode(KNOWN_PHONE);
    clock.advance(61 * SECOND);
    expect((await verification.startVerification(other, KNOWN_PHONE)).ok).toBe(true);
    const secondCode = await lastCode(KNOWN_PHONE);
    // A code works only in the chat that asked for it.
    if (firstCode !== secondCode) {
      expect(await verification.confirmCode(other, firstCode)).toMatchObject({ ok: false, reason: 'verification:wrong_code' });
    }
    expect((await verification.confirmCode(winner, firstCode)).ok).toBe(true);
    expect((await store.chats.get(winner))?.subscriberId).toBe('sub-1');
    expect((await store.chats.get(other))?.subscriberId ?? null).toBeNull();
  });

  it('Attack: resend flooding — 60 s between codes; one chat takes at most 3 of the number\'s 5 an hour; no lock to renew', async () => {
    const { verification, clock, sms, smsTo, lastCode } = await setup();
    expect((await verification.startVerification('telegram:42', KNOWN_PHONE)).ok).toBe(true);
    expect(await verification.resend('telegram:42')).toEqual({ ok: false, reason: 'verification:too_soon', params: { seconds: 60 } });
    clock.advance(20 * SECOND);
    expect(await verification.resend('telegram:42')).toEqual({ ok: false, reason: 'verification:too_soon', params: { seconds: 40 } });
    const old = await lastCode(KNOWN_PHONE);
    for (let i = 0; i < 2; i += 1) {
      clock.advance(61 * SECOND);
      expect((await verification.resend('telegram:42')).ok).toBe(true);
    }
    clock.advance(61 * SECOND);
    // This chat has had its share; it waits until its first code is an hour old (60 − 3 × 61 s ≈ 57 min).
    expect(await verification.resend('telegram:42')).toEqual({ ok: false, reason: 'verification:requester_limit', params: { minutes: 57 } });
    // Another chat still gets the number's remaining two codes; then the number waits for its hour to roll on.
    for (const chat of ['webchat:a', 'webchat:b']) {
      clock.advance(61 * SECOND);
      expect((await verification.startVerification(chat, KNOWN_PHONE)).ok).toBe(true);
    }
    clock.advance(61 * SECOND);
    expect(await verification.startVerification('webchat:c', KNOWN_PHONE)).toEqual({ ok: false, reason: 'verification:locked', params: { minutes: 54 } });
    await sms.flush();
    expect(await smsTo(KNOWN_PHONE)).toHaveLength(5);
    clock.advance(55 * MINUTE);
    expect((await verification.resend('telegram:42')).ok).toBe(true);
    // Only the newest code of the chat works.
    const newest = await lastCode(KNOWN_PHONE);
    if (newest !== old) expect(await verification.confirmCode('telegram:42', old)).toMatchObject({ reason: 'verification:wrong_code' });
    expect((await verification.confirmCode('telegram:42', newest)).ok).toBe(true);
  });

  it('Should limit an unknown number exactly like a known one', async () => {
    const run = async (phone: string) => {
      const { verification, clock } = await setup();
      const reasons = [];
      for (let i = 0; i < 7; i += 1) {
        const r = await verification.startVerification(i < 3 ? 'telegram:42' : `webchat:${i}`, phone);
        reasons.push(r.ok ? 'ok' : r.reason);
        clock.advance(61 * SECOND);
      }
      return reasons;
    };
    expect(await run(UNKNOWN_PHONE)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'verification:locked', 'verification:locked']);
    expect(await run(KNOWN_PHONE)).toEqual(await run(UNKNOWN_PHONE));
  });

  it('Should stop one chat from cycling through many numbers (3 per 24 h)', async () => {
    const { verification, clock } = await setup();
    for (const phone of [UNKNOWN_PHONE, OTHER_PHONE, '+77051112233']) expect((await verification.startVerification('telegram:42', phone)).ok).toBe(true);
    expect(await verification.startVerification('telegram:42', KNOWN_PHONE)).toEqual({ ok: false, reason: 'verification:chat_limit', params: { hours: 24 } });
    clock.advance(61 * SECOND);
    expect((await verification.startVerification('telegram:42', OTHER_PHONE)).ok).toBe(true);
    clock.advance(24 * 60 * MINUTE);
    expect((await verification.startVerification('telegram:42', KNOWN_PHONE)).ok).toBe(true);
  });

  it('Should answer "no code requested" to a code without a pending verification', async () => {
    const { verification } = await setup();
    expect(await verification.confirmCode('telegram:42', '123456')).toEqual({ ok: false, reason: 'verification:no_pending', params: {} });
    expect(await verification.resend('telegram:42')).toEqual({ ok: false, reason: 'verification:no_pending', params: {} });
  });
});

describe('link lifetime and logout', () => {
  it('cl. 9(5): Should treat a link older than 90 days as unlinked', async () => {
    const { verification, clock, store, link } = await setup();
    await link('telegram:42');
    clock.advance(90 * 24 * 60 * MINUTE - 1);
    expect(await verification.currentLink('telegram:42')).not.toBeNull();
    clock.advance(1);
    expect(await verification.currentLink('telegram:42')).toBeNull();
    expect((await store.chats.get('telegram:42'))?.subscriberId).toBeNull();
  });

  it('Should unlink an expired chat by the persisted job, so notifications stop reaching it', async () => {
    const { clock, store, scheduler, link } = await setup();
    await link('telegram:42');
    clock.advance(90 * 24 * 60 * MINUTE);
    await scheduler.tick();
    expect(await store.chats.listBySubscriber('sub-1')).toEqual([]);
  });

  it('Should unlink on /logout and void pending codes', async () => {
    const { verification, store, clock, link, lastCode } = await setup();
    await link('telegram:42');
    clock.advance(61 * SECOND);
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    const pendingCode = await lastCode(KNOWN_PHONE);
    expect(await verification.logout('telegram:42')).toEqual({ ok: true, value: { subscriberId: 'sub-1' } });
    expect(await verification.currentLink('telegram:42')).toBeNull();
    expect(await verification.confirmCode('telegram:42', pendingCode)).toMatchObject({ reason: 'verification:no_pending' });
    expect(await verification.logout('telegram:42')).toEqual({ ok: false, reason: 'verification:not_linked', params: {} });
    expect((await store.audit.list({ action: 'chat.unlinked' })).length).toBe(1);
  });
});

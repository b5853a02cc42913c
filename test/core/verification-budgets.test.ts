/**
 * One-time-code budgets (issue 20 items 3 and 4), replaying what the probe did: one number got 7 codes and 35 wrong
 * codes in 37 minutes; wrong codes never locked the number; one client address asked codes for 60 numbers in 90 s;
 * and anyone could keep a subscriber from verifying. Rolling windows per number (≤ 5 an hour, ≤ 10 a day), wrong
 * codes counted per number across codes, budgets per chat and per address — and the subscriber still gets in.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_PHONE, OTHER_PHONE, setup } from './verification-fixtures.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const ABUSER = { address: '203.0.113.7' };
const SUBSCRIBER = { address: '198.51.100.23' };

/** A fresh web-chat session each time, as a script can make them for free. */
let sessions = 0;
const freshChat = () => `webchat:session-${(sessions += 1)}`;

describe('the number\'s own budget', () => {
  it('Should give one number at most 5 codes in any hour and 10 in any 24 hours, however many chats and addresses ask', async () => {
    const { verification, clock, sms, smsTo } = await setup();
    let sent = 0;
    for (let minute = 0; minute < 24 * 60; minute += 2) {
      const address = `192.0.2.${minute % 200}`;
      if ((await verification.startVerification(freshChat(), KNOWN_PHONE, { address })).ok) sent += 1;
      clock.advance(2 * MINUTE);
    }
    await sms.flush();
    expect(sent).toBe(10);
    expect(await smsTo(KNOWN_PHONE)).toHaveLength(10);
    const times = (await smsTo(KNOWN_PHONE)).map((m) => m.createdAt.getTime());
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 60 * MINUTE).length).toBeLessThanOrEqual(5);
  });

  it('Should count wrong codes per number across codes: after 10 from one chat, no new code and no try for it there', async () => {
    const { verification, clock } = await setup();
    const chat = 'telegram:42';
    const answers: string[] = [];
    const starts: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const started = await verification.startVerification(chat, KNOWN_PHONE);
      starts.push(started.ok ? 'ok' : started.reason);
      for (let i = 0; i < 5; i += 1) {
        const r = await verification.confirmCode(chat, '000000');
        answers.push(r.ok ? 'ok' : r.reason);
      }
      clock.advance(61 * SECOND);
    }
    // Two codes, five tries each; the third code is refused (not a lock of the number: other chats are not affected).
    expect(starts).toEqual(['ok', 'ok', 'verification:requester_limit']);
    expect(answers.slice(0, 10)).toEqual([...Array(4).fill('verification:wrong_code'), 'verification:too_many_tries', ...Array(4).fill('verification:wrong_code'), 'verification:too_many_tries']);
    expect(answers.slice(10)).toEqual(Array(5).fill('verification:too_many_tries'));
    expect((await verification.startVerification('telegram:43', KNOWN_PHONE)).ok).toBe(true);
  });

  it('Should stop guessing a number that 30 wrong codes from three addresses hit, for everyone, until the day rolls on', async () => {
    const { verification, clock, lastCode } = await setup();
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      for (let code = 0; code < 2; code += 1) {
        const chat = freshChat();
        await verification.startVerification(chat, KNOWN_PHONE, { address });
        for (let i = 0; i < 5; i += 1) await verification.confirmCode(chat, '000000', { address });
        clock.advance(20 * MINUTE);
      }
    }
    const chat = freshChat();
    expect(await verification.startVerification(chat, KNOWN_PHONE, SUBSCRIBER)).toMatchObject({ ok: false, reason: 'verification:locked' });
    clock.advance(24 * 60 * MINUTE);
    expect((await verification.startVerification(chat, KNOWN_PHONE, SUBSCRIBER)).ok).toBe(true);
    expect((await verification.confirmCode(chat, await lastCode(KNOWN_PHONE), SUBSCRIBER)).ok).toBe(true);
  });
});

describe('the requester\'s budget', () => {
  it('Attack: one address asking codes for 60 numbers in 90 s gets 10 numbers, each from a fresh session', async () => {
    const { verification, clock } = await setup();
    const answers: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const phone = `+7705${String(10_000_000 + i).slice(1)}`;
      const r = await verification.startVerification(freshChat(), phone, ABUSER);
      answers.push(r.ok ? 'ok' : r.reason);
      clock.advance(1500);
    }
    expect(answers.filter((a) => a === 'ok')).toHaveLength(10);
    expect(new Set(answers.slice(10))).toEqual(new Set(['verification:requester_limit']));
    // Another address is not affected.
    expect((await verification.startVerification(freshChat(), OTHER_PHONE, SUBSCRIBER)).ok).toBe(true);
    // The address gets numbers again once its hour has passed.
    clock.advance(60 * MINUTE);
    expect((await verification.startVerification(freshChat(), '+77059999999', ABUSER)).ok).toBe(true);
  });

  it('Should let a chat ask for at most 3 numbers a day, and one address take at most 3 of a number\'s codes an hour', async () => {
    const { verification, clock } = await setup();
    const answers: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await verification.startVerification(freshChat(), KNOWN_PHONE, ABUSER);
      answers.push(r.ok ? 'ok' : r.reason);
      clock.advance(61 * SECOND);
    }
    expect(answers).toEqual(['ok', 'ok', 'ok', 'verification:requester_limit']);
  });
});

describe('lockout abuse: the abuser is slowed down, not the subscriber', () => {
  it('Attack: an abuser burning a subscriber\'s codes and tries — the subscriber, from a fresh chat, still gets a code and gets in', async () => {
    const { verification, clock, sms, smsTo, lastCode } = await setup();
    // The abuser asks as fast as the limits let them, from many sessions on one address, and types wrong codes.
    const abuser: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const chat = freshChat();
      const r = await verification.startVerification(chat, KNOWN_PHONE, ABUSER);
      abuser.push(r.ok ? 'ok' : r.reason);
      if (r.ok) for (let k = 0; k < 5; k += 1) await verification.confirmCode(chat, '111111', ABUSER);
      clock.advance(61 * SECOND);
    }
    // Two codes went out for the abuser (10 wrong codes used its tries for the number); everything after is refused.
    expect(abuser.filter((a) => a === 'ok')).toHaveLength(2);
    expect(abuser.slice(2).every((a) => a === 'verification:requester_limit')).toBe(true);
    await sms.flush();
    expect(await smsTo(KNOWN_PHONE)).toHaveLength(2);

    // The real subscriber opens a fresh chat on their own phone: a code comes at once, and it works.
    const own = freshChat();
    expect((await verification.startVerification(own, KNOWN_PHONE, SUBSCRIBER)).ok).toBe(true);
    expect((await verification.confirmCode(own, await lastCode(KNOWN_PHONE), SUBSCRIBER)).ok).toBe(true);
  });

  it('Should make a subscriber whose number an abuser just used wait no longer than the resend interval', async () => {
    const { verification, clock } = await setup();
    expect((await verification.startVerification(freshChat(), KNOWN_PHONE, ABUSER)).ok).toBe(true);
    clock.advance(10 * SECOND);
    const own = freshChat();
    expect(await verification.startVerification(own, KNOWN_PHONE, SUBSCRIBER)).toEqual({ ok: false, reason: 'verification:too_soon', params: { seconds: 50 } });
    clock.advance(50 * SECOND);
    expect((await verification.startVerification(own, KNOWN_PHONE, SUBSCRIBER)).ok).toBe(true);
  });
});

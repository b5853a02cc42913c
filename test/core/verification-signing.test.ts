/**
 * Signing contract-changing actions with a fresh one-time code (contract cl. 3, 9(4), 9(5)): the signed application
 * is written and can be read back per subscriber.
 */
import { describe, expect, it } from 'vitest';
import type { SignatureQuote } from '../../core/verification/index.ts';
import { KNOWN_PHONE, OTHER_PHONE, setup } from './verification-fixtures.ts';

const planChange: SignatureQuote = {
  kind: 'plan_change',
  text: 'Тариф «Megaline Light» → «Megaline Plus» с 1 апреля 2026 г. Плата за переход: 0 ₸.',
  payload: { accountId: 'acc-1', fromPlanId: 'megaline-light', toPlanId: 'megaline-plus', feeTiyn: 0, effectiveFrom: '2026-04-01' },
};

describe('signing', () => {
  it('cl. 9(5): Should store the signed application — who, which number, channel and chat, the exact quote, when', async () => {
    const { verification, store, clock, link, lastCode, smsTo } = await setup();
    await link('telegram:42');
    await store.chats.setLanguage('telegram:42', 'ru');
    clock.advance(61_000);
    const requested = await verification.requestSignature('telegram:42', 'sub-1', planChange);
    expect(requested).toMatchObject({ ok: true, value: { maskedPhone: '+7 701 *** ** 78' } });
    const code = await lastCode(KNOWN_PHONE);
    expect((await smsTo(KNOWN_PHONE)).at(-1)).toMatchObject({ purpose: 'sign', text: `Код: ${code}. Подпись заявки: смена тарифа. Никому не сообщайте.` });

    clock.advance(30_000);
    const signed = await verification.sign('telegram:42', code);
    expect(signed).toMatchObject({
      ok: true,
      value: {
        subscriberId: 'sub-1', phone: KNOWN_PHONE, channel: 'telegram', chatKey: 'telegram:42', kind: 'plan_change',
        quote: planChange.text, payload: planChange.payload,
      },
    });
    const applications = await verification.listApplications('sub-1');
    expect(applications).toHaveLength(1);
    expect(applications[0]?.signedAt.toISOString()).toBe('2026-03-10T06:01:31.000Z');
    expect(applications[0]?.quote).toBe(planChange.text);
    expect(await verification.listApplications('sub-2')).toEqual([]);
    expect((await store.audit.list({ action: 'application.signed' })).map((e) => e.entityId)).toEqual([applications[0]?.id]);
  });

  it('Should need a fresh code for every application, and never accept the same code twice', async () => {
    const { verification, clock, link, lastCode } = await setup();
    await link('telegram:42');
    clock.advance(61_000);
    await verification.requestSignature('telegram:42', 'sub-1', planChange);
    const first = await lastCode(KNOWN_PHONE);
    expect((await verification.sign('telegram:42', first)).ok).toBe(true);
    expect(await verification.sign('telegram:42', first)).toMatchObject({ ok: false, reason: 'verification:code_used' });
    clock.advance(61_000);
    await verification.requestSignature('telegram:42', 'sub-1', { kind: 'refusal', text: 'Отказ от услуги «Домашний телефон» с 1 апреля.', payload: { services: ['phone'] } });
    expect((await verification.sign('telegram:42', await lastCode(KNOWN_PHONE))).ok).toBe(true);
    expect((await verification.listApplications('sub-1')).map((a) => a.kind)).toEqual(['refusal', 'plan_change']);
  });

  it('Should not let the verification code sign anything', async () => {
    const { verification, lastCode } = await setup();
    await verification.startVerification('telegram:42', KNOWN_PHONE);
    const code = await lastCode(KNOWN_PHONE);
    expect((await verification.confirmCode('telegram:42', code)).ok).toBe(true);
    expect(await verification.sign('telegram:42', code)).toMatchObject({ ok: false, reason: 'verification:no_pending' });
  });

  it('Should refuse to sign for a subscriber the chat is not linked to', async () => {
    const { verification, link, store } = await setup();
    expect(await verification.requestSignature('telegram:42', 'sub-1', planChange)).toMatchObject({ ok: false, reason: 'verification:not_linked' });
    await link('telegram:42');
    expect(await verification.requestSignature('telegram:42', 'sub-2', planChange)).toMatchObject({ ok: false, reason: 'verification:not_linked' });
    expect((await store.smsOutbox.list()).filter((m) => m.to === OTHER_PHONE)).toEqual([]);
  });

  it('Should refuse a wrong signing code and lock it after 5 tries', async () => {
    const { verification, clock, link, lastCode } = await setup();
    await link('telegram:42');
    clock.advance(61_000);
    await verification.requestSignature('telegram:42', 'sub-1', planChange);
    const code = await lastCode(KNOWN_PHONE);
    const wrong = code === '999999' ? '888888' : '999999';
    expect(await verification.sign('telegram:42', wrong)).toEqual({ ok: false, reason: 'verification:wrong_code', params: { left: 4 } });
    for (let i = 0; i < 4; i += 1) await verification.sign('telegram:42', wrong);
    expect(await verification.sign('telegram:42', code)).toMatchObject({ ok: false, reason: 'verification:too_many_tries' });
    expect(await verification.listApplications('sub-1')).toEqual([]);
  });

  it('Should resend a signing code for the same quote after 60 s, and the old code stops working', async () => {
    const { verification, clock, link, lastCode } = await setup();
    await link('telegram:42');
    clock.advance(61_000);
    await verification.requestSignature('telegram:42', 'sub-1', planChange);
    const old = await lastCode(KNOWN_PHONE);
    expect(await verification.resendSignature('telegram:42')).toMatchObject({ ok: false, reason: 'verification:too_soon' });
    clock.advance(61_000);
    expect((await verification.resendSignature('telegram:42')).ok).toBe(true);
    const fresh = await lastCode(KNOWN_PHONE);
    if (old !== fresh) expect(await verification.sign('telegram:42', old)).toMatchObject({ reason: 'verification:wrong_code' });
    expect(await verification.sign('telegram:42', fresh)).toMatchObject({ ok: true, value: { quote: planChange.text } });
  });

  it('Should refuse to sign once the link has expired', async () => {
    const { verification, clock, link, lastCode } = await setup();
    await link('telegram:42');
    clock.advance(90 * 24 * 3_600_000 - 120_000);
    await verification.requestSignature('telegram:42', 'sub-1', planChange);
    const code = await lastCode(KNOWN_PHONE);
    clock.advance(120_000);
    expect(await verification.sign('telegram:42', code)).toMatchObject({ ok: false, reason: 'verification:not_linked' });
  });
});

/**
 * @module Verification by one-time SMS code (journey 2): ask the number (Telegram offers "share my contact"),
 * send the code through the core use case, take the code, offer resend / another number / cancel. The use case
 * decides everything (which numbers get a code, limits); this dialog only asks and shows its answers.
 * On success it continues to the journey that asked for verification (`then`), or the menu.
 */
import { go, missed, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { OutboundMessage } from '../engine/types.ts';

interface VerifyArgs {
  then?: string;
  thenArgs?: unknown;
  phone?: string;
}

interface VerifyData {
  step: 'phone' | 'code';
  then: string | null;
  thenArgs: unknown;
  /** The number the code went to, masked by the use case (+7 701 *** ** 78). */
  phone: string | null;
}

function askPhone(ctx: DialogContext): OutboundMessage {
  return {
    text: ctx.t(ctx.capabilities.contactRequest ? 'bot:verify.askPhoneOrShare' : 'bot:verify.askPhone'),
    ...(ctx.capabilities.contactRequest ? { requestContact: { label: ctx.t('bot:verify.shareContact') } } : {}),
    choices: [{ id: 'cancel', label: ctx.t('bot:verify.cancel'), synonyms: ['отмена', 'болдырмау', 'cancel'] }],
  };
}

function askCode(ctx: DialogContext, text: string): OutboundMessage {
  return {
    text,
    choices: [
      { id: 'resend', label: ctx.t('bot:verify.resend') },
      { id: 'change', label: ctx.t('bot:verify.changeNumber') },
      { id: 'cancel', label: ctx.t('bot:verify.cancel'), synonyms: ['отмена', 'болдырмау', 'cancel'] },
    ],
  };
}

async function sendCode(ctx: DialogContext, data: VerifyData, phone: string): Promise<Step> {
  const result = await ctx.services.verification.startVerification(ctx.chat.key, phone, ctx.origin);
  if (!result.ok) {
    const again = stay({ ...data, step: 'phone' }, [{ text: ctx.t(result.reason, result.params) }, askPhone(ctx)]);
    // Not a number at all is a miss (the way on is offered); a limit reached is an answer, not a misunderstanding.
    return result.reason === 'verification:phone_invalid' ? missed(again) : again;
  }
  const { maskedPhone, validMinutes } = result.value;
  const sent = { ...data, step: 'code' as const, phone: maskedPhone };
  return stay(sent, [askCode(ctx, ctx.t('verification:code_sent', { phone: maskedPhone, minutes: validMinutes }))]);
}

export const verify: Dialog<VerifyData> = {
  id: 'verify',
  async start(ctx, args) {
    const a = (args ?? {}) as VerifyArgs;
    const data: VerifyData = { step: 'phone', then: a.then ?? null, thenArgs: a.thenArgs, phone: null };
    if (ctx.linked) return go(data.then ?? 'menu', data.thenArgs, [{ text: ctx.t('bot:verify.already') }]);
    const intro = a.then ? [{ text: ctx.t('bot:verify.needed') }] : [];
    if (a.phone) return sendCode(ctx, data, a.phone);
    return stay(data, [...intro, askPhone(ctx)]);
  },

  async handle(input, stored, ctx) {
    const data: VerifyData = stored ?? { step: 'phone', then: null, thenArgs: undefined, phone: null };
    if (input.kind === 'choice') {
      switch (input.id) {
        case 'cancel':
          return toMenu([{ text: ctx.t('bot:verify.cancelled'), replaceMenu: true }]);
        case 'change':
          return stay({ ...data, step: 'phone', phone: null }, [askPhone(ctx)]);
        case 'resend': {
          const result = await ctx.services.verification.resend(ctx.chat.key, ctx.origin);
          const text = result.ok
            ? ctx.t('bot:verify.resent', { phone: result.value.maskedPhone })
            : ctx.t(result.reason, result.params);
          return stay(data, [askCode(ctx, text)]);
        }
      }
      return missed(stay(data, verify.prompt!(data, ctx)));
    }
    if (input.kind === 'contact') return sendCode(ctx, data, input.phone);
    if (data.step === 'phone') return sendCode(ctx, data, input.text);

    // Words are not a code; digits of the wrong length are the use case's to explain (and do not count as a try).
    if (!/^[\d\s-]+$/.test(input.text)) return missed(stay(data, [askCode(ctx, ctx.t('bot:verify.codeFormat'))]));
    const result = await ctx.services.verification.confirmCode(ctx.chat.key, input.text, ctx.origin);
    if (!result.ok) return stay(data, [askCode(ctx, ctx.t(result.reason, result.params))]);
    const done = ctx.t('verification:linked', { count: result.value.accounts.length });
    return go(data.then ?? 'menu', data.thenArgs, [{ text: done }]);
  },

  prompt(data, ctx) {
    if (data?.step === 'code') return [askCode(ctx, ctx.t('bot:verify.enterCode'))];
    return [askPhone(ctx)];
  },

  // During a hand-off the number and the code still come here: the code must never reach a person.
  awaits: (data) => (data?.step === 'code' ? 'code' : 'phone'),
};

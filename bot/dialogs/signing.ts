/**
 * @module Signing an application with a fresh one-time code, shared by plan change, refusal and instalment
 * (contract cl. 3, 9(4), 9(5): a correct code sent to the verified number is a written application). The dialog
 * shows the exact quote; this asks core to send the code, reads the code and hands the signed application back.
 */
import type { Application } from '../../core/applications/model.ts';
import type { SignatureQuote } from '../../core/verification/types.ts';
import { missed, stay, toMenu, type Dialog, type DialogContext, type DialogInput, type Step } from '../engine/dialog.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { cancelChoice } from './accounts.ts';

/** What a dialog keeps while waiting for the signing code. */
export interface SigningData {
  step: 'code';
}

function codeQuestion(ctx: DialogContext, text: string): OutboundMessage {
  return {
    text,
    choices: [{ id: 'resend', label: ctx.t('selfservice:sign.resend') }, cancelChoice(ctx)],
  };
}

/**
 * Sends the signing code for `quote` and asks for it; `data` is what the dialog keeps meanwhile (its `step`
 * becomes 'code'). A refusal (e.g. too many codes) is explained and the dialog stays where it was.
 */
export async function requestSignature<D extends { step: string }>(ctx: DialogContext, data: D, quote: SignatureQuote): Promise<Step> {
  const subscriberId = ctx.chat.subscriberId;
  if (!subscriberId) return toMenu([{ text: ctx.t('verification:not_linked') }]);
  const sent = await ctx.services.verification.requestSignature(ctx.chat.key, subscriberId, quote);
  if (!sent.ok) return stay(data, [{ text: ctx.t(sent.reason, sent.params) }]);
  const text = ctx.t('verification:sign.code_sent', { action: ctx.t(`verification:kind.${quote.kind}`), phone: sent.value.maskedPhone });
  return stay({ ...data, step: 'code' }, [codeQuestion(ctx, `${text}\n${ctx.t('verification:sign.ask_code')}`)]);
}

/** Repeats the code question (after a sticker or a stale button). */
export function askCodeAgain(ctx: DialogContext): OutboundMessage[] {
  return [codeQuestion(ctx, ctx.t('verification:sign.ask_code'))];
}

/**
 * Handles input while waiting for the code: resend, cancel, or the code itself. A wrong or expired code is
 * explained (the use case counts tries); a correct one signs, and `onSigned` turns the application into the order.
 */
export async function handleCode<D>(
  ctx: DialogContext, data: D, input: DialogInput, onSigned: (application: Application) => Promise<Step>,
): Promise<Step> {
  if (input.kind === 'choice' && input.id === 'cancel') return toMenu([{ text: ctx.t('selfservice:sign.cancelled'), replaceMenu: true }]);
  if (input.kind === 'choice' && input.id === 'resend') {
    const again = await ctx.services.verification.resendSignature(ctx.chat.key);
    const text = again.ok
      ? ctx.t('selfservice:sign.resent', { phone: again.value.maskedPhone })
      : ctx.t(again.reason, again.params);
    return stay(data, [codeQuestion(ctx, text)]);
  }
  if (input.kind !== 'text' || !/^[\d\s-]+$/.test(input.text)) return missed(stay(data, askCodeAgain(ctx)));
  const signed = await ctx.services.verification.sign(ctx.chat.key, input.text);
  if (!signed.ok) return stay(data, [codeQuestion(ctx, ctx.t(signed.reason, signed.params))]);
  return onSigned(signed.value);
}

/**
 * The step that tells the subscriber what became of a signed application, marked so: once its reply has left, the
 * application is done (a crash before leaves it to the sweep, which tells them — never silence).
 * @example return handleCode(ctx, data, input, async (application) => answers(application, await ordered(application)));
 */
export function answers(application: Application, step: Step): Step {
  return { ...step, effects: [...step.effects, { kind: 'answered', applicationId: application.id }] };
}

/**
 * Marks a dialog that signs with `requestSignature` as awaiting a one-time code while its data says `step: 'code'`
 * (SigningData): during a hand-off the code goes to the dialog, never to a person, and the conversation log masks it.
 * @example registry.dialog(signsWithCode(plan));
 */
export function signsWithCode<D>(dialog: Dialog<D>): Dialog<D> {
  return {
    ...dialog,
    awaits: (data) => ((data as { step?: unknown } | null)?.step === 'code' ? 'code' : (dialog.awaits?.(data) ?? null)),
  };
}

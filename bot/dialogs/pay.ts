/**
 * @module Payment (journey 4): the amount core suggests — debt with penalty, to the tiyn (`Balance.totalDueTiyn`) —
 * or any amount within the limits, then a payment link from the configured gateway. The receipt comes later, when
 * the gateway's signed callback arrives (notifications.ts). An account whose status takes no payments (seed 001:
 * closed, archive) is told why.
 */
import { checkOperation } from '../../core/accounts/operations.ts';
import { explain } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import { parseAmount } from '../../core/selfservice/amount.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { missed, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { Choice, OutboundMessage } from '../engine/types.ts';
import { askAccount, cancelChoice, chosenAccount, selfService, subscriberAccounts, accountToStart } from './accounts.ts';

interface PayData {
  step: 'pick' | 'amount' | 'custom';
  accountNumber: string | null;
  /** What core suggested (debt + penalty), in tiyn. */
  suggestedTiyn: number;
}

function askCustom(ctx: DialogContext): OutboundMessage {
  const { minTiyn, maxTiyn } = selfService(ctx).payments.limits;
  return {
    text: ctx.t('selfservice:pay.askAmount', { min: formatMoney(minTiyn, ctx.language), max: formatMoney(maxTiyn, ctx.language) }),
    choices: [cancelChoice(ctx)],
  };
}

/** Shows what is owed and offers to pay exactly that, or another amount. */
async function offer(ctx: DialogContext, accountNumber: string): Promise<Step> {
  const balance = await selfService(ctx).billing.getBalance(accountNumber);
  if (!balance) return toMenu([{ text: ctx.t('payments:error.unknownAccount') }]);
  const allowed = checkOperation(balance.status, 'acceptPayment');
  if (!allowed.ok) return toMenu([{ text: explain(allowed, ctx.language) }]);
  const data: PayData = { step: 'amount', accountNumber, suggestedTiyn: balance.totalDueTiyn };
  if (balance.totalDueTiyn === 0) {
    return stay({ ...data, step: 'custom' }, [{ text: ctx.t('selfservice:pay.nothingDue', { number: accountNumber }) }, askCustom(ctx)]);
  }
  const money = (tiyn: number) => formatMoney(tiyn, ctx.language);
  const text = [
    ctx.t('selfservice:pay.due', { number: accountNumber, amount: money(balance.totalDueTiyn) }),
    ...(balance.penaltyTiyn > 0 ? [ctx.t('selfservice:pay.includesPenalty', { penalty: money(balance.penaltyTiyn) })] : []),
  ].join('\n');
  return stay(data, [{ text, choices: amountChoices(ctx, balance.totalDueTiyn) }]);
}

function amountChoices(ctx: DialogContext, suggestedTiyn: number): Choice[] {
  return [
    { id: 'suggested', label: ctx.t('selfservice:pay.paySuggested', { amount: formatMoney(suggestedTiyn, ctx.language) }) },
    { id: 'custom', label: ctx.t('selfservice:pay.otherAmount') },
    cancelChoice(ctx),
  ];
}

/** Asks core for the payment link and sends it. */
async function link(ctx: DialogContext, data: PayData, amountTiyn: number): Promise<Step> {
  const accountNumber = data.accountNumber ?? '';
  const created = await selfService(ctx).payments.createPayment({
    accountNumber, amountTiyn, chatKey: ctx.chat.key, language: ctx.language,
    description: ctx.t('payments:description', { account: accountNumber }),
  });
  if (!created.ok) {
    const why = explain(created, ctx.language);
    return created.reason === 'payments:amount.outOfLimits'
      ? stay({ ...data, step: 'custom' }, [{ text: why }, askCustom(ctx)])
      : toMenu([{ text: why }]);
  }
  const amount = formatMoney(amountTiyn, ctx.language);
  return toMenu([{
    text: ctx.t('selfservice:pay.link', { amount, number: accountNumber, url: created.value.url }),
    link: { url: created.value.url, label: ctx.t('selfservice:pay.open', { amount }) },
  }]);
}

export const pay: Dialog<PayData> = {
  id: 'pay',
  requiresLink: true,

  async start(ctx, args) {
    const accounts = await subscriberAccounts(ctx);
    if (accounts.length === 0) return toMenu([{ text: ctx.t('selfservice:account.none') }]);
    const only = accountToStart(accounts, args);
    if (only) return offer(ctx, only);
    return stay({ step: 'pick', accountNumber: null, suggestedTiyn: 0 }, [askAccount(ctx, accounts, ctx.t('selfservice:account.pickForPay'))]);
  },

  async handle(input, data, ctx) {
    if (input.kind === 'choice' && input.id === 'cancel') return toMenu([{ text: ctx.t('selfservice:common.cancelled'), replaceMenu: true }]);
    if (data.step === 'pick') {
      const accounts: PersonalAccount[] = await subscriberAccounts(ctx);
      const picked = input.kind === 'contact' ? null : chosenAccount(input, accounts);
      return picked ? offer(ctx, picked) : missed(stay(data, pay.prompt!(data, ctx)));
    }
    if (input.kind === 'choice' && input.id === 'suggested' && data.step === 'amount') return link(ctx, data, data.suggestedTiyn);
    if (input.kind === 'choice' && input.id === 'custom') return stay({ ...data, step: 'custom' }, [askCustom(ctx)]);
    if (input.kind === 'text') {
      const amount = parseAmount(input.text);
      if (amount.ok) return link(ctx, data, amount.value);
      return missed(stay({ ...data, step: 'custom' }, [{ text: ctx.t(amount.reason) }, askCustom(ctx)]));
    }
    return missed(stay(data, pay.prompt!(data, ctx)));
  },

  prompt(data, ctx) {
    if (data?.step === 'custom') return [askCustom(ctx)];
    if (data?.step === 'amount') return [{ text: ctx.t('selfservice:pay.chooseAmount'), choices: amountChoices(ctx, data.suggestedTiyn) }];
    return [{ text: ctx.t('selfservice:account.pickForPay') }];
  },
};

/**
 * @module Requesting an instalment agreement for overdue debt (cl. 12 para 3: debt paid in stages, signed by SMS
 * code; seed 001 status 6: a signed agreement restores a disconnected account). The way out offered when a status
 * forbids orders. The request is signed with a fresh code and goes to the back office as a ticket; the agreement's
 * terms are settled by a person.
 */
import { explain } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import { mayRequestInstalment } from '../../core/selfservice/way-out.ts';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { missed, stay, toMenu, type Dialog } from '../engine/dialog.ts';
import { cancelChoice, selfService, subscriberAccounts } from './accounts.ts';
import { askCodeAgain, handleCode, requestSignature } from './signing.ts';

interface InstalmentData {
  step: 'confirm' | 'code';
  accountNumber: string;
  quote: string;
}

export const instalment: Dialog<InstalmentData> = {
  id: 'instalment',
  requiresLink: true,

  async start(ctx, args) {
    const wanted = (args as { accountNumber?: string } | undefined)?.accountNumber;
    const account = (await subscriberAccounts(ctx)).find((a) => a.number === wanted);
    const balance = account ? await selfService(ctx).billing.getBalance(account.number) : null;
    if (!account || !balance) return toMenu([{ text: ctx.t('payments:error.unknownAccount') }]);
    if (!mayRequestInstalment(balance)) return toMenu([{ text: ctx.t('selfservice:instalment.notNeeded') }]);
    const money = (tiyn: number) => formatMoney(tiyn, ctx.language);
    const quote = ctx.t('selfservice:instalment.quote', {
      number: account.number, overdue: money(balance.overdueDebtTiyn), penalty: money(balance.penaltyTiyn), total: money(balance.totalDueTiyn),
    });
    return stay({ step: 'confirm', accountNumber: account.number, quote }, [{
      text: `${quote}\n\n${ctx.t('selfservice:sign.explain')}`,
      choices: [{ id: 'sign', label: ctx.t('selfservice:sign.button') }, cancelChoice(ctx)],
    }]);
  },

  async handle(input, data, ctx) {
    if (data.step === 'code') {
      return handleCode(ctx, data, input, async (application) => {
        const done = await selfService(ctx).requestInstalment(application);
        if (!done.ok) return toMenu([{ text: explain(done, ctx.language) }]);
        return toMenu([{ text: ctx.t('selfservice:instalment.accepted', { ticket: formatTicketNumber(done.value.ticket.number) }) }]);
      });
    }
    if (input.kind === 'choice' && input.id === 'cancel') return toMenu([{ text: ctx.t('selfservice:common.cancelled'), replaceMenu: true }]);
    if (input.kind === 'choice' && input.id === 'sign') {
      return requestSignature(ctx, data, { kind: 'instalment', text: data.quote, payload: { accountNumber: data.accountNumber } });
    }
    return missed(stay(data, instalment.prompt!(data, ctx)));
  },

  prompt(data, ctx) {
    if (data?.step === 'code') return askCodeAgain(ctx);
    return [{ text: ctx.t('selfservice:sign.explain'), choices: [{ id: 'sign', label: ctx.t('selfservice:sign.button') }, cancelChoice(ctx)] }];
  },
};

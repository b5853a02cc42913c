/**
 * @module Megaline plan change (journey 5): the plans this account may switch to (eligibility from core), each with
 * speed and monthly fee; the quote from core (fee: upgrade free, same or lower speed 10 % of the connection fee;
 * effective date; term-contract warning, cl. 32(22)); confirmation signed with a fresh code (cl. 9(5)); the order
 * built from the signed application. When the status forbids orders (seed 001: overdue, disconnected, closed…),
 * the refusal is explained with the way out: pay, or request an instalment agreement.
 */
import { explain, formatDate } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import type { PlanChangeQuote, PlanOption } from '../../core/billing/port.ts';
import { wayOut } from '../../core/selfservice/way-out.ts';
import { go, missed, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import { fitLabel } from '../engine/render.ts';
import type { Choice, OutboundMessage } from '../engine/types.ts';
import { askAccount, cancelChoice, menuChoice, pickAccount, selfService, subscriberAccounts, accountToStart } from './accounts.ts';
import { answers, askCodeAgain, handleCode, requestSignature } from './signing.ts';

interface PlanData {
  step: 'pick' | 'plans' | 'quote' | 'code' | 'blocked';
  accountNumber: string | null;
  toPlanId: string | null;
  quoteId: string | null;
  /** The exact quote text shown; it is what the subscriber signs. */
  quote: string | null;
  /** At `blocked`: the ways out offered (pay this much, request an instalment), offered again after a miss. */
  wayOut?: { payTiyn: number | null; instalment: boolean };
}

const empty: PlanData = { step: 'pick', accountNumber: null, toPlanId: null, quoteId: null, quote: null };

/** The buttons of the `blocked` step: the ways out, then the main menu. */
function blockedChoices(ctx: DialogContext, way: PlanData['wayOut']): Choice[] {
  const choices: Choice[] = [];
  if (way?.payTiyn) choices.push({ id: 'pay', label: ctx.t('selfservice:plan.payDebt', { amount: formatMoney(way.payTiyn, ctx.language) }) });
  if (way?.instalment) choices.push({ id: 'instalment', label: ctx.t('selfservice:plan.requestInstalment') });
  return [...choices, menuChoice(ctx)];
}

/** "512 кбит/с" or "2 Мбит/с". */
export function speed(ctx: DialogContext, kbps: number): string {
  return kbps >= 1024 && kbps % 1024 === 0
    ? ctx.t('selfservice:plan.mbps', { value: kbps / 1024 })
    : ctx.t('selfservice:plan.kbps', { value: kbps });
}

function planLine(ctx: DialogContext, p: PlanOption): string {
  const traffic = p.includedMb === null ? ctx.t('selfservice:plan.unmetered') : ctx.t('selfservice:plan.includedMb', { mb: p.includedMb });
  const base = ctx.t('selfservice:plan.line', {
    name: p.name, speed: speed(ctx, p.downKbps), traffic, fee: formatMoney(p.monthlyFeeTiyn, ctx.language),
  });
  if (p.current) return `• ${base} — ${ctx.t('selfservice:plan.current')}`;
  if (p.unavailableReason) return `• ${base} — ${ctx.t('selfservice:plan.unavailable')}`;
  return `• ${base}`;
}

/** The quote as the subscriber reads and signs it. */
export function quoteText(ctx: DialogContext, quote: PlanChangeQuote, from: PlanOption | undefined, to: PlanOption): string {
  const money = (tiyn: number) => formatMoney(tiyn, ctx.language);
  const lines = [
    ctx.t('selfservice:plan.quoteTitle', { number: quote.accountNumber }),
    ...(from ? [ctx.t('selfservice:plan.from', { name: from.name, speed: speed(ctx, from.downKbps), fee: money(quote.monthlyFeeFromTiyn) })] : []),
    ctx.t('selfservice:plan.to', { name: to.name, speed: speed(ctx, to.downKbps), fee: money(quote.monthlyFeeToTiyn) }),
    quote.feeTiyn === 0 ? ctx.t('rules:plan.upgradeFree') : ctx.t('rules:plan.fee', { amount: money(quote.feeTiyn) }),
    ctx.t('rules:plan.effective', { date: formatDate(quote.effectiveDate, ctx.language) }),
  ];
  if (quote.termContractWarning) lines.push(`⚠️ ${ctx.t('rules:plan.termContractWarning', { date: formatDate(quote.termContractWarning.until, ctx.language) })}`);
  if (to.demoPrice) lines.push(ctx.t('rules:plan.demoPrice'));
  return lines.join('\n');
}

/** Why no plan can be ordered, with the way out (pay / instalment) when core says there is one. */
async function blocked(ctx: DialogContext, accountNumber: string, options: PlanOption[]): Promise<Step | null> {
  const probe = options.find((p) => !p.current && p.unavailableReason !== null);
  if (!probe || options.some((p) => !p.current && p.unavailableReason === null)) return null;
  const service = selfService(ctx);
  const refusal = await service.billing.quotePlanChange(accountNumber, probe.planId);
  if (refusal.ok) return null;
  const balance = await service.billing.getBalance(accountNumber);
  const way = balance ? wayOut(refusal.reason, balance) : { pay: null, instalment: false };
  const offered = { payTiyn: way.pay?.amountTiyn ?? null, instalment: way.instalment };
  const text = [ctx.t('selfservice:plan.blocked'), explain(refusal, ctx.language)].join('\n');
  return stay({ ...empty, step: 'blocked', accountNumber, wayOut: offered }, [{ text, choices: blockedChoices(ctx, offered) }]);
}

async function listPlans(ctx: DialogContext, accountNumber: string, before: OutboundMessage[] = []): Promise<Step> {
  const listed = await selfService(ctx).billing.listPlans(accountNumber);
  if (!listed.ok) return toMenu([...before, { text: explain(listed, ctx.language) }]);
  const stop = await blocked(ctx, accountNumber, listed.value);
  if (stop) return { ...stop, say: [...before, ...stop.say] };
  const selectable = listed.value.filter((p) => !p.current && p.unavailableReason === null);
  const choices: Choice[] = selectable.slice(0, ctx.capabilities.maxChoices - 1).map((p) => ({
    id: `plan:${p.planId}`,
    label: fitLabel(ctx.t('selfservice:plan.choice', { name: p.name, speed: speed(ctx, p.downKbps), fee: formatMoney(p.monthlyFeeTiyn, ctx.language) }), ctx.capabilities.maxLabelLength),
    synonyms: [p.name.toLowerCase()],
  }));
  const text = [ctx.t('selfservice:plan.listTitle', { number: accountNumber }), ...listed.value.map((p) => planLine(ctx, p))];
  if (listed.value.some((p) => p.demoPrice)) text.push('', ctx.t('rules:plan.demoPrice'));
  return stay({ ...empty, step: 'plans', accountNumber }, [...before, { text: text.join('\n'), choices: [...choices, cancelChoice(ctx)] }]);
}

async function showQuote(ctx: DialogContext, accountNumber: string, planId: string): Promise<Step> {
  const service = selfService(ctx);
  const [quoted, listed] = await Promise.all([service.billing.quotePlanChange(accountNumber, planId), service.billing.listPlans(accountNumber)]);
  if (!quoted.ok) return listPlans(ctx, accountNumber, [{ text: explain(quoted, ctx.language) }]);
  const options = listed.ok ? listed.value : [];
  const to = options.find((p) => p.planId === planId);
  if (!to) return listPlans(ctx, accountNumber);
  const quote = quoteText(ctx, quoted.value, options.find((p) => p.current), to);
  const data: PlanData = { step: 'quote', accountNumber, toPlanId: planId, quoteId: quoted.value.quoteId, quote };
  return stay(data, [{
    text: `${quote}\n\n${ctx.t('selfservice:sign.explain')}`,
    choices: [
      { id: 'sign', label: ctx.t('selfservice:sign.button') },
      { id: 'back', label: ctx.t('selfservice:plan.otherPlan') },
      cancelChoice(ctx),
    ],
  }]);
}

export const plan: Dialog<PlanData> = {
  id: 'plan',
  // An account number typed while picking one is an answer to the bot, not a message for a person.
  awaits: (data) => (data?.step === 'pick' ? 'text' : null),
  requiresLink: true,

  async start(ctx, args) {
    const accounts = (await subscriberAccounts(ctx)).filter((a) => a.services.includes('megaline') || a.planId);
    if (accounts.length === 0) return toMenu([{ text: ctx.t('selfservice:plan.noMegaline') }]);
    const only = accountToStart(accounts, args);
    const planId = (args as { planId?: string } | undefined)?.planId;
    if (only && planId) return showQuote(ctx, only, planId);
    if (only) return listPlans(ctx, only);
    return stay(empty, [askAccount(ctx, accounts, ctx.t('selfservice:account.pickForPlan'))]);
  },

  async handle(input, data, ctx) {
    if (data.step === 'code') {
      return handleCode(ctx, data, input, async (application) => {
        const order = await selfService(ctx).orderPlanChange(application);
        if (!order.ok) return answers(application, await listPlans(ctx, data.accountNumber ?? '', [{ text: explain(order, ctx.language) }]));
        const { quote, applied } = order.value;
        const text = applied
          ? ctx.t('selfservice:plan.applied', { number: quote.accountNumber })
          : ctx.t('selfservice:plan.ordered', { number: quote.accountNumber, date: formatDate(quote.effectiveDate, ctx.language) });
        return answers(application, toMenu([{ text }]));
      });
    }
    if (input.kind === 'choice') {
      switch (input.id) {
        case 'cancel':
          return toMenu([{ text: ctx.t('selfservice:common.cancelled'), replaceMenu: true }]);
        case 'menu':
          return toMenu();
        case 'pay':
          return go('pay', { accountNumber: data.accountNumber });
        case 'instalment':
          return go('instalment', { accountNumber: data.accountNumber });
        case 'back':
          return listPlans(ctx, data.accountNumber ?? '');
        case 'sign':
          if (data.step !== 'quote' || !data.quote) break;
          return requestSignature(ctx, data, {
            kind: 'plan_change', text: data.quote,
            payload: { accountNumber: data.accountNumber, toPlanId: data.toPlanId, quoteId: data.quoteId },
          });
      }
      if (input.id.startsWith('plan:') && data.accountNumber) return showQuote(ctx, data.accountNumber, input.id.slice(5));
    }
    if (data.step === 'pick' && input.kind !== 'contact') {
      const pick = pickAccount(ctx, input, await subscriberAccounts(ctx), ctx.t('selfservice:account.pickForPlan'));
      if (pick.kind === 'picked') return listPlans(ctx, pick.number);
      if (pick.kind === 'stale') return stay(data, pick.say);
    }
    return missed(stay(data, plan.prompt!(data, ctx)));
  },

  prompt(data, ctx) {
    if (data?.step === 'code') return askCodeAgain(ctx);
    if (data?.step === 'quote') return [{ text: ctx.t('selfservice:sign.explain'), choices: [{ id: 'sign', label: ctx.t('selfservice:sign.button') }, { id: 'back', label: ctx.t('selfservice:plan.otherPlan') }, cancelChoice(ctx)] }];
    if (data?.step === 'plans') return [{ text: ctx.t('selfservice:plan.choose') }];
    if (data?.step === 'blocked') return [{ text: ctx.t('selfservice:plan.blocked'), choices: blockedChoices(ctx, data.wayOut) }];
    return [{ text: ctx.t('selfservice:account.pickForPlan') }];
  },
};

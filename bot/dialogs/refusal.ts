/**
 * @module Refusal of services (journey 7; App. 4, cl. 13, 32(14), 34(6)): some services or the whole contract;
 * the consequences from core — debt to settle up to the termination date, operator equipment to return (cl. 32(10))
 * with how to hand it back, the prepayment refunded within 10 working days or offset (cl. 21(2)), the term-contract
 * warning (cl. 32(22)), later charges within a month (App. 4); the reason (App. 4's ten, or free text); a retention
 * offer when one answers the reason; then the summary, signed with a fresh code. Core orders it from the signed
 * application and opens the back-office ticket.
 */
import { checkOperation } from '../../core/accounts/operations.ts';
import { explain, formatDate } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import { REFUSAL_REASONS, type RefusalQuote, type RefusalReason } from '../../core/billing/port.ts';
import { parseIban } from '../../core/selfservice/iban.ts';
import { retentionOffer, type RetentionOffer } from '../../core/selfservice/retention.ts';
import { wayOut } from '../../core/selfservice/way-out.ts';
import type { EquipmentReturnOption } from '../../core/selfservice/orders.ts';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { go, missed, stay, toMenu, type Dialog, type DialogContext, type DialogInput, type Step } from '../engine/dialog.ts';
import { fitLabel } from '../engine/render.ts';
import type { Choice, OutboundMessage } from '../engine/types.ts';
import { askAccount, cancelChoice, pickAccount, selfService, subscriberAccounts, accountToStart } from './accounts.ts';
import { answers, askCodeAgain, handleCode, requestSignature } from './signing.ts';

type Step_ = 'pick' | 'blocked' | 'scope' | 'equipment' | 'refund' | 'iban' | 'reason' | 'reasonText' | 'retention' | 'confirm' | 'code';

interface RefusalData {
  step: Step_;
  accountNumber: string | null;
  services: string[];
  quoteId: string | null;
  terminationDate: string | null;
  consequences: string | null;
  hasEquipment: boolean;
  refund: { offsetPossible: boolean } | null;
  equipmentReturn: EquipmentReturnOption | null;
  refundTo: { kind: 'bank'; iban: string } | { kind: 'offset' } | null;
  reason: RefusalReason | null;
  reasonText: string | null;
  offer: RetentionOffer | null;
  offerShown: boolean;
  summary: string | null;
  /** The term-contract warning of the quote with the reason given (cl. 32(22) less the exceptions of cl. 33(18)). */
  termContract?: RefusalQuote['termContractWarning'];
}

const fresh = (accountNumber: string | null): RefusalData => ({
  step: 'pick', accountNumber, services: [], quoteId: null, terminationDate: null, consequences: null, hasEquipment: false,
  refund: null, equipmentReturn: null, refundTo: null, reason: null, reasonText: null, offer: null, offerShown: false, summary: null,
});

const serviceName = (ctx: DialogContext, service: string): string => ctx.t(`rules:service.${service}`, { defaultValue: service });

/** The consequences of the quote, in the order the contract lists them. */
function consequencesText(ctx: DialogContext, quote: RefusalQuote): string {
  const money = (tiyn: number) => formatMoney(tiyn, ctx.language);
  const date = (d: string) => formatDate(d, ctx.language);
  const lines = [
    quote.wholeContract
      ? ctx.t('selfservice:refusal.titleWhole', { number: quote.accountNumber })
      : ctx.t('selfservice:refusal.titlePartial', { number: quote.accountNumber, services: quote.services.map((s) => serviceName(ctx, s)).join(', ') }),
    ctx.t('selfservice:refusal.terminationDate', { date: date(quote.terminationDate) }),
    quote.debtToSettleTiyn > 0 ? ctx.t('rules:refusal.debt', { amount: money(quote.debtToSettleTiyn) }) : ctx.t('selfservice:refusal.noDebt'),
  ];
  if (quote.equipmentToReturn.length > 0) {
    lines.push(ctx.t('rules:refusal.equipmentReturn', { date: date(quote.equipmentReturnBy) }));
    for (const item of quote.equipmentToReturn) {
      const type = ctx.t(`selfservice:refusal.equipmentType.${item.type}`, { defaultValue: item.type });
      lines.push(`• ${ctx.t('selfservice:refusal.equipmentItem', { type, model: item.model, serial: item.serial, cost: money(item.costTiyn) })}`);
    }
  }
  if (quote.refund) lines.push(ctx.t('rules:refusal.refund', { amount: money(quote.refund.amountTiyn), date: date(quote.refund.bankTransferBy) }));
  lines.push(ctx.t('rules:refusal.backBilling'));
  return lines.join('\n');
}

/** The application text the subscriber signs: the consequences and every choice made. */
function summaryText(ctx: DialogContext, data: RefusalData): string {
  const lines = [data.consequences ?? ''];
  // Shown once the reason is known: cl. 33(18) waives the compensation for some reasons (core decides which).
  const term = data.termContract;
  if (term) {
    const date = formatDate(term.until, ctx.language);
    lines.push(`⚠️ ${ctx.t(term.waivedIf ? `selfservice:refusal.termContractUnless.${term.waivedIf}` : 'selfservice:refusal.termContract', { date })}`);
  }
  if (data.equipmentReturn) lines.push(ctx.t('selfservice:refusal.summary.equipment', { option: ctx.t(`selfservice:refusal.equipment.${data.equipmentReturn}`) }));
  if (data.refundTo) {
    lines.push(data.refundTo.kind === 'bank'
      ? ctx.t('selfservice:refusal.summary.refundBank', { iban: data.refundTo.iban })
      : ctx.t('selfservice:refusal.summary.refundOffset'));
  }
  const reason = data.reason === 'other' ? data.reasonText ?? '' : ctx.t(`rules:refusal.reason.${data.reason}`);
  lines.push(ctx.t('selfservice:refusal.summary.reason', { reason }));
  return lines.join('\n');
}

function ask(ctx: DialogContext, data: RefusalData, say: OutboundMessage[] = []): Step {
  const q = (text: string, choices: Choice[]): OutboundMessage => ({ text, choices: [...choices, cancelChoice(ctx)] });
  if (data.hasEquipment && !data.equipmentReturn) {
    return stay({ ...data, step: 'equipment' }, [...say, q(ctx.t('selfservice:refusal.askEquipment'), [
      { id: 'eq:office', label: ctx.t('selfservice:refusal.equipment.office') },
      { id: 'eq:courier', label: ctx.t('selfservice:refusal.equipment.courier') },
    ])]);
  }
  if (data.refund && !data.refundTo) {
    const choices: Choice[] = [{ id: 'refund:bank', label: ctx.t('selfservice:refusal.refundBank') }];
    if (data.refund.offsetPossible) choices.push({ id: 'refund:offset', label: ctx.t('selfservice:refusal.refundOffset') });
    return stay({ ...data, step: 'refund' }, [...say, q(ctx.t('selfservice:refusal.askRefund'), choices)]);
  }
  if (!data.reason) {
    const choices = REFUSAL_REASONS.slice(0, ctx.capabilities.maxChoices - 1).map((r) => ({
      id: `reason:${r}`, label: fitLabel(ctx.t(`rules:refusal.reason.${r}`), ctx.capabilities.maxLabelLength),
    }));
    return stay({ ...data, step: 'reason' }, [...say, q(ctx.t('selfservice:refusal.askReason'), choices)]);
  }
  if (data.reason === 'other' && !data.reasonText) {
    return stay({ ...data, step: 'reasonText' }, [...say, q(ctx.t('rules:refusal.reasonTextRequired'), [])]);
  }
  if (data.offer && !data.offerShown) return offerStep(ctx, { ...data, offerShown: true }, say);
  const summary = summaryText(ctx, data);
  return stay({ ...data, step: 'confirm', summary }, [...say, q(`${summary}\n\n${ctx.t('selfservice:sign.explain')}`, [
    { id: 'sign', label: ctx.t('selfservice:sign.button') },
  ])]);
}

function offerStep(ctx: DialogContext, data: RefusalData, say: OutboundMessage[]): Step {
  const offer = data.offer!;
  const text = offer.kind === 'cheaperPlan'
    ? ctx.t('selfservice:refusal.offer.cheaperPlan', { name: offer.name, fee: formatMoney(offer.monthlyFeeTiyn, ctx.language) })
    : ctx.t(`selfservice:refusal.offer.${offer.kind}`);
  return stay({ ...data, step: 'retention' }, [...say, {
    text,
    choices: [
      { id: 'offer', label: ctx.t(`selfservice:refusal.offer.accept.${offer.kind}`) },
      { id: 'continue', label: ctx.t('selfservice:refusal.offer.decline') },
      cancelChoice(ctx),
    ],
  }]);
}

async function scope(ctx: DialogContext, accountNumber: string): Promise<Step> {
  const service = selfService(ctx);
  const balance = await service.billing.getBalance(accountNumber);
  if (!balance) return toMenu([{ text: ctx.t('payments:error.unknownAccount') }]);
  const allowed = checkOperation(balance.status, 'refuseService');
  if (!allowed.ok) {
    // Overdue or disconnected: no refusal until the debt is paid (cl. 13, seed 001 statuses 5–6) — offer the way out.
    const way = wayOut(allowed.reason, balance);
    const choices: Choice[] = [];
    if (way.pay) choices.push({ id: 'pay', label: ctx.t('selfservice:plan.payDebt', { amount: formatMoney(way.pay.amountTiyn, ctx.language) }) });
    if (way.instalment) choices.push({ id: 'instalment', label: ctx.t('selfservice:plan.requestInstalment') });
    const text = explain({ reason: allowed.reason, params: { amountTiyn: balance.totalDueTiyn } }, ctx.language);
    if (choices.length === 0) return toMenu([{ text }]);
    return stay({ ...fresh(accountNumber), step: 'blocked' }, [{ text, choices: [...choices, cancelChoice(ctx)] }]);
  }
  if (balance.services.length <= 1) return quote(ctx, fresh(accountNumber), balance.services);
  const choices: Choice[] = [
    { id: 'all', label: ctx.t('selfservice:refusal.whole') },
    ...balance.services.map((s) => ({ id: `svc:${s}`, label: fitLabel(ctx.t('selfservice:refusal.only', { service: serviceName(ctx, s) }), ctx.capabilities.maxLabelLength) })),
    cancelChoice(ctx),
  ];
  return stay({ ...fresh(accountNumber), step: 'scope', services: balance.services }, [{ text: ctx.t('selfservice:refusal.askScope', { number: accountNumber }), choices }]);
}

async function quote(ctx: DialogContext, base: RefusalData, services: string[]): Promise<Step> {
  const accountNumber = base.accountNumber ?? '';
  const service = selfService(ctx);
  const quoted = await service.billing.quoteRefusal({ accountNumber, services });
  if (!quoted.ok) return toMenu([{ text: explain(quoted, ctx.language) }]);
  const q = quoted.value;
  const data: RefusalData = {
    ...base, services: q.services, quoteId: q.quoteId, terminationDate: q.terminationDate, consequences: consequencesText(ctx, q),
    hasEquipment: q.equipmentToReturn.length > 0, refund: q.refund ? { offsetPossible: q.refund.offsetAccounts.length > 0 } : null,
  };
  return ask(ctx, data, [{ text: data.consequences ?? '' }]);
}

async function chooseReason(ctx: DialogContext, data: RefusalData, reason: RefusalReason): Promise<Step> {
  const plans = await selfService(ctx).billing.listPlans(data.accountNumber ?? '');
  const offer = plans.ok ? retentionOffer(reason, plans.value) : null;
  // The reason can change the terms (cl. 33(18)), so the quote the subscriber signs is the one with the reason.
  const quoted = await selfService(ctx).billing.quoteRefusal({ accountNumber: data.accountNumber ?? '', services: data.services, reason });
  if (!quoted.ok) return toMenu([{ text: explain(quoted, ctx.language) }]);
  return ask(ctx, { ...data, reason, offer, offerShown: false, quoteId: quoted.value.quoteId, termContract: quoted.value.termContractWarning });
}

async function signed(ctx: DialogContext, data: RefusalData, input: DialogInput): Promise<Step> {
  return handleCode(ctx, data, input, async (application) => {
    const done = await selfService(ctx).orderRefusal(application);
    if (!done.ok) return answers(application, toMenu([{ text: explain(done, ctx.language) }]));
    return answers(application, toMenu([{ text: ctx.t('selfservice:refusal.accepted', { ticket: formatTicketNumber(done.value.ticket.number), date: formatDate(done.value.order.quote.terminationDate, ctx.language) }) }]));
  });
}

export const refusal: Dialog<RefusalData> = {
  id: 'refusal',
  // A reason typed in words and an IBAN are answers to the bot, not messages for a person during a hand-off.
  awaits: (data) => (data?.step === 'reasonText' || data?.step === 'iban' ? 'text' : null),
  requiresLink: true,

  async start(ctx, args) {
    const accounts = await subscriberAccounts(ctx);
    if (accounts.length === 0) return toMenu([{ text: ctx.t('selfservice:account.none') }]);
    const only = accountToStart(accounts, args);
    if (only) return scope(ctx, only);
    return stay(fresh(null), [askAccount(ctx, accounts, ctx.t('selfservice:account.pickForRefusal'))]);
  },

  async handle(input, data, ctx) {
    if (data.step === 'code') return signed(ctx, data, input);
    if (input.kind === 'choice' && input.id === 'cancel') return toMenu([{ text: ctx.t('selfservice:common.cancelled'), replaceMenu: true }]);
    const id = input.kind === 'choice' ? input.id : null;
    switch (data.step) {
      case 'blocked':
        if (id === 'pay') return go('pay', { accountNumber: data.accountNumber });
        if (id === 'instalment') return go('instalment', { accountNumber: data.accountNumber });
        break;
      case 'pick': {
        const pick = pickAccount(ctx, input, await subscriberAccounts(ctx), ctx.t('selfservice:account.pickForRefusal'));
        if (pick.kind === 'picked') return scope(ctx, pick.number);
        if (pick.kind === 'stale') return stay(data, pick.say);
        break;
      }
      case 'scope':
        if (id === 'all') return quote(ctx, data, data.services);
        if (id?.startsWith('svc:')) return quote(ctx, data, [id.slice(4)]);
        break;
      case 'equipment':
        if (id === 'eq:office' || id === 'eq:courier') return ask(ctx, { ...data, equipmentReturn: id === 'eq:office' ? 'office' : 'courier' });
        break;
      case 'refund':
        if (id === 'refund:offset' && data.refund?.offsetPossible) return ask(ctx, { ...data, refundTo: { kind: 'offset' } });
        if (id === 'refund:bank') return stay({ ...data, step: 'iban' }, [{ text: ctx.t('selfservice:refusal.askIban'), choices: [cancelChoice(ctx)] }]);
        break;
      case 'iban':
        if (input.kind === 'text') {
          const iban = parseIban(input.text);
          if (iban.ok) return ask(ctx, { ...data, refundTo: { kind: 'bank', iban: iban.value } });
          return stay(data, [{ text: ctx.t(iban.reason), choices: [cancelChoice(ctx)] }]);
        }
        break;
      case 'reason': {
        const reason = id?.startsWith('reason:') ? (id.slice(7) as RefusalReason) : null;
        if (reason && REFUSAL_REASONS.includes(reason)) return chooseReason(ctx, data, reason);
        // Free text at the reason question counts as "other reason" with that text.
        if (input.kind === 'text' && input.text.trim().length > 2) return chooseReason(ctx, { ...data, reasonText: input.text.trim().slice(0, 500) }, 'other');
        break;
      }
      case 'reasonText':
        if (input.kind === 'text' && input.text.trim().length > 0) return ask(ctx, { ...data, reasonText: input.text.trim().slice(0, 500) });
        break;
      case 'retention':
        if (id === 'continue') return ask(ctx, data);
        if (id === 'offer' && data.offer) {
          if (data.offer.kind === 'cheaperPlan') return go('plan', { accountNumber: data.accountNumber, planId: data.offer.planId });
          return go(data.offer.kind === 'faultCheck' ? 'fault' : 'handoff');
        }
        break;
      case 'confirm':
        if (id === 'sign' && data.summary && data.reason) {
          return requestSignature(ctx, data, {
            kind: 'refusal', text: data.summary,
            payload: {
              accountNumber: data.accountNumber, services: data.services, terminationDate: data.terminationDate, reason: data.reason,
              ...(data.reasonText ? { reasonText: data.reasonText } : {}), ...(data.refundTo ? { refundTo: data.refundTo } : {}),
              ...(data.equipmentReturn ? { equipmentReturn: data.equipmentReturn } : {}), quoteId: data.quoteId,
            },
          });
        }
        break;
    }
    return missed(stay(data, refusal.prompt!(data, ctx)));
  },

  prompt(data, ctx) {
    if (data?.step === 'code') return askCodeAgain(ctx);
    if (!data || data.step === 'pick') return [{ text: ctx.t('selfservice:account.pickForRefusal') }];
    if (data.step === 'scope') return [{ text: ctx.t('selfservice:refusal.askScope', { number: data.accountNumber }) }];
    if (data.step === 'blocked') return [{ text: ctx.t('selfservice:refusal.blocked'), choices: [cancelChoice(ctx)] }];
    if (data.step === 'iban') return [{ text: ctx.t('selfservice:refusal.askIban'), choices: [cancelChoice(ctx)] }];
    if (data.step === 'retention' && data.offer) return offerStep(ctx, data, []).say;
    return ask(ctx, data).say;
  },
};

/**
 * @module Balance (journey 3): for one personal account of the verified subscriber (picked when there are several) —
 * balance, current and overdue debt, penalty, due date (cl. 17), status in plain words (seed 001), plan and
 * services, last payments, and what the status forbids and why. Every figure and every "no" comes from core
 * (billing port, operation matrix, order preconditions); this dialog only lays it out.
 */
import { checkOperation } from '../../core/accounts/operations.ts';
import { almatyDate } from '../../core/billing/calendar.ts';
import { explain, formatDate, formatDateTime } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import type { Balance } from '../../core/billing/port.ts';
import { orderRestrictions } from '../../core/selfservice/restrictions.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { missed, stay, toMenu, go, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { Choice } from '../engine/types.ts';
import { askAccount, menuChoice, pickAccount, selfService, subscriberAccounts, accountToStart } from './accounts.ts';

interface BalanceData {
  step: 'pick' | 'shown';
  accountNumber: string | null;
}

/** Lines "what is not possible now, and why", from core's `orderRestrictions`. */
async function restrictions(ctx: DialogContext, balance: Balance, others: PersonalAccount[]): Promise<string[]> {
  const otherBalances: Balance[] = [];
  for (const other of others) {
    const b = await selfService(ctx).billing.getBalance(other.number);
    if (b) otherBalances.push(b);
  }
  // Operations refused for the same reason share one line: the reason is said once (issue 14 item 7).
  const byReason = new Map<string, string[]>();
  for (const { operation, reason, params } of orderRestrictions(balance, otherBalances)) {
    const why = explain({ reason, params }, ctx.language);
    byReason.set(why, [...(byReason.get(why) ?? []), ctx.t(`selfservice:balance.operation.${operation}`)]);
  }
  return [...byReason].map(([why, operations]) => `• ${joinOperations(operations)} — ${why}`);
}

/** "Смена тарифа, подключение новых услуг": the first as it is, the rest in lower case. */
function joinOperations(operations: string[]): string {
  return operations.map((o, i) => (i === 0 ? o : o.charAt(0).toLocaleLowerCase('ru') + o.slice(1))).join(', ');
}

/** The whole balance message for one account. */
export async function balanceText(ctx: DialogContext, balance: Balance, others: PersonalAccount[]): Promise<string> {
  const money = (tiyn: number) => formatMoney(tiyn, ctx.language);
  const t = ctx.t;
  const owed = balance.collectionCostsTiyn + balance.penaltyTiyn + balance.overdueDebtTiyn + balance.currentDebtTiyn;
  const services = balance.services.map((s) => t(`rules:service.${s}`, { defaultValue: s })).join(', ');
  const lines = [
    t('selfservice:balance.title', { number: balance.accountNumber }),
    t('selfservice:balance.address', { address: balance.address }),
    t('selfservice:balance.status', { status: t(`rules:status.${balance.status}`) }),
    t('selfservice:balance.plan', { plan: balance.planName ?? t('selfservice:balance.noPlan'), services: services || '—' }),
    '',
    t('selfservice:balance.balance', { amount: money(balance.creditTiyn - owed) }),
    t('selfservice:balance.current', { amount: money(balance.currentDebtTiyn) }),
    t('selfservice:balance.overdue', { amount: money(balance.overdueDebtTiyn) }),
    t('selfservice:balance.penalty', { amount: money(balance.penaltyTiyn) }),
  ];
  if (balance.collectionCostsTiyn > 0) lines.push(t('selfservice:balance.collection', { amount: money(balance.collectionCostsTiyn) }));
  if (balance.creditTiyn > 0) lines.push(t('selfservice:balance.credit', { amount: money(balance.creditTiyn) }));
  lines.push(t('selfservice:balance.totalDue', { amount: money(balance.totalDueTiyn) }));
  if (balance.dueDate) {
    const late = balance.dueDate < almatyDate(balance.asOf) && balance.overdueDebtTiyn > 0;
    lines.push(t(late ? 'selfservice:balance.dueDatePassed' : 'selfservice:balance.dueDate', { date: formatDate(balance.dueDate, ctx.language) }));
  }
  lines.push('', t('selfservice:balance.lastPayments'));
  if (balance.lastPayments.length === 0) lines.push(t('selfservice:balance.noPayments'));
  for (const p of balance.lastPayments) lines.push(`• ${formatDateTime(p.paidAt, ctx.language)} — ${money(p.amountTiyn)}`);
  const denied = await restrictions(ctx, balance, others);
  if (denied.length > 0) lines.push('', t('selfservice:balance.restrictions'), ...denied);
  return lines.join('\n');
}

async function show(ctx: DialogContext, accountNumber: string, accounts: PersonalAccount[]): Promise<Step> {
  const balance = await selfService(ctx).billing.getBalance(accountNumber);
  if (!balance) return toMenu([{ text: ctx.t('payments:error.unknownAccount') }]);
  const others = accounts.filter((a) => a.number !== accountNumber);
  const choices: Choice[] = [];
  if (checkOperation(balance.status, 'acceptPayment').ok) choices.push({ id: 'pay', label: ctx.t('selfservice:balance.pay') });
  if (balance.planId && checkOperation(balance.status, 'changePlan').ok) choices.push({ id: 'plan', label: ctx.t('selfservice:balance.changePlan') });
  if (others.length > 0) choices.push({ id: 'other', label: ctx.t('selfservice:balance.otherAccount') });
  choices.push(menuChoice(ctx));
  return stay({ step: 'shown', accountNumber }, [{ text: await balanceText(ctx, balance, others), choices }]);
}

export const balance: Dialog<BalanceData> = {
  id: 'balance',
  requiresLink: true,

  async start(ctx, args) {
    const accounts = await subscriberAccounts(ctx);
    if (accounts.length === 0) return toMenu([{ text: ctx.t('selfservice:account.none') }]);
    const only = accountToStart(accounts, args);
    if (only) return show(ctx, only, accounts);
    return stay({ step: 'pick', accountNumber: null }, [askAccount(ctx, accounts, ctx.t('selfservice:account.pickForBalance'))]);
  },

  async handle(input, data, ctx) {
    if (input.kind === 'choice') {
      switch (input.id) {
        case 'cancel':
        case 'menu':
          return toMenu();
        case 'pay':
          return go('pay', { accountNumber: data.accountNumber });
        case 'plan':
          return go('plan', { accountNumber: data.accountNumber });
      }
    }
    // Read only for what needs the accounts: leaving (the menu, pay, plan) reads none.
    const accounts = await subscriberAccounts(ctx);
    if (input.kind === 'choice' && input.id === 'other') {
      return stay({ step: 'pick', accountNumber: null }, [askAccount(ctx, accounts, ctx.t('selfservice:account.pickForBalance'))]);
    }
    const pick = pickAccount(ctx, input, accounts, ctx.t('selfservice:account.pickForBalance'));
    if (pick.kind === 'picked') return show(ctx, pick.number, accounts);
    if (pick.kind === 'stale') return stay({ step: 'pick', accountNumber: null }, pick.say);
    return missed(stay(data, balance.prompt!(data, ctx)));
  },

  prompt(data, ctx) {
    if (data?.step === 'shown') return [{ text: ctx.t('selfservice:balance.again'), choices: [{ id: 'other', label: ctx.t('selfservice:balance.otherAccount') }, menuChoice(ctx)] }];
    return [{ text: ctx.t('selfservice:account.pickForBalance') }];
  },
};

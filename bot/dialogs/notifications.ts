/**
 * @module Notifications of the self-service journeys (journey 9), and the setting that mutes the non-essential ones.
 * - Payment received: the receipt in the chat that asked for the link (amount, account, time, how it was allocated
 *   per cl. 20, the new balance, and for an account disconnected for debt "access restored within 3 hours",
 *   cl. 31(13)). Essential: always sent.
 * - Payment declined: said in that chat, with a way to try again. Essential.
 * - Plan change applied on its effective date. Non-essential: skipped when muted.
 * The messages are built from core's receipt; nothing here computes money.
 */
import { formatDateTime, formatDate } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import type { PaymentReceipt } from '../../core/billing/port.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Payment, PaymentService, PaymentSettled } from '../../core/payments/index.ts';
import type { Scheduler } from '../../core/scheduler/scheduler.ts';
import { PLAN_EFFECTIVE_JOB, type SelfService } from '../../core/selfservice/index.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Language } from '../../core/i18n/model.ts';
import { stay, toMenu, type Dialog } from '../engine/dialog.ts';
import type { MessageBuilder, ConversationRunner } from '../engine/runner.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { menuChoice, selfService } from './accounts.ts';

/** The receipt message for a paid payment. */
export function receiptMessages(payment: Payment, receipt: PaymentReceipt): MessageBuilder {
  return (t: Translate, language: Language): OutboundMessage[] => {
    const money = (tiyn: number) => formatMoney(tiyn, language);
    const { allocation, balance } = receipt;
    const parts = ([
      ['collection', allocation.collectionCostsTiyn], ['penalty', allocation.penaltyTiyn], ['overdue', allocation.overdueTiyn],
      ['current', allocation.currentTiyn], ['credit', allocation.creditTiyn],
    ] as const).filter(([, tiyn]) => tiyn > 0).map(([part, tiyn]) => t(`selfservice:receipt.part.${part}`, { amount: money(tiyn) }));
    const owed = balance.collectionCostsTiyn + balance.penaltyTiyn + balance.overdueDebtTiyn + balance.currentDebtTiyn;
    const lines = [
      t('selfservice:receipt.title'),
      t('selfservice:receipt.amount', { amount: money(receipt.amountTiyn) }),
      t('selfservice:receipt.account', { number: receipt.accountNumber }),
      t('selfservice:receipt.time', { time: formatDateTime(receipt.paidAt, language) }),
      t('selfservice:receipt.allocation', { parts: parts.join(', ') }),
      t('selfservice:receipt.balance', { amount: money(balance.creditTiyn - owed) }),
      balance.totalDueTiyn > 0 ? t('selfservice:receipt.stillDue', { amount: money(balance.totalDueTiyn) }) : t('selfservice:receipt.nothingDue'),
    ];
    if (receipt.restoration) {
      lines.push('', t('rules:payment.restoration', { time: formatDateTime(receipt.restoration.restoreBy, language) }));
    } else if (balance.status === 'disconnected') {
      lines.push('', t('selfservice:receipt.notYetRestored', { amount: money(balance.totalDueTiyn) }));
    }
    lines.push(t('selfservice:receipt.reference', { reference: payment.gatewayPaymentId ?? payment.id }));
    return [{ text: lines.join('\n') }];
  };
}

/** The message for a payment the gateway declined. */
export function declinedMessages(payment: Payment): MessageBuilder {
  return (t: Translate, language: Language): OutboundMessage[] => [{
    text: t('selfservice:receipt.declined', { amount: formatMoney(payment.amountTiyn, language), number: payment.accountNumber }),
    choices: [{ id: 'pay', label: t('selfservice:receipt.tryAgain') }],
  }];
}

export interface NotificationWiring {
  runner: ConversationRunner;
  payments: PaymentService;
  selfService: SelfService;
  scheduler: Pick<Scheduler, 'on'>;
  clock: Clock;
  logger: Logger;
}

/** How long after the effective date we keep waiting for billing to show the new plan before giving up quietly. */
const PLAN_WAIT_MS = 2 * 86_400_000;

/** Subscribes the chat notifications to payments and to plan changes taking effect. */
export function wireSelfServiceNotifications({ runner, payments, selfService: service, scheduler, clock, logger }: NotificationWiring): void {
  payments.onSettled(async (event: PaymentSettled) => {
    const build = event.kind === 'paid' ? receiptMessages(event.payment, event.receipt) : declinedMessages(event.payment);
    const chatKey = event.payment.chatKey;
    const sent = chatKey ? await runner.notify(chatKey, build) : [];
    if (sent.length === 0 && event.payment.subscriberId) await runner.notifySubscriber(event.payment.subscriberId, build, { essential: true });
  });

  scheduler.on(PLAN_EFFECTIVE_JOB, async (job) => {
    const { subscriberId, accountNumber, toPlanId } = job.payload as { subscriberId: string; accountNumber: string; toPlanId: string };
    const balance = await service.billing.getBalance(accountNumber);
    if (balance?.planId !== toPlanId) {
      if (clock.now().getTime() - job.dueAt.getTime() > PLAN_WAIT_MS) {
        logger.warn({ accountNumber }, 'plan change not applied by billing two days after its date; not notifying');
        return;
      }
      throw new Error('plan change not applied yet');
    }
    await runner.notifySubscriber(subscriberId, (t, language) => [{
      text: t('selfservice:notify.planApplied', { number: accountNumber, plan: balance.planName ?? toPlanId, date: formatDate(job.dueAt, language) }),
    }], { essential: false });
  });
}

interface NotificationSettingsData {
  muted: boolean;
}

/** The setting: mute or unmute non-essential messages (receipts and ticket updates always arrive). */
export const notificationSettings: Dialog<NotificationSettingsData> = {
  id: 'notifications',
  requiresLink: true,

  async start(ctx) {
    const subscriber = ctx.chat.subscriberId ? await ctx.services.subscribers.get(ctx.chat.subscriberId) : null;
    const muted = subscriber?.notificationsMuted ?? false;
    // Said "stop" to surveys: the way back is here (issue 17).
    const surveysOff = subscriber && ctx.services.surveys ? await ctx.services.surveys.optedOut(subscriber.id) : false;
    const text = ctx.t(muted ? 'selfservice:notify.settingsMuted' : 'selfservice:notify.settingsOn');
    return stay({ muted }, [{
      text: surveysOff ? `${text}\n${ctx.t('campaigns:survey.settings_off')}` : text,
      choices: [
        muted ? { id: 'unmute', label: ctx.t('selfservice:notify.unmute') } : { id: 'mute', label: ctx.t('selfservice:notify.mute') },
        ...(surveysOff ? [{ id: 'surveys_on', label: ctx.t('campaigns:survey.back_on') }] : []),
        menuChoice(ctx),
      ],
    }]);
  },

  async handle(input, data, ctx) {
    const subscriberId = ctx.chat.subscriberId;
    if (input.kind === 'choice' && (input.id === 'mute' || input.id === 'unmute') && subscriberId) {
      const muted = input.id === 'mute';
      await selfService(ctx).setNotificationsMuted(subscriberId, muted);
      return toMenu([{ text: ctx.t(muted ? 'selfservice:notify.mutedDone' : 'selfservice:notify.unmutedDone'), replaceMenu: true }]);
    }
    if (input.kind === 'choice' && input.id === 'surveys_on' && subscriberId && ctx.services.surveys) {
      await ctx.services.surveys.backOn(subscriberId);
      return toMenu([{ text: ctx.t('campaigns:survey.back_on_done'), replaceMenu: true }]);
    }
    return toMenu();
  },
};

/**
 * @module `instalment.concluded` → the subscriber's chat: the agreement concluded in the console (seed 001 status 6),
 * its schedule of parts with dates and amounts, that a missed part makes the account overdue again, and — when the
 * account was disconnected — the time by which access is back (cl. 31(13): within 3 hours). Told in the chat the
 * request came from, in that chat's language; without one, in every chat linked to the subscriber.
 */
import { formatDate, formatDateTime } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import type { EventBus } from '../../core/events.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { ConversationRunner, MessageBuilder } from '../engine/runner.ts';

export interface InstalmentUpdatesOptions {
  events: Pick<EventBus, 'on'>;
  runner: Pick<ConversationRunner, 'notify' | 'notifySubscriber'>;
  logger: Pick<Logger, 'error'>;
}

/**
 * Subscribes the chat notice to `instalment.concluded`; returns the unsubscribe function.
 * @example listenToInstalmentEvents({ events, runner: conversations, logger });
 */
export function listenToInstalmentEvents({ events, runner, logger }: InstalmentUpdatesOptions): () => void {
  return events.on('instalment.concluded', async ({ agreement, accountNumber, chatKey, restoreBy }) => {
    const build: MessageBuilder = (t, language) => {
      const schedule = agreement.parts
        .map((p) => t('selfservice:instalment.part', { date: formatDate(p.dueDate, language), amount: formatMoney(p.amountTiyn, language) }))
        .join('\n');
      const text = [
        t('selfservice:instalment.concluded', { number: accountNumber, total: formatMoney(agreement.debtTiyn, language) }),
        schedule,
        t('selfservice:instalment.keep'),
        ...(restoreBy ? [t('selfservice:instalment.restoreBy', { time: formatDateTime(restoreBy, language) })] : []),
      ].join('\n');
      return [{ text }];
    };
    try {
      if (chatKey) await runner.notify(chatKey, build);
      else await runner.notifySubscriber(agreement.subscriberId, build, { essential: true });
    } catch (err) {
      logger.error({ err, agreementId: agreement.id }, 'instalment notice failed');
    }
  });
}

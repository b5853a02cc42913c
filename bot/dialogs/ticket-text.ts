/**
 * @module How tickets read in the chat: the number (T-000123), a moment in Asia/Almaty time said the way people
 * say it ("today at 11:30", "tomorrow at 10:00"), and one line per ticket for `/ticket`.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import { localParts } from '../../core/sla/calendar.ts';
import { formatTicketNumber, type Ticket } from '../../core/tickets/index.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A moment in Almaty time relative to `now`: `today at 11:30`, `tomorrow at 10:00`, or `07.03.2026 at 11:30`.
 * @example whenText(t, due, now) // 'завтра в 11:30'
 */
export function whenText(t: Translate, at: Date, now: Date): string {
  const a = localParts(at);
  const n = localParts(now);
  const time = `${pad(a.hour)}:${pad(a.minute)}`;
  if (a.date === n.date) return t('tickets:time.today', { time });
  const tomorrow = localParts(new Date(now.getTime() + 86_400_000));
  if (a.date === tomorrow.date) return t('tickets:time.tomorrow', { time });
  return t('tickets:time.date', { date: `${pad(a.day)}.${pad(a.month)}.${a.year}`, time });
}

/** `T-000123`, for messages. */
export const numberText = (ticket: Pick<Ticket, 'number'>): string => formatTicketNumber(ticket.number);

/** One line about a ticket for the subscriber: number, what it is about, where it stands, the callback promise. */
export function ticketLine(t: Translate, ticket: Ticket, now: Date): string {
  const base = {
    number: numberText(ticket),
    type: t(`tickets:type.${ticket.type}`),
    status: t(`tickets:status.${ticket.status}`),
  };
  const promise = ticket.callbackDueAt && !ticket.callbackOutcome && !ticket.breached;
  return promise
    ? t('tickets:list.item_due', { ...base, when: whenText(t, ticket.callbackDueAt!, now) })
    : t('tickets:list.item', base);
}

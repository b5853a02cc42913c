/**
 * @module The console's search box over tickets: a ticket number (`T-000123`, `123`), a phone in any common form, a
 * personal-account number (the 12 digits on an invoice) or the subscriber's name (every word, any letter case).
 * An account or a name narrows the queue to the tickets of the subscribers found.
 */
import type { TicketQuery } from './model.ts';
import { parseTicketSearch } from './number.ts';
import type { TicketRepositories } from './repository.ts';

/** Digits in a personal-account number (seed 001; the number printed on invoices). */
export const ACCOUNT_NUMBER_DIGITS = 12;
/** Shortest name fragment searched (fewer letters match half the subscriber base). */
export const MIN_NAME_LETTERS = 3;
/** Most subscribers a name search narrows to. */
export const NAME_MATCHES = 100;

export type TicketSearch = Pick<TicketQuery, 'number' | 'phone' | 'subscriberIds'>;

/**
 * What the typed text narrows a queue to; null when nothing can match (too short, not a number, phone or name).
 * @example await ticketSearch(store, 'Айгүл Серік') // { subscriberIds: ['sub-1'] }
 */
export async function ticketSearch(store: Pick<TicketRepositories, 'accounts' | 'subscribers'>, text: string): Promise<TicketSearch | null> {
  const typed = text.trim();
  const digits = typed.replace(/\D/g, '');
  if (/^[\d\s-]+$/.test(typed) && digits.length === ACCOUNT_NUMBER_DIGITS) {
    const account = await store.accounts.findByNumber(digits);
    if (account) return { subscriberIds: [account.subscriberId] };
  }
  const parsed = parseTicketSearch(typed);
  if (parsed) return 'number' in parsed ? { number: parsed.number } : { phone: parsed.phone };
  const letters = typed.replace(/[^\p{L}]/gu, '').length;
  if (/\d/.test(typed) || letters < MIN_NAME_LETTERS) return null;
  const found = await store.subscribers.searchByName(typed, NAME_MATCHES);
  return { subscriberIds: found.map((s) => s.id) };
}

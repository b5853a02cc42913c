/**
 * @module One ticket's transcript as a CSV file, for a customer's request (seed 003 cl. 26: records "provided within
 * 2 working days on request"): time (Almaty), who wrote, the text, the delivery — the conversation with the
 * subscriber only (private notes stay in the console). Every cell goes out through `spreadsheetCsv` (safe-cell.ts).
 */
import type { Translate } from '../i18n/i18n.ts';
import { spreadsheetCsv } from '../spreadsheets/safe-cell.ts';
import type { TicketMessage } from './model.ts';

export interface TranscriptNames {
  /** Console users by id (agents' names). */
  users: ReadonlyMap<string, string>;
  /** How the subscriber is named (their name, or "subscriber"). */
  subscriberLabel: string;
}

const ALMATY_MS = 5 * 3_600_000;
/** `2026-03-02 11:00` in Almaty time. */
const almatyTime = (at: Date): string => new Date(at.getTime() + ALMATY_MS).toISOString().slice(0, 16).replace('T', ' ');

/** Who wrote a message, in the reader's language. */
function author(t: Translate, m: TicketMessage, names: TranscriptNames): string {
  if (m.direction === 'activity') return t('admin:ticket.sender.system');
  if (m.sender === 'subscriber') return names.subscriberLabel;
  if (m.sender === 'bot') return t('admin:ticket.sender.bot');
  if (m.sender === 'agent') return names.users.get(m.senderId ?? '') ?? t('admin:ticket.sender.agent');
  return t('admin:ticket.sender.system');
}

/**
 * The CSV text, chunk by chunk (UTF-8 BOM, `;`, CRLF), headers in the reader's language.
 * @example for await (const chunk of transcriptCsv(messages, t, names)) body.push(chunk)
 */
export async function* transcriptCsv(messages: readonly TicketMessage[], t: Translate, names: TranscriptNames): AsyncGenerator<string> {
  const out = spreadsheetCsv();
  const feed = (async () => {
    out.write(['time', 'author', 'text', 'delivery'].map((k) => t(`admin:ticket.export.${k}`)));
    for (const m of messages) {
      if (m.private) continue;
      const text = m.direction === 'activity' ? t(m.text, { ...(m.params ?? {}), defaultValue: m.text }) : m.text;
      out.write([almatyTime(m.createdAt), author(t, m, names), text, m.direction === 'outgoing' ? t(`admin:ticket.delivery.${m.delivery}`) : '']);
    }
    out.end();
  })();
  for await (const chunk of out) yield String(chunk);
  await feed;
}

/**
 * @module Keeps the conversation log (core/conversations): an exchange listener that stores every message a chat
 * received and every message sent to it, bot replies and notifications alike, so agents see what was said before a
 * hand-off. Register it once, before replies: `runner.observe(logConversations(store), { beforeReply: true })`, so a
 * message the subscriber saw answered is in the log even if the process dies right after. One-time codes arrive masked.
 */
import type { ConversationMessageRepository } from '../../core/conversations/repository.ts';
import type { ExchangeListener } from './runner.ts';
import { splitText } from './text-limit.ts';
import type { Delivery } from './types.ts';
import { timeOrderedId } from '../../core/ports/ids.ts';

/** Longest text kept per line of the log; a longer message is kept whole, in several lines (nothing cut). */
const MAX_TEXT = 4000;

/** A bot message as the subscriber saw it: its text, and the buttons or list items under it. */
export function outboundText(delivery: Delivery): string {
  const lines = [delivery.text];
  if (delivery.choices?.length) lines.push(delivery.choices.map((c) => `[${c.label}]`).join(' '));
  if (delivery.link) lines.push(delivery.link.url);
  return lines.join('\n');
}

/**
 * The listener that writes each exchange to `store.conversationMessages`, inbound first.
 * @example runner.observe(logConversations(store), { beforeReply: true });
 */
export function logConversations(store: { conversationMessages: ConversationMessageRepository }): ExchangeListener {
  return async function logConversation(exchange) {
    const base = { chatKey: exchange.chatKey, at: exchange.at };
    const lines: ['in' | 'out', string][] = [];
    if (exchange.inboundText !== null) lines.push(['in', exchange.inboundText]);
    for (const delivery of exchange.outbound) lines.push(['out', outboundText(delivery)]);
    // Issued in order, at once (in the step's own turn: the embedded store writes them in the state's commit).
    const written: Promise<void>[] = [];
    const ids: string[] = [];
    for (const [direction, text] of lines) {
      for (const part of splitText(text, MAX_TEXT)) {
        const id = timeOrderedId();
        ids.push(id);
        written.push(store.conversationMessages.append({ ...base, id, direction, text: part }));
      }
    }
    await Promise.all(written);
    return () => store.conversationMessages.remove(ids);
  };
}

/**
 * @module Telegram update → engine `Inbound`. Private chats only (groups and channels are not for this bot);
 * button payloads are `<menuToken>:<choiceId>`; everything the bot cannot read becomes `unsupported`.
 */
import type { Update } from 'telegraf/types';
import type { Language } from '../../core/i18n/model.ts';
import type { Inbound } from '../engine/channel.ts';
import { parseSlashCommand } from '../engine/typed-commands.ts';
import type { InboundEvent, UnsupportedKind } from '../engine/types.ts';

/** The payload of an inline button (≤ 64 bytes by the Bot API). */
export function callbackData(menuToken: string, choiceId: string): string {
  return `${menuToken}:${choiceId}`.slice(0, 64);
}

function parseCallbackData(data: string): { menuToken: string | null; id: string } {
  const at = data.indexOf(':');
  return at < 0 ? { menuToken: null, id: data } : { menuToken: data.slice(0, at), id: data.slice(at + 1) };
}

function localeOf(code: string | undefined): Language | null {
  const base = code?.toLowerCase().split('-')[0];
  return base === 'kk' || base === 'ru' ? base : null;
}

const UNSUPPORTED: [string, UnsupportedKind][] = [
  ['sticker', 'sticker'], ['photo', 'photo'], ['voice', 'voice'], ['audio', 'voice'], ['video', 'video'],
  ['video_note', 'video'], ['animation', 'video'], ['document', 'document'], ['location', 'location'], ['venue', 'location'],
];

/**
 * Translates one update, or null when it is not a private-chat message or button press.
 * @example toInbound({ update_id: 5, message: { chat: { id: 1, type: 'private' }, text: '/start', ... } })
 * // { externalId: '1', updateId: '5', event: { kind: 'command', name: 'start', args: '' }, localeHint: null }
 */
export function toInbound(update: Update): Inbound | null {
  const updateId = String(update.update_id);
  if ('callback_query' in update) {
    const query = update.callback_query;
    const pressedOn = query.message;
    if (!pressedOn || pressedOn.chat.type !== 'private' || !('data' in query)) return null;
    const { menuToken, id } = parseCallbackData(query.data);
    const event = { kind: 'choice' as const, id, menuToken, messageId: String(pressedOn.message_id) };
    return { externalId: String(pressedOn.chat.id), updateId, localeHint: localeOf(query.from.language_code), event };
  }
  if (!('message' in update)) return null;
  const message = update.message;
  if (message.chat.type !== 'private') return null;
  const base = { externalId: String(message.chat.id), updateId, localeHint: localeOf(message.from?.language_code) };
  return { ...base, event: eventOf(message as unknown as Record<string, unknown>, message.from?.id) };
}

function eventOf(message: Record<string, unknown>, fromId: number | undefined): InboundEvent {
  if (typeof message.text === 'string') {
    const command = parseSlashCommand(message.text);
    if (command) return { kind: 'command', ...command };
    return { kind: 'text', text: message.text };
  }
  const contact = message.contact as { phone_number?: string; user_id?: number } | undefined;
  if (contact?.phone_number) return { kind: 'contact', phone: contact.phone_number, own: contact.user_id !== undefined && contact.user_id === fromId };
  const found = UNSUPPORTED.find(([field]) => field in message);
  return { kind: 'unsupported', what: found ? found[1] : 'other' };
}

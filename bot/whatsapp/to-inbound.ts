/**
 * @module whatsapp-web.js `Message` → engine `Inbound`. Only one-to-one chats reach the bot: our own messages,
 * groups (`@g.us`), status updates (`status@broadcast`), broadcast lists and channels (`@newsletter`) are ignored,
 * and so are the library's system messages (notifications, revoked, reactions…). Typed text stays text — the engine
 * matches "2", a label or a synonym against the numbered list on screen. A shared contact becomes the phone number
 * for verification; media, voice and location become `unsupported`, which the engine answers briefly.
 */
import type { Inbound } from '../engine/channel.ts';
import { parseSlashCommand } from '../engine/typed-commands.ts';
import type { InboundEvent, UnsupportedKind } from '../engine/types.ts';
import { phoneFromVCard } from './vcard.ts';
import type { WaMessage } from './wire.ts';

/** Message types a person sends that the bot cannot read, by the library's `msg.type`. */
const UNSUPPORTED: Readonly<Record<string, UnsupportedKind>> = {
  image: 'photo', album: 'photo', sticker: 'sticker', ptt: 'voice', audio: 'voice', video: 'video',
  document: 'document', location: 'location', poll_creation: 'other', order: 'other', product: 'other',
  groups_v4_invite: 'other', list_response: 'other', buttons_response: 'other', payment: 'other',
  scheduled_event_creation: 'other', interactive: 'other', template_button_reply: 'other',
};

/** True for a chat with one person (`@c.us`, or `@lid` for the newer privacy ids). */
export function isPersonalChat(chatId: string): boolean {
  return /^[\w.-]+@(c\.us|lid)$/.test(chatId) && chatId !== 'status@broadcast';
}

/** Digits of the number behind a `<number>@c.us` id; null for `@lid` ids, which hide the number. */
export function numberOf(chatId: string): string | null {
  const match = /^(\d{6,15})@c\.us$/.exec(chatId);
  return match ? match[1]! : null;
}

/**
 * Translates one received message, or null when it is not for the bot.
 * @example toInbound({ id: { _serialized: 'false_77011234567@c.us_3EB0' }, from: '77011234567@c.us', body: '2', type: 'chat', fromMe: false })
 * // { externalId: '77011234567@c.us', updateId: 'false_77011234567@c.us_3EB0', event: { kind: 'text', text: '2' } }
 */
export function toInbound(message: WaMessage): Inbound | null {
  if (message.fromMe || message.id.fromMe || message.isStatus || !isPersonalChat(message.from) || message.author) return null;
  const event = eventOf(message);
  if (!event) return null;
  return { externalId: message.from, updateId: message.id._serialized, event };
}

function eventOf(message: WaMessage): InboundEvent | null {
  if (message.type === 'chat') {
    const text = message.body ?? '';
    if (!text.trim()) return null;
    // WhatsApp has no commands, but "/menu" typed by hand works as everywhere else.
    const command = parseSlashCommand(text);
    if (command) return { kind: 'command', ...command };
    return { kind: 'text', text };
  }
  if (message.type === 'vcard' || message.type === 'multi_vcard') {
    for (const card of message.vCards ?? [message.body]) {
      const phone = phoneFromVCard(card);
      if (phone.ok) return { kind: 'contact', phone: phone.value, own: sameNumber(phone.value, numberOf(message.from)) };
    }
    return { kind: 'unsupported', what: 'other' };
  }
  const kind = UNSUPPORTED[message.type];
  // Anything else is the library's bookkeeping (notifications, revoked, reactions, e2e notices): not for the bot.
  return kind ? { kind: 'unsupported', what: kind } : null;
}

function sameNumber(phone: string, sender: string | null): boolean {
  return sender !== null && phone.replace(/\D/g, '') === sender;
}

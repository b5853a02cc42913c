/**
 * @module Engine `Delivery` → WhatsApp text. whatsapp-web.js has no reliable buttons or lists (WhatsApp removed
 * them for unofficial clients), so choices are a numbered list ("1 — Баланс") answered by typing, links go into the
 * text, and nothing is edited in place.
 * @see https://github.com/wwebjs/whatsapp-web.js/pull/2443 (the library marks buttons and lists deprecated)
 */
import { renderNumbered } from '../engine/render.ts';
import type { ChannelCapabilities, Delivery } from '../engine/types.ts';

export const WHATSAPP_CAPABILITIES: ChannelCapabilities = {
  maxChoices: 12,
  choiceStyle: 'numbered',
  maxLabelLength: 60,
  contactRequest: false,
  editMessages: false,
  linkButtons: false,
  thirdParty: true,
};

/**
 * The text of one delivery as WhatsApp shows it.
 * @example renderText({ text: 'Меню', choices: [{ id: 'b', label: 'Баланс' }] }) // "Меню\n\n1 — Баланс"
 */
export function renderText(message: Delivery): string {
  return renderNumbered(message, WHATSAPP_CAPABILITIES) || '…';
}

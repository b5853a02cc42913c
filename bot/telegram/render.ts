/**
 * @module Engine `Delivery` → Bot API message parts: plain text (no parse mode, so nothing needs escaping),
 * inline keyboards for choices (callback data `<menuToken>:<choiceId>`), a URL button for links, and the
 * one-tap "share my contact" reply keyboard.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup } from 'telegraf/types';
import { fitLabel } from '../engine/render.ts';
import type { ChannelCapabilities, Delivery } from '../engine/types.ts';
import { callbackData } from './to-inbound.ts';

export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  maxChoices: 12,
  choiceStyle: 'buttons',
  maxLabelLength: 40,
  contactRequest: true,
  editMessages: true,
  linkButtons: true,
  thirdParty: true,
};

/** Labels short enough to sit two in a row. */
const PAIR_LABEL = 16;

/** Inline keyboard for the message's choices and link, or null when it has neither. */
export function inlineKeyboard(message: Delivery): InlineKeyboardMarkup | null {
  const rows: InlineKeyboardButton[][] = [];
  const choices = (message.choices ?? []).slice(0, TELEGRAM_CAPABILITIES.maxChoices);
  for (const choice of choices) {
    const button: InlineKeyboardButton = {
      text: fitLabel(choice.label, TELEGRAM_CAPABILITIES.maxLabelLength),
      callback_data: callbackData(message.menuToken ?? '', choice.id),
    };
    const last = rows[rows.length - 1];
    // Short labels (Қазақша | Русский) share a row; menus with long labels get a row each.
    if (last && last.length === 1 && choice.label.length <= PAIR_LABEL && (last[0]?.text.length ?? 99) <= PAIR_LABEL) last.push(button);
    else rows.push([button]);
  }
  if (message.link) rows.push([{ text: message.link.label, url: message.link.url }]);
  return rows.length > 0 ? { inline_keyboard: rows } : null;
}

/** Reply keyboard with the contact button first and the choices as typed answers (the engine matches labels). */
export function contactKeyboard(message: Delivery): ReplyKeyboardMarkup {
  const rows: ReplyKeyboardMarkup['keyboard'] = [[{ text: message.requestContact?.label ?? '📱', request_contact: true }]];
  for (const choice of message.choices ?? []) rows.push([{ text: choice.label }]);
  return { keyboard: rows, resize_keyboard: true, one_time_keyboard: true, is_persistent: false };
}

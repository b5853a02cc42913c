/**
 * @module The Telegram channel: sends engine deliveries through the Bot API (telegraf's `Telegram` client),
 * paced per chat and globally (replies before broadcasts), takes the buttons off an answered menu where the engine
 * says so, and waits out 429 (a broadcast's 429 goes back to its dispatcher, which pauses).
 */
import { TelegramError, type Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { ChannelSendError } from '../../core/errors.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Channel, Inbound, SendOptions } from '../engine/channel.ts';
import { splitText, TELEGRAM_TEXT_MAX } from '../engine/text-limit.ts';
import type { Delivery } from '../engine/types.ts';
import { Pacer } from './pacer.ts';
import { contactKeyboard, inlineKeyboard, TELEGRAM_CAPABILITIES } from './render.ts';
import { toInbound } from './to-inbound.ts';

/** How often one call is retried after 429 "Too Many Requests". */
const MAX_429_RETRIES = 3;

export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  readonly capabilities = TELEGRAM_CAPABILITIES;
  /** Chats where our "share my contact" reply keyboard may still be open (memory only: losing it costs nothing). */
  private readonly replyKeyboardOpen = new Set<string>();

  constructor(
    private readonly api: Telegram,
    private readonly logger: Logger,
    private readonly pacer = new Pacer(),
  ) {}

  toInbound(raw: unknown): Inbound | null {
    return toInbound(raw as Update);
  }

  async send(chatId: string, messages: Delivery[], options: SendOptions = {}): Promise<string[]> {
    const ids: string[] = [];
    for (const message of messages) ids.push(await this.sendOne(chatId, message, options.bulk ?? false));
    return ids;
  }

  /** A text over the Bot API's limit goes as several messages (nothing cut); the buttons sit on the last one. */
  private async sendOne(chatId: string, message: Delivery, bulk: boolean): Promise<string> {
    const parts = splitText(message.text || '…', TELEGRAM_TEXT_MAX);
    if (parts.length === 1) return this.sendPart(chatId, message, bulk);
    if (message.retireMenuId) await this.retire(chatId, Number(message.retireMenuId), bulk);
    for (const part of parts.slice(0, -1)) {
      await this.call(chatId, bulk, () => this.api.sendMessage(chatId, part, { link_preview_options: { is_disabled: true } }));
    }
    return this.sendPart(chatId, { ...message, text: parts.at(-1)!, retireMenuId: undefined }, bulk);
  }

  private async sendPart(chatId: string, message: Delivery, bulk: boolean): Promise<string> {
    const text = message.text;
    if (message.requestContact) {
      this.replyKeyboardOpen.add(chatId);
      const sent = await this.call(chatId, bulk, () => this.api.sendMessage(chatId, text, { reply_markup: contactKeyboard(message) }));
      return String(sent.message_id);
    }
    const keyboard = inlineKeyboard(message);
    if (message.retireMenuId) await this.retire(chatId, Number(message.retireMenuId), bulk);
    if (this.replyKeyboardOpen.delete(chatId)) {
      // A message carries one markup: remove the contact keyboard with the text, then attach the buttons.
      const sent = await this.call(chatId, bulk, () => this.api.sendMessage(chatId, text, { reply_markup: { remove_keyboard: true } }));
      if (keyboard) await this.call(chatId, bulk, () => this.api.editMessageReplyMarkup(chatId, sent.message_id, undefined, keyboard));
      return String(sent.message_id);
    }
    const sent = await this.call(chatId, bulk, () =>
      this.api.sendMessage(chatId, text, {
        ...(keyboard ? { reply_markup: keyboard } : {}),
        link_preview_options: { is_disabled: true },
      }),
    );
    return String(sent.message_id);
  }

  /**
   * Takes the buttons off a menu that was just answered, leaving its text: the answer is then sent below the
   * subscriber's choice, in time order. A menu Telegram will not edit any more (too old, deleted) is left as it is.
   */
  private async retire(chatId: string, messageId: number, bulk: boolean): Promise<void> {
    try {
      await this.call(chatId, bulk, () => this.api.editMessageReplyMarkup(chatId, messageId, undefined, { inline_keyboard: [] }));
    } catch (err) {
      this.logger.debug({ err, chat: chatId }, 'answered menu not edited; its buttons stay (a press is answered as stale)');
    }
  }

  /**
   * One Bot API call, paced, retried after 429 as Telegram asks; other failures become `ChannelSendError` with
   * Telegram's error code as `status` (null when no answer came back: a timeout or a reset connection).
   */
  private async call<T>(chatId: string, bulk: boolean, request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      await this.pacer.take(chatId, bulk ? 'bulk' : 'reply');
      try {
        return await request();
      } catch (err) {
        const retryAfter = err instanceof TelegramError && err.code === 429 ? (err.parameters?.retry_after ?? 1) : null;
        // A broadcast gives a 429 straight back: its dispatcher pauses every send for as long as Telegram asks.
        if (retryAfter !== null && attempt < (bulk ? 0 : MAX_429_RETRIES)) {
          this.logger.warn({ chat: chatId, retryAfter }, 'Telegram asked us to slow down (429)');
          this.pacer.block(chatId, retryAfter); // the next take() waits it out
          continue;
        }
        const description = err instanceof TelegramError ? err.description : err instanceof Error ? err.message : String(err);
        const status = err instanceof TelegramError ? err.code : null;
        throw new ChannelSendError(description, 'telegram', retryAfter === null ? null : retryAfter * 1000, { cause: err, status });
      }
    }
  }
}

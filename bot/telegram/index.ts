/** @module The Telegram channel (telegraf): polling or webhook, paced sending, inline menus edited in place. */
export { createTelegram, webhookSecret, type TelegramBot, type TelegramOptions } from './start-telegram.ts';
export { TelegramChannel } from './telegram-channel.ts';
export { toInbound, callbackData } from './to-inbound.ts';
export { TELEGRAM_CAPABILITIES } from './render.ts';
export { Pacer } from './pacer.ts';

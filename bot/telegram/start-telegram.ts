/**
 * @module Starts the Telegram channel with telegraf: long polling by default, or a webhook mounted on our hono
 * server when TELEGRAM_WEBHOOK_URL is set (the secret header is checked, the update acknowledged at once and
 * handled in the background). Every button press is answered (answerCallbackQuery) before it is handled;
 * repeated update ids are ignored by the runner. TELEGRAM_API_ROOT points telegraf at another Bot API server.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Config } from '../../core/config/config.ts';
import { translator } from '../../core/i18n/i18n.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { DialogRegistry } from '../engine/registry.ts';
import type { ConversationRunner } from '../engine/runner.ts';
import { Pacer, type PacerOptions } from './pacer.ts';
import { TelegramChannel } from './telegram-channel.ts';

export interface TelegramOptions {
  config: Config;
  runner: ConversationRunner;
  registry: DialogRegistry;
  logger: Logger;
  /** The outgoing pace (Telegram's own limits by default); tests against a local Bot API server lift it. */
  pace?: PacerOptions;
}

export interface TelegramBot {
  channel: TelegramChannel;
  mode: 'polling' | 'webhook';
  /** Routes to mount on the HTTP server before it starts (the webhook; empty in polling mode). */
  routes: Hono;
  /** Connects to the Bot API: registers commands, then starts polling or sets the webhook. Never throws. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token: configured, or derived from the token. */
export function webhookSecret(config: Config): string {
  return config.TELEGRAM_WEBHOOK_SECRET ?? createHash('sha256').update(`webhook:${config.TELEGRAM_BOT_TOKEN}`).digest('base64url');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * Builds the Telegram bot (nothing is contacted until `start`).
 * @example const telegram = createTelegram({ config, runner, registry, logger }); app.route('/', telegram.routes);
 */
export function createTelegram(options: TelegramOptions): TelegramBot {
  const { config, runner, registry } = options;
  const logger = options.logger.child({ module: 'telegram' });
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('createTelegram needs TELEGRAM_BOT_TOKEN');
  const bot = new Telegraf(token, { telegram: { apiRoot: config.TELEGRAM_API_ROOT, webhookReply: false } });
  const channel = new TelegramChannel(bot.telegram, logger, new Pacer(options.pace));
  runner.attach(channel);

  /** Takes one update from polling or the webhook. Synchronous up to the queue, so order is kept. */
  const receive = (update: Update): void => {
    try {
      if ('callback_query' in update) {
        // Stops the button's spinner at once, whatever happens next.
        bot.telegram.answerCbQuery(update.callback_query.id).catch((err: unknown) => logger.warn({ err }, 'answerCallbackQuery failed'));
      }
      const inbound = channel.toInbound(update);
      if (inbound) void runner.handle('telegram', inbound);
    } catch (err) {
      logger.error({ err }, 'could not take a Telegram update');
    }
  };
  bot.use((ctx) => receive(ctx.update));
  bot.catch((err) => logger.error({ err }, 'telegraf error'));

  const routes = new Hono();
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  const secret = webhookSecret(config);
  if (webhookUrl) {
    routes.post(new URL(webhookUrl).pathname, async (c) => {
      if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token'), secret)) {
        logger.warn('webhook call with a wrong secret token refused');
        return c.json({ ok: false }, 401);
      }
      let update: Update;
      try {
        update = await c.req.json<Update>();
      } catch {
        return c.json({ ok: false }, 400);
      }
      if (typeof update?.update_id !== 'number') return c.json({ ok: false }, 400);
      receive(update);
      return c.json({ ok: true });
    });
  }

  let polling: Promise<void> | null = null;
  const registerCommands = async () => {
    const commands = (language: 'kk' | 'ru') => {
      const t = translator(language);
      return registry.listCommands().filter((c) => c.description).map((c) => ({ command: c.name, description: t(c.description!) }));
    };
    await bot.telegram.setMyCommands(commands('ru'));
    await bot.telegram.setMyCommands(commands('ru'), { language_code: 'ru' });
    await bot.telegram.setMyCommands(commands('kk'), { language_code: 'kk' });
  };

  return {
    channel,
    mode: webhookUrl ? 'webhook' : 'polling',
    routes,
    async start() {
      try {
        bot.botInfo ??= await bot.telegram.getMe();
        await registerCommands();
        if (webhookUrl) {
          await bot.telegram.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
          logger.info({ username: bot.botInfo.username }, 'Telegram webhook set');
          return;
        }
        polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((err: unknown) => {
          // 401 (bad token) or 409 (another poller, or a webhook is set): the other channels keep working.
          logger.error({ err }, 'Telegram polling stopped');
        });
        logger.info({ username: bot.botInfo.username }, 'Telegram long polling started');
      } catch (err) {
        logger.error({ err }, 'Telegram could not start; the other channels keep working');
      }
    },
    async stop() {
      runner.detach('telegram');
      if (!polling) return;
      // launch() may still be between getMe and its first getUpdates; stop() works once polling has begun.
      for (let tries = 0; tries < 30; tries += 1) {
        try {
          bot.stop('shutdown');
          break;
        } catch {
          await sleep(100);
        }
      }
      await Promise.race([polling, sleep(3000)]);
    },
  };
}

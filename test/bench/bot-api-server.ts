/**
 * @module A lean local server that answers like the Telegram Bot API (https://core.telegram.org/bots/api) for the
 * Telegram benchmark: several bots (one per token) on one server, long-polled `getUpdates` with offsets,
 * `sendMessage`, `editMessageText`, `editMessageReplyMarkup`, `answerCallbackQuery`, `getMe`, `setMyCommands`,
 * webhook calls. Unlike test/helpers/telegram-api-server.ts it keeps no call log and finds messages by key, so it
 * stays fast for thousands of steps; and it reports the two moments the benchmark times: when an update leaves in
 * a `getUpdates` answer, and when a reply (`sendMessage` / `editMessageText`) arrives.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Update = Record<string, unknown> & { update_id: number };

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** A message the bot sent or edited, as the benchmark sees it. */
export interface Reply {
  token: string;
  method: 'sendMessage' | 'editMessageText' | 'editMessageReplyMarkup';
  chatId: number;
  messageId: number;
  text: string;
  buttons: InlineButton[];
  /** hrtime (ns) when the request had arrived and been read. */
  at: bigint;
}

interface BotState {
  updates: Update[];
  nextUpdateId: number;
  nextMessageId: number;
  waiter: { offset: number; res: ServerResponse; timer: NodeJS.Timeout } | null;
  /** `${chatId}:${messageId}` of every message sent, for edits. */
  sent: Set<string>;
}

export interface BotApiHooks {
  /** Updates just written into a getUpdates answer. */
  delivered?(token: string, updates: Update[], at: bigint): void;
  replied?(reply: Reply): void;
}

const json = (res: ServerResponse, body: unknown, status = 200) => {
  if (res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

export class BenchBotApi {
  private server: Server | null = null;
  private readonly bots = new Map<string, BotState>();
  hooks: BotApiHooks = {};
  /**
   * Telegram's limits, enforced on sendMessage when set: a token bucket per bot (`perSecond`, `burst`); over it the
   * answer is 429 with retry_after 1, counted in `tooMany`.
   */
  limit: { perSecond: number; burst: number } | null = null;
  tooMany = 0;
  private bucket = { tokens: 0, at: 0 };

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Registers a bot token; requests with any other token get 401 like Telegram. */
  addBot(token: string): void {
    this.bots.set(token, { updates: [], nextUpdateId: 1, nextMessageId: 1, waiter: null, sent: new Set() });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res).catch(() => json(res, { ok: false, error_code: 500, description: 'bench server error' }, 500)));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const bot of this.bots.values()) {
      if (bot.waiter) {
        clearTimeout(bot.waiter.timer);
        json(bot.waiter.res, { ok: true, result: [] });
      }
    }
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Queues an update for `token` (assigning its update_id) and answers a waiting getUpdates at once.
   * `queued` sees the update before that answer can leave.
   */
  push(token: string, content: Record<string, unknown>, queued?: (update: Update) => void): Update {
    const bot = this.bot(token);
    const update: Update = { update_id: bot.nextUpdateId++, ...content };
    bot.updates.push(update);
    queued?.(update);
    const waiter = bot.waiter;
    if (waiter) {
      bot.waiter = null;
      clearTimeout(waiter.timer);
      this.answer(token, bot, waiter.res, waiter.offset);
    }
    return update;
  }

  /** One slot of the bot's bucket, or false when it is empty. */
  private take(limit: { perSecond: number; burst: number }): boolean {
    const now = Date.now();
    if (this.bucket.at === 0) this.bucket = { tokens: limit.burst, at: now };
    this.bucket.tokens = Math.min(limit.burst, this.bucket.tokens + ((now - this.bucket.at) / 1000) * limit.perSecond);
    this.bucket.at = now;
    if (this.bucket.tokens < 1) return false;
    this.bucket.tokens -= 1;
    return true;
  }

  private bot(token: string): BotState {
    const bot = this.bots.get(token);
    if (!bot) throw new Error('unknown bot');
    return bot;
  }

  private answer(token: string, bot: BotState, res: ServerResponse, offset: number): void {
    const result = bot.updates.filter((u) => u.update_id >= offset);
    json(res, { ok: true, result });
    if (result.length) this.hooks.delivered?.(token, result, process.hrtime.bigint());
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '');
    const token = match?.[1] ?? '';
    const bot = this.bots.get(token);
    if (!match || !bot) return json(res, { ok: false, error_code: 401, description: 'Unauthorized' }, 401);
    const method = match[2]!;
    const payload = await readJson(req);
    switch (method) {
      case 'getMe':
        return json(res, { ok: true, result: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Bench bot', username: `bench_${token.split(':')[0]}_bot` } });
      case 'getUpdates': {
        const offset = Number(payload.offset ?? 0);
        // Confirmed updates are forgotten, as Telegram does.
        if (bot.updates.length && bot.updates[0]!.update_id < offset) bot.updates = bot.updates.filter((u) => u.update_id >= offset);
        const timeout = Number(payload.timeout ?? 0);
        if (bot.updates.length > 0 || timeout === 0) return this.answer(token, bot, res, offset);
        if (bot.waiter) json(bot.waiter.res, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' }, 409);
        const waiter = {
          offset,
          res,
          timer: setTimeout(() => {
            if (bot.waiter === waiter) bot.waiter = null;
            this.answer(token, bot, res, offset);
          }, Math.min(timeout, 25) * 1000),
        };
        bot.waiter = waiter;
        res.on('close', () => {
          clearTimeout(waiter.timer);
          if (bot.waiter === waiter) bot.waiter = null;
        });
        return;
      }
      case 'sendMessage': {
        const at = process.hrtime.bigint();
        if (this.limit && !this.take(this.limit)) {
          this.tooMany += 1;
          return json(res, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }, 429);
        }
        const chatId = Number(payload.chat_id);
        const text = String(payload.text ?? '');
        if (!text) return json(res, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' }, 400);
        const messageId = bot.nextMessageId++;
        bot.sent.add(`${chatId}:${messageId}`);
        json(res, { ok: true, result: apiMessage(chatId, messageId, text, payload.reply_markup) });
        this.hooks.replied?.({ token, method, chatId, messageId, text, buttons: buttonsOf(payload.reply_markup), at });
        return;
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const at = process.hrtime.bigint();
        const chatId = Number(payload.chat_id);
        const messageId = Number(payload.message_id);
        if (!bot.sent.has(`${chatId}:${messageId}`)) return json(res, { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' }, 400);
        const text = String(payload.text ?? '');
        json(res, { ok: true, result: apiMessage(chatId, messageId, text, payload.reply_markup) });
        this.hooks.replied?.({ token, method, chatId, messageId, text, buttons: buttonsOf(payload.reply_markup), at });
        return;
      }
      default:
        // answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook, …
        return json(res, { ok: true, result: true });
    }
  }
}

function markup(value: unknown): { inline_keyboard?: InlineButton[][] } | undefined {
  if (!value) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as { inline_keyboard?: InlineButton[][] };
}

function buttonsOf(value: unknown): InlineButton[] {
  return markup(value)?.inline_keyboard?.flat() ?? [];
}

function apiMessage(chatId: number, messageId: number, text: string, replyMarkup: unknown) {
  const keyboard = markup(replyMarkup);
  return {
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: 'private', first_name: 'Bench' },
    from: { id: 1, is_bot: true, first_name: 'Bench bot' },
    text,
    ...(keyboard?.inline_keyboard ? { reply_markup: keyboard } : {}),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  if (chunks.length === 0) return query;
  const raw = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
  if (type.includes('x-www-form-urlencoded')) return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
  return query;
}

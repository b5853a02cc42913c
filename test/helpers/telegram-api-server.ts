/**
 * @module A local server that answers like the Telegram Bot API (https://core.telegram.org/bots/api) over loopback
 * HTTP, so our real telegraf code runs against it: getMe, getUpdates (long poll with offset), sendMessage,
 * editMessageText, editMessageReplyMarkup, answerCallbackQuery, setMyCommands, setWebhook, deleteWebhook.
 * It refuses what Telegram refuses (text over 4,096 characters, button data over 64 bytes).
 * It records what the bot sent, lets a test act as a user (type, press a button, share a contact), can answer
 * 429 with retry_after once, and in webhook mode posts updates to the bot's URL with the secret header.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotMessage {
  message_id: number;
  chat_id: string;
  text: string;
  reply_markup?: {
    inline_keyboard?: { text: string; callback_data?: string; url?: string }[][];
    keyboard?: { text: string; request_contact?: boolean }[][];
    remove_keyboard?: boolean;
  };
  /** How many times the bot edited it. */
  edits: number;
}

/**
 * How the server answers one sendMessage (a test's fault plan): an error answer with its code (403 blocked, 429 with
 * retry_after, 5xx), or `reset`: the message is recorded as delivered, then the connection is dropped with no answer.
 */
export type SendFault = { status: number; description: string; retryAfter?: number } | 'reset' | null;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

type Update = Record<string, unknown> & { update_id: number };

interface Waiter {
  offset: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

export class FakeTelegramApi {
  readonly token = '123456:TEST-token_for-the-fake-api';
  readonly calls: ApiCall[] = [];
  readonly messages: BotMessage[] = [];
  readonly answeredCallbacks = new Set<string>();
  webhook: { url: string; secret: string | null } | null = null;
  /** Asked before every sendMessage; null lets it through. */
  sendFault: ((chatId: string) => SendFault) | null = null;
  /**
   * Asked before every sendMessage with its text (crash tests: the product killed right before a message leaves);
   * true drops the call unanswered and unrecorded, as if it never reached Telegram.
   */
  beforeSend: ((chatId: string, text: string) => boolean | Promise<boolean>) | null = null;
  /** Called with every call the bot makes, as it arrives (load tests follow thousands of chats without scanning). */
  onCall: ((call: ApiCall) => void) | null = null;
  private server: Server | null = null;
  private readonly updates: Update[] = [];
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private waiters: Waiter[] = [];
  private failOnce = new Map<string, number>();
  private userMessageId = 100_000;

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.res.end(JSON.stringify({ ok: true, result: [] }));
    }
    this.waiters = [];
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next call of `method` answers 429 Too Many Requests with this retry_after (seconds). */
  failNextWith429(method: string, retryAfter: number): void {
    this.failOnce.set(method, retryAfter);
  }

  // === Acting as the user

  /** The user types `text` (a command if it starts with "/"). */
  userSays(chatId: number, text: string, languageCode = 'ru'): Promise<number> {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return this.push({ message: this.userMessage(chatId, languageCode, { text, ...(entities ? { entities } : {}) }) });
  }

  /** The user sends something the bot cannot read, e.g. a sticker. */
  userSendsSticker(chatId: number): Promise<number> {
    return this.push({ message: this.userMessage(chatId, 'ru', { sticker: { file_id: 'st', file_unique_id: 'st', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' } }) });
  }

  /** The user taps the reply-keyboard contact button: Telegram sends their own contact. */
  userSharesContact(chatId: number, phone: string): Promise<number> {
    return this.push({ message: this.userMessage(chatId, 'ru', { contact: { phone_number: phone, first_name: 'Тест', user_id: chatId } }) });
  }

  /**
   * The user presses the inline button labelled `label` on the newest bot message that has it (or on `messageId`).
   * Returns the update id.
   */
  userPresses(chatId: number, label: string | RegExp, messageId?: number): Promise<number> {
    const message = [...this.messagesTo(chatId)].reverse().find((m) =>
      (messageId === undefined || m.message_id === messageId) && this.button(m, label));
    if (!message) throw new Error(`no button ${String(label)} in chat ${chatId}; last: ${this.lastText(chatId)}`);
    const button = this.button(message, label)!;
    return this.push({
      callback_query: {
        id: `cb-${this.nextUpdateId}`,
        from: { id: chatId, is_bot: false, first_name: 'Тест', language_code: 'ru' },
        chat_instance: `ci-${chatId}`,
        data: button.callback_data,
        message: { message_id: message.message_id, date: now(), chat: { id: chatId, type: 'private' }, text: message.text },
      },
    });
  }

  /**
   * Delivers any update content as Telegram would (an edited message, a forged button press…), with a fresh
   * update id. Returns the update id.
   */
  pushUpdate(content: Record<string, unknown>): Promise<number> {
    return this.push(content);
  }

  /** A user message object (for `pushUpdate`), from `chatId` in `languageCode`. */
  userMessageOf(chatId: number, languageCode: string, content: Record<string, unknown>): Record<string, unknown> {
    return this.userMessage(chatId, languageCode, content);
  }

  /** Updates the bot has not confirmed yet (by asking for a later offset). */
  get pendingUpdates(): number {
    return this.updates.length;
  }

  /** Delivers the same update again (Telegram may resend after a timeout). */
  redeliver(updateId: number): void {
    const update = this.sentUpdates.get(updateId);
    if (!update) throw new Error(`unknown update ${updateId}`);
    this.enqueue(update);
  }

  // === Looking at what the bot did

  messagesTo(chatId: number): BotMessage[] {
    return this.messages.filter((m) => m.chat_id === String(chatId));
  }

  lastText(chatId: number): string {
    return this.messagesTo(chatId).at(-1)?.text ?? '';
  }

  /** Resolves with the first bot message (in order) after `after` whose text matches; fails after `timeoutMs`. */
  async waitForMessage(chatId: number, match: RegExp, options: { after?: number; timeoutMs?: number } = {}): Promise<BotMessage> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.messagesTo(chatId).find((m) => m.message_id > (options.after ?? 0) && match.test(m.text));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no message matching ${match} in chat ${chatId}; got:\n${this.messagesTo(chatId).map((m) => `#${m.message_id} ${m.text}`).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits until the calls recorded satisfy `check`. */
  async waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  get lastMessageId(): number {
    return this.nextMessageId - 1;
  }

  // === Internals

  private readonly sentUpdates = new Map<number, Update>();

  private button(message: BotMessage, label: string | RegExp) {
    return message.reply_markup?.inline_keyboard?.flat().find((b) =>
      b.callback_data && (typeof label === 'string' ? b.text === label : label.test(b.text)));
  }

  private userMessage(chatId: number, languageCode: string, content: Record<string, unknown>) {
    return {
      message_id: (this.userMessageId += 1),
      date: now(),
      chat: { id: chatId, type: 'private', first_name: 'Тест' },
      from: { id: chatId, is_bot: false, first_name: 'Тест', language_code: languageCode },
      ...content,
    };
  }

  private async push(content: Record<string, unknown>): Promise<number> {
    const update: Update = { update_id: (this.nextUpdateId += 1), ...content };
    this.sentUpdates.set(update.update_id, update);
    this.enqueue(update);
    return update.update_id;
  }

  private enqueue(update: Update): void {
    if (this.webhook) {
      void fetch(this.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.webhook.secret ? { 'x-telegram-bot-api-secret-token': this.webhook.secret } : {}) },
        body: JSON.stringify(update),
      }).catch(() => undefined);
      return;
    }
    this.updates.push(update);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      this.answerUpdates(w.res, w.offset);
    }
  }

  private answerUpdates(res: ServerResponse, offset: number): void {
    send(res, { ok: true, result: this.updates.filter((u) => u.update_id >= offset) });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '');
    if (!match || match[1] !== this.token) return send(res, { ok: false, error_code: 401, description: 'Unauthorized' }, 401);
    const method = match[2]!;
    const payload = await readPayload(req);
    this.calls.push({ method, payload });
    this.onCall?.({ method, payload });
    const retryAfter = this.failOnce.get(method);
    if (retryAfter !== undefined) {
      this.failOnce.delete(method);
      return send(res, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }, 429);
    }
    switch (method) {
      case 'getMe':
        return send(res, { ok: true, result: { id: 123456, is_bot: true, first_name: 'Test bot', username: 'test_selfservice_bot' } });
      case 'getUpdates': {
        const offset = Number(payload.offset ?? 0);
        // Confirmed updates are forgotten, as Telegram does.
        for (let i = this.updates.length - 1; i >= 0; i -= 1) if (this.updates[i]!.update_id < offset) this.updates.splice(i, 1);
        const timeout = Number(payload.timeout ?? 0);
        if (this.updates.length > 0 || timeout === 0) return this.answerUpdates(res, offset);
        const waiter: Waiter = {
          offset, res,
          timer: setTimeout(() => {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            this.answerUpdates(res, offset);
          }, Math.min(timeout, 25) * 1000),
        };
        res.on('close', () => {
          clearTimeout(waiter.timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
        });
        this.waiters.push(waiter);
        return;
      }
      case 'sendMessage': {
        if (this.beforeSend && (await this.beforeSend(String(payload.chat_id), String(payload.text ?? '')))) {
          req.socket.destroy();
          return;
        }
        const fault = this.sendFault?.(String(payload.chat_id)) ?? null;
        if (fault && fault !== 'reset') {
          const parameters = fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {};
          return send(res, { ok: false, error_code: fault.status, description: fault.description, ...parameters }, fault.status);
        }
        const message: BotMessage = {
          message_id: (this.nextMessageId += 1) - 1,
          chat_id: String(payload.chat_id),
          text: String(payload.text ?? ''),
          ...(payload.reply_markup ? { reply_markup: parseJson(payload.reply_markup) as BotMessage['reply_markup'] } : {}),
          edits: 0,
        };
        if (!message.text) return send(res, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' }, 400);
        const refused = refusal(message.text, message.reply_markup);
        if (refused) return send(res, { ok: false, error_code: 400, description: refused }, 400);
        this.messages.push(message);
        if (fault === 'reset') {
          req.socket.destroy();
          return;
        }
        return send(res, { ok: true, result: toApiMessage(message) });
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const message = this.messages.find((m) => m.chat_id === String(payload.chat_id) && m.message_id === Number(payload.message_id));
        if (!message) return send(res, { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' }, 400);
        const text = method === 'editMessageText' ? String(payload.text ?? '') : message.text;
        const markup = payload.reply_markup ? (parseJson(payload.reply_markup) as BotMessage['reply_markup']) : undefined;
        const refused = refusal(text, markup);
        if (refused) return send(res, { ok: false, error_code: 400, description: refused }, 400);
        if (text === message.text && JSON.stringify(markup) === JSON.stringify(message.reply_markup)) {
          return send(res, { ok: false, error_code: 400, description: 'Bad Request: message is not modified' }, 400);
        }
        message.text = text;
        if (markup) message.reply_markup = markup;
        else delete message.reply_markup;
        message.edits += 1;
        return send(res, { ok: true, result: toApiMessage(message) });
      }
      case 'answerCallbackQuery':
        this.answeredCallbacks.add(String(payload.callback_query_id));
        return send(res, { ok: true, result: true });
      case 'setWebhook':
        this.webhook = { url: String(payload.url), secret: payload.secret_token ? String(payload.secret_token) : null };
        return send(res, { ok: true, result: true });
      case 'deleteWebhook':
        this.webhook = null;
        return send(res, { ok: true, result: true });
      default:
        return send(res, { ok: true, result: true });
    }
  }
}

const now = () => Math.floor(Date.now() / 1000);

function toApiMessage(m: BotMessage) {
  return {
    message_id: m.message_id, date: now(), chat: { id: Number(m.chat_id), type: 'private' }, text: m.text,
    from: { id: 123456, is_bot: true, first_name: 'Test bot' },
    ...(m.reply_markup?.inline_keyboard ? { reply_markup: m.reply_markup } : {}),
  };
}

/** What the Bot API refuses in a message: text over 4,096 characters, button data over 64 bytes, empty button text. */
function refusal(text: string, markup: BotMessage['reply_markup'] | undefined): string | null {
  if (text.length > 4096) return 'Bad Request: message is too long';
  for (const button of markup?.inline_keyboard?.flat() ?? []) {
    if (!button.text) return 'Bad Request: text buttons are unallowed in the inline keyboard';
    if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) return 'Bad Request: BUTTON_DATA_INVALID';
  }
  return null;
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function send(res: ServerResponse, body: unknown, status = 200): void {
  if (res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readPayload(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  if (!raw) return query;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
  if (type.includes('x-www-form-urlencoded')) return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
  return query;
}

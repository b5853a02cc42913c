/**
 * @module Benchmark 1, Telegram path: our telegraf adapter + engine + embedded store (the product started with
 * startProduct, long polling) answering a scripted conversation — /menu → Balance → back to the menu — through a
 * local server that answers like the Bot API, against a bare telegraf echo bot polling the same server in the
 * same run, round by round. Steps/s under load, the ratio ours/baseline, and p50/p99 from the update leaving in a
 * getUpdates answer to the reply (sendMessage / editMessageText) arriving, at light load and under load.
 */
import { Telegraf } from 'telegraf';
import { startProduct, type Product } from '../../main.ts';
import { Pacer } from '../../bot/telegram/pacer.ts';
import type { TelegramBot } from '../../bot/telegram/index.ts';
import { BenchBotApi, type Reply, type Update } from './bot-api-server.ts';
import { productEnv, type BenchContext } from './context.ts';
import { figure, type BenchResult } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

export const OURS = '7000001:bench-ours-token';
const ECHO = '7000002:bench-echo-token';
/** How long one exchange may take before the benchmark gives up with a diagnosis. */
const STEP_TIMEOUT_MS = 15_000;

/** One step of a script: what the user does, and which reply completes the step (the one carrying the next buttons). */
export interface ScriptStep {
  name: string;
  /** Typed text, or the choice id whose button is pressed on the previous reply. */
  does: { text: string } | { press: string };
  /** The step is answered by the first reply that has a button with this choice id. */
  until: string;
}

/** Single-account demo subscribers (balance opens at once, no account to pick): overdue, disconnected, current. */
const SUBSCRIBERS = [
  { id: 'demo-yerzhan', phone: '+77021234567' },
  { id: 'demo-dinara', phone: '+77051234567' },
  { id: 'demo-svetlana', phone: '+77081234567' },
];

const choiceOf = (callbackData: string | undefined) => callbackData?.slice(callbackData.indexOf(':') + 1) ?? '';

/** Drives scripted chats against one bot of the Bot API server and times each step. */
export class TelegramDriver {
  private readonly pending = new Map<string, { updateId: number; deliveredAt: bigint | null; until: string; done: (r: Reply, ms: number) => void }>();
  private readonly byUpdate = new Map<string, string>();

  constructor(private readonly api: BenchBotApi) {
    api.hooks = {
      delivered: (token, updates, at) => {
        for (const u of updates) {
          const key = this.byUpdate.get(`${token}#${u.update_id}`);
          const p = key ? this.pending.get(key) : undefined;
          if (p && p.updateId === u.update_id && p.deliveredAt === null) p.deliveredAt = at;
        }
      },
      replied: (reply) => {
        const key = `${reply.token}:${reply.chatId}`;
        const p = this.pending.get(key);
        if (!p || p.deliveredAt === null) return;
        if (!reply.buttons.some((b) => b.callback_data === p.until || choiceOf(b.callback_data) === p.until)) return;
        this.pending.delete(key);
        this.byUpdate.delete(`${reply.token}#${p.updateId}`);
        p.done(reply, Number(reply.at - p.deliveredAt) / 1e6);
      },
    };
  }

  /** Sends one user action to `chatId` of bot `token` and resolves with the completing reply and the latency (ms). */
  exchange(token: string, chatId: number, step: ScriptStep, previous: Reply | null): Promise<{ reply: Reply; ms: number }> {
    const key = `${token}:${chatId}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(key);
        reject(new Error(`no reply to "${step.name}" in chat ${chatId} within ${STEP_TIMEOUT_MS} ms (last: ${previous?.text.slice(0, 120) ?? '—'})`));
      }, STEP_TIMEOUT_MS);
      const done = (reply: Reply, ms: number) => {
        clearTimeout(timer);
        resolve({ reply, ms });
      };
      let content: Record<string, unknown>;
      if ('text' in step.does) {
        content = { message: userMessage(chatId, step.does.text) };
      } else {
        const wanted = step.does.press;
        const button = previous?.buttons.find((b) => b.callback_data === wanted || choiceOf(b.callback_data) === wanted);
        if (!previous || !button?.callback_data) {
          clearTimeout(timer);
          reject(new Error(`no "${wanted}" button to press in chat ${chatId}; last reply: ${previous?.text.slice(0, 200) ?? '—'}`));
          return;
        }
        content = { callback_query: callbackQuery(chatId, previous, button.callback_data) };
      }
      // Registered as soon as the update has its id, before a waiting getUpdates can carry it off.
      this.api.push(token, content, (update: Update) => {
        this.pending.set(key, { updateId: update.update_id, deliveredAt: null, until: step.until, done });
        this.byUpdate.set(`${token}#${update.update_id}`, key);
      });
    });
  }
}

let userMessageId = 1_000_000;
function userMessage(chatId: number, text: string) {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.length }] : undefined;
  return {
    message_id: (userMessageId += 1),
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: 'private', first_name: 'Абонент' },
    from: { id: chatId, is_bot: false, first_name: 'Абонент', language_code: 'ru' },
    text,
    ...(entities ? { entities } : {}),
  };
}

let callbackId = 0;
function callbackQuery(chatId: number, on: Reply, data: string) {
  return {
    id: `cb-${(callbackId += 1)}`,
    from: { id: chatId, is_bot: false, first_name: 'Абонент', language_code: 'ru' },
    chat_instance: `ci-${chatId}`,
    data,
    message: { message_id: on.messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: on.text },
  };
}

export interface Phase {
  steps: number;
  seconds: number;
  latencies: number[];
}

/**
 * Runs `concurrency` simulated users for `seconds`; each repeats the script on chat after chat from `nextChat`.
 * Steps/s counts steps answered; latencies are per step.
 */
export async function runPhase(
  driver: TelegramDriver, token: string, script: ScriptStep[], nextChat: () => number, concurrency: number, seconds: number,
  seen?: Map<string, string>,
): Promise<Phase> {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const user = async () => {
    while (process.hrtime.bigint() < deadline) {
      const chatId = nextChat();
      let previous: Reply | null = null;
      for (const step of script) {
        if (process.hrtime.bigint() >= deadline) break;
        const { reply, ms } = await driver.exchange(token, chatId, step, previous);
        latencies.push(ms);
        if (seen && !seen.has(step.name)) seen.set(step.name, reply.text);
        previous = reply;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, user));
  return { steps: latencies.length, seconds: msSince(start) / 1000, latencies };
}

/**
 * The Pacer keeps the product under Telegram's own limits (about 30 messages/s per bot, 1/s per chat). Against
 * the local server it would be the pacer, not our code, that is measured, so the benchmark lifts its limits on the
 * running channel. (The field is private; this is the benchmark's one reach inside.)
 */
export function liftPacer(telegram: TelegramBot): void {
  const channel = telegram.channel as unknown as { pacer?: unknown };
  if (!(channel.pacer instanceof Pacer)) throw new Error('TelegramChannel no longer keeps its Pacer in `pacer`; update liftPacer()');
  channel.pacer = new Pacer({ perChatPerSecond: 1e9, perChatBurst: 1e9, globalPerSecond: 1e9, globalBurst: 1e9 });
}

/** A bare telegraf bot: echoes text with one button, and answers a press by editing the message (answering the query too). */
function echoBot(apiRoot: string): Telegraf {
  const bot = new Telegraf(ECHO, { telegram: { apiRoot, webhookReply: false } });
  const keyboard = { inline_keyboard: [[{ text: 'Ещё', callback_data: 'again' }]] };
  bot.on('text', (ctx) => ctx.reply(ctx.message.text, { reply_markup: keyboard }));
  bot.on('callback_query', (ctx) => {
    void ctx.answerCbQuery().catch(() => undefined);
    return ctx.editMessageText(`Нажато: ${'data' in ctx.callbackQuery ? ctx.callbackQuery.data : ''}`, { reply_markup: keyboard });
  });
  return bot;
}

export const OUR_SCRIPT: ScriptStep[] = [
  { name: '/menu', does: { text: '/menu' }, until: 'balance' },
  { name: 'Balance', does: { press: 'balance' }, until: 'menu' },
  { name: 'back to the menu', does: { press: 'menu' }, until: 'balance' },
];
const ECHO_SCRIPT: ScriptStep[] = [
  { name: 'text', does: { text: 'баланс' }, until: 'again' },
  { name: 'press', does: { press: 'again' }, until: 'again' },
  { name: 'press', does: { press: 'again' }, until: 'again' },
];

/** Links `count` Telegram chats (ids from `firstId`) to demo subscribers, language Russian, as verification would. */
export async function linkChats(product: Product, firstId: number, count: number): Promise<void> {
  const now = product.clock.now();
  for (let i = 0; i < count; i += 1) {
    const s = SUBSCRIBERS[i % SUBSCRIBERS.length]!;
    const chat = await product.store.chats.touch('telegram', String(firstId + i), now);
    await product.store.chats.setLanguage(chat.key, 'ru');
    await product.store.chats.link(chat.key, { subscriberId: s.id, phone: s.phone, linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000) });
  }
}

/** Runs benchmark 1 (ours and the echo bot, round by round) and returns its figures. */
export async function telegramBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const rounds = ctx.quick ? 2 : 5;
  const concurrency = 16;
  const loadSeconds = ctx.quick ? 1.5 : 3;
  const lightSeconds = ctx.quick ? 1 : 1.5;
  const chats = ctx.quick ? 1_000 : 3_000;
  const api = await new BenchBotApi().start();
  api.addBot(OURS);
  api.addBot(ECHO);
  const driver = new TelegramDriver(api);
  const product = await startProduct({
    env: await productEnv(ctx.dir('telegram'), { TELEGRAM_BOT_TOKEN: OURS, TELEGRAM_API_ROOT: api.url, DEMO_DATA: 'true' }),
    hostname: '127.0.0.1',
  });
  const echo = echoBot(api.url);
  const echoRunning = echo.launch().catch(() => undefined);
  try {
    if (!product.telegram) throw new Error('the product did not start Telegram');
    liftPacer(product.telegram);
    const firstChat = 5_000_000;
    await linkChats(product, firstChat, chats);
    let ourNext = 0;
    const ourChat = () => firstChat + (ourNext++ % chats);
    let echoNext = 0;
    const echoChat = () => 9_000_000 + echoNext++;
    // The echo bot connects in the background (getMe, deleteWebhook, first getUpdates); its first exchange waits for it.
    ctx.log(`Telegram: warming up (${concurrency} users, 1 s each bot) …`);
    await runPhase(driver, ECHO, ECHO_SCRIPT, echoChat, concurrency, 1);
    const seen = new Map<string, string>();
    await runPhase(driver, OURS, OUR_SCRIPT, ourChat, concurrency, 1, seen);

    const load = { ours: [] as Phase[], echo: [] as Phase[] };
    const light = { ours: [] as Phase[], echo: [] as Phase[] };
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      ctx.log(`Telegram: round ${r + 1}/${rounds} …`);
      const order = r % 2 ? (['ours', 'echo'] as const) : (['echo', 'ours'] as const);
      for (const who of order) {
        const [token, script, next] = who === 'ours' ? [OURS, OUR_SCRIPT, ourChat] : [ECHO, ECHO_SCRIPT, echoChat];
        light[who].push(await runPhase(driver, token, script, next, 1, lightSeconds));
        load[who].push(await runPhase(driver, token, script, next, concurrency, loadSeconds));
      }
      const rate = (p: Phase) => p.steps / p.seconds;
      ratios.push(rate(load.ours.at(-1)!) / rate(load.echo.at(-1)!));
    }
    const rates = (phases: Phase[]) => phases.map((p) => p.steps / p.seconds);
    const lat = (phases: Phase[]) => phases.flatMap((p) => p.latencies);
    return {
      id: 'telegram',
      title: '1. Telegram path: dialog steps through a local Bot API server',
      workload: [
        `ours: the product (startProduct: telegraf long polling, engine, embedded store) with ${chats.toLocaleString('en')} chats linked to demo subscribers; script /menu → Balance → back to the menu, a new chat each round trip`,
        `baseline: a bare telegraf echo bot polling the same server in the same process: text → reply with a button; press → answerCallbackQuery + editMessageText`,
        `latency: from the update leaving in a getUpdates answer to the reply that completes the step arriving (sendMessage/editMessageText with the next buttons)`,
        `${rounds} rounds, ours and baseline alternating; each round: light load (1 user, ${lightSeconds} s) then load (${concurrency} users, ${loadSeconds} s); 1 s warm-up each at first`,
        `the Pacer's Telegram limits (30 msg/s per bot, 1 msg/s per chat) are lifted for the benchmark; against the real Telegram no bot can send faster than that`,
      ],
      figures: [
        figure(`ours, steps/s (${concurrency} users)`, 'steps/s', summarize(rates(load.ours)), rates(load.ours)),
        figure(`baseline, steps/s (${concurrency} users)`, 'steps/s', summarize(rates(load.echo)), rates(load.echo)),
        figure('ours, latency, 1 user', 'ms', summarize(lat(light.ours))),
        figure('baseline, latency, 1 user', 'ms', summarize(lat(light.echo))),
        figure(`ours, latency, ${concurrency} users`, 'ms', summarize(lat(load.ours))),
        figure(`baseline, latency, ${concurrency} users`, 'ms', summarize(lat(load.echo))),
      ],
      ratios: [
        {
          name: 'steps/s ours / baseline',
          value: median(ratios),
          how: `median of ${rounds} per-round ratios, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
        },
        {
          name: 'p50 latency ours / baseline, 1 user',
          value: median(lat(light.ours)) / median(lat(light.echo)),
          how: 'ratio of medians',
        },
      ],
      notes: [
        ...[...seen].map(([step, text]) => `our reply to "${step}" begins: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 90))}`),
        'telegraf talks plain HTTP to the local server without keep-alive (its default for http:// API roots), for both bots alike',
      ],
      wallMs: msSince(started),
    };
  } finally {
    echo.stop('bench over');
    await echoRunning;
    await product.stop();
    await api.stop();
  }
}

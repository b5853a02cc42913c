/**
 * @module The fuzz run: the product started as `npm start` starts it, with all three channels — Telegram through the
 * local Bot API server (real telegraf long polling), WhatsApp through an object with whatsapp-web.js's client
 * surface, the web chat over HTTP with its event stream — and seeded random traffic in each channel's wire shape,
 * in rounds, with concurrent bursts per chat. Every reply (texts and button labels) is checked for localization;
 * error-level log lines, the engine's apology, HTTP 5xx and unhandled rejections are defects. At the end every
 * chat that is sampled must still answer /menu.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { translator } from '../../core/i18n/i18n.ts';
import { createLogger } from '../../core/logging/logger.ts';
import type { ChannelName } from '../../core/chats/model.ts';
import { startProduct, type Product } from '../../main.ts';
import { FakeWhatsApp } from '../helpers/fake-whatsapp.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi, type BotMessage } from '../helpers/telegram-api-server.ts';
import { WebChatClient } from '../selfservice/webchat-client.ts';
import { telegramUpdate, webchatBody, whatsappMessage } from './inbound.ts';
import { localizationProblems } from './localized.ts';
import { Random } from './random.ts';

export interface FuzzOptions {
  events: number;
  seed: number;
  /** Chats per channel (web-chat visitors each have their own session and client address). */
  chats?: { telegram: number; whatsapp: number; webchat: number };
  /** Events issued before waiting for every reply and checking them. */
  round?: number;
  progress?: (line: string) => void;
}

export interface FuzzDefect {
  channel: ChannelName | 'process';
  what: string;
  /** The reply (or log line) that shows it, cut short. */
  sample: string;
}

export interface FuzzReport {
  seed: number;
  events: Record<ChannelName, number>;
  /** Bot messages and edits checked. */
  replies: number;
  /** Web-chat POST answers by status. */
  statuses: Record<number, number>;
  defects: FuzzDefect[];
  /** Chats sampled at the end that answered /menu, of those asked. */
  alive: { asked: number; answered: number; silent: string[] };
  ms: number;
}

const APOLOGIES = [translator('ru')('common:error.unexpected'), translator('kk')('common:error.unexpected')];
/** Names in the demo data a reply may quote (the leased modem's model). */
const DATA_WORDS = ['ZTE ZXHN'];
const ACCEPTED_STATUSES = new Set([202, 400, 413, 429]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cut = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const random = new Random(options.seed);
  // Web-chat visitors grow with the run, so the per-session rate limit (40 posts a minute) answers only some posts.
  const counts = options.chats ?? { telegram: 240, whatsapp: 160, webchat: Math.max(120, Math.ceil(options.events / 250)) };
  const round = options.round ?? 400;
  const defects: FuzzDefect[] = [];
  const defect = (channel: FuzzDefect['channel'], what: string, sample: string) => {
    if (defects.length < 200) defects.push({ channel, what, sample: cut(sample) });
  };

  const onRejection = (reason: unknown) => defect('process', 'unhandled rejection', String((reason as Error)?.stack ?? reason));
  const onException = (err: Error) => defect('process', 'uncaught exception', String(err.stack ?? err));
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);

  const logSink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { message?: string; stack?: string } };
        if (entry.level === 'error' || entry.level === 'fatal') defect('process', `error logged: ${entry.msg}`, entry.err?.stack ?? entry.err?.message ?? line);
      }
      done();
    },
  });

  const api = await new FakeTelegramApi().start();
  const wa = new FakeWhatsApp();
  wa.session = '77272000160';
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
  let product: Product | null = null;
  const clients: WebChatClient[] = [];
  try {
    product = await startProduct({
      env: {
        PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'true', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'fuzz-admin-password',
        TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, WHATSAPP_ENABLED: 'true', TRUSTED_PROXIES: '127.0.0.1',
        SCHEDULER_INTERVAL_MS: '3600000', SECRET_KEY: 'f'.repeat(40),
      },
      logger: createLogger('warn', logSink),
      hostname: '127.0.0.1',
      whatsapp: { createClient: wa.createClient, pace: { globalGapMs: 0, perChatGapMs: 0 } },
      telegram: { pace: { perChatPerSecond: 1e9, perChatBurst: 1e9, globalPerSecond: 1e9, globalBurst: 1e9 } },
    });
    const running = product;
    await wa.waitFor(() => running.whatsapp?.control.status().state === 'ready', 15_000, 'WhatsApp ready');
    const store = running.store;
    const demo = await Promise.all(['+77011234567', '+77021234567', '+77051234567', '+77081234567'].map((p) => store.subscribers.findByPhone(p)));
    const subscribers = demo.filter((s) => s !== null);

    /** A third of the chats start linked to a demo subscriber, so the self-service journeys get fuzzed too. */
    const link = async (channel: ChannelName, externalId: string, index: number) => {
      if (index % 3 !== 0) return;
      const s = subscribers[index % subscribers.length]!;
      const now = running.clock.now();
      const chat = await store.chats.touch(channel, externalId, now);
      await store.chats.setLanguage(chat.key, index % 2 ? 'kk' : 'ru');
      await store.chats.link(chat.key, { subscriberId: s.id, phone: s.phone, linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000) });
    };

    const telegramChats = Array.from({ length: counts.telegram }, (_, i) => 7_000_001 + i);
    for (const [i, id] of telegramChats.entries()) await link('telegram', String(id), i);
    const whatsappChats = Array.from({ length: counts.whatsapp }, (_, i) => `7747${String(1_000_000 + i).padStart(7, '0')}@c.us`);
    for (const [i, id] of whatsappChats.entries()) await link('whatsapp', id, i);
    for (let i = 0; i < counts.webchat; i += 1) {
      const client = await new WebChatClient(running.url, { 'x-forwarded-for': `10.${(i >> 8) & 255}.${i & 255}.7` }).open();
      clients.push(client);
      await link('webchat', await client.externalId(running.webchat.sessions), i);
    }

    /** What each chat typed lately: a reply may quote it back (a refusal's reason, in the application to sign). */
    const typedBy = new Map<string, string[]>();
    const remember = (chat: string, typed: string | null) => {
      if (!typed) return;
      const list = typedBy.get(chat) ?? [];
      list.push(typed);
      if (list.length > 30) list.shift(); // a refusal reason is quoted back several steps later
      typedBy.set(chat, list);
    };
    const checkReply = (channel: ChannelName, chat: string, text: string, labels: string[]) => {
      replies += 1;
      if (APOLOGIES.includes(text)) defect(channel, 'the engine apologised (a step failed)', text);
      for (const problem of localizationProblems(text, typedBy.get(chat) ?? [], DATA_WORDS)) defect(channel, problem, text);
      for (const label of labels) for (const problem of localizationProblems(label)) defect(channel, `button: ${problem}`, label);
    };
    let replies = 0;
    const events: Record<ChannelName, number> = { telegram: 0, whatsapp: 0, webchat: 0 };
    const statuses: Record<number, number> = {};
    const telegramShown = new Map<number, BotMessage[]>();
    let webchatSeq = 0;

    const oneTelegram = (chatId: number) => {
      const { update, typed } = telegramUpdate(random, chatId, telegramShown.get(chatId) ?? [], (lang, content) => api.userMessageOf(chatId, lang, content));
      remember(`telegram:${chatId}`, typed);
      void api.pushUpdate(update);
      events.telegram += 1;
    };
    const lastList = new Map<string, string>();
    const oneWhatsApp = (chat: string) => {
      const { message, typed } = whatsappMessage(random, chat, lastList.get(chat) ?? null, (from, fields) => wa.message(from, fields));
      remember(`whatsapp:${chat}`, typed);
      wa.current.emit('message', message);
      events.whatsapp += 1;
    };
    const oneWebchat = async (client: WebChatClient, index: number) => {
      const { body, typed } = webchatBody(random, client.messages, `f${(webchatSeq += 1)}`);
      remember(`webchat:${index}`, typed);
      events.webchat += 1;
      let failure = '';
      const status = await client.send(body).catch((err: unknown) => {
        failure = String((err as Error & { cause?: unknown }).cause ?? err);
        return 0;
      });
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!ACCEPTED_STATUSES.has(status)) defect('webchat', `POST /webchat/send answered ${status || failure}`, JSON.stringify(body) ?? String(body));
    };

    /** Waits until every update and message issued so far has been handled and its replies sent. */
    const settle = async (posts: Promise<unknown>[]) => {
      await Promise.all(posts);
      for (let i = 0; i < 3; i += 1) {
        const deadline = Date.now() + 60_000;
        while (api.pendingUpdates > 0) {
          if (Date.now() > deadline) throw new Error('the bot stopped taking Telegram updates');
          await sleep(10);
        }
        await running.whatsapp?.idle();
        await running.conversations.idle();
        await sleep(5);
      }
    };

    /** Checks every reply of the round, then forgets what is no longer needed (keeps memory flat over 100,000 events). */
    const checkRound = () => {
      for (const call of api.calls.splice(0)) {
        if (call.method !== 'sendMessage' && call.method !== 'editMessageText') continue;
        const markup = typeof call.payload.reply_markup === 'string' ? JSON.parse(call.payload.reply_markup) : call.payload.reply_markup;
        const labels = [...((markup?.inline_keyboard ?? []) as { text: string }[][]).flat(), ...((markup?.keyboard ?? []) as { text: string }[][]).flat()].map((b) => b.text);
        checkReply('telegram', `telegram:${String(call.payload.chat_id)}`, String(call.payload.text ?? ''), labels);
      }
      telegramShown.clear();
      for (const m of api.messages) {
        const id = Number(m.chat_id);
        const list = telegramShown.get(id) ?? [];
        list.push(m);
        telegramShown.set(id, list.slice(-8));
      }
      api.messages.splice(0, Math.max(0, api.messages.length - counts.telegram * 8));
      for (const sent of wa.sent.splice(0)) {
        checkReply('whatsapp', `whatsapp:${sent.chatId}`, sent.text, []);
        if (/^\d+ — /m.test(sent.text)) lastList.set(sent.chatId, sent.text);
      }
      for (const [index, client] of clients.entries()) {
        for (const m of client.messages) if (m.from === 'bot') checkReply('webchat', `webchat:${index}`, m.text, m.choices.map((c) => c.label));
        client.messages.splice(0, Math.max(0, client.messages.length - 6));
      }
    };

    let issued = 0;
    while (issued < options.events) {
      const posts: Promise<unknown>[] = [];
      const end = Math.min(options.events, issued + round);
      while (issued < end) {
        const channel = random.weighted({ telegram: 4, whatsapp: 3, webchat: 3 });
        // Mostly one event; sometimes a burst of several at once in one chat.
        const burst = Math.min(end - issued, random.chance(0.1) ? random.int(2, 8) : 1);
        if (channel === 'telegram') {
          const chat = random.pick(telegramChats);
          for (let b = 0; b < burst; b += 1) oneTelegram(chat);
        } else if (channel === 'whatsapp') {
          const chat = random.pick(whatsappChats);
          for (let b = 0; b < burst; b += 1) oneWhatsApp(chat);
        } else {
          const index = random.int(0, clients.length - 1);
          for (let b = 0; b < burst; b += 1) posts.push(oneWebchat(clients[index]!, index));
        }
        issued += burst;
      }
      await settle(posts);
      // Server-sent events reach the page a moment after the POST answers.
      await sleep(20);
      checkRound();
      options.progress?.(`${issued.toLocaleString('en')} events, ${replies.toLocaleString('en')} replies checked, ${defects.length} defects, ${Math.round((Date.now() - started) / 1000)} s`);
    }

    // Every chat sampled still answers.
    const alive = { asked: 0, answered: 0, silent: [] as string[] };
    const sampleTelegram = telegramChats.filter((_, i) => i % Math.ceil(telegramChats.length / 15) === 0);
    const sampleWhatsApp = whatsappChats.filter((_, i) => i % Math.ceil(whatsappChats.length / 15) === 0);
    const sampleWebchat = clients.filter((_, i) => i % Math.ceil(clients.length / 15) === 0);
    const before = { telegram: new Map<number, number>(), whatsapp: new Map<string, number>(), webchat: new Map<WebChatClient, number>() };
    for (const id of sampleTelegram) before.telegram.set(id, api.messagesTo(id).at(-1)?.message_id ?? 0);
    for (const id of sampleWhatsApp) before.whatsapp.set(id, wa.messagesTo(id).length);
    for (const c of sampleWebchat) before.webchat.set(c, c.messages.length);
    await sleep(1_100); // the per-session web-chat limit refills
    const posts: Promise<unknown>[] = [];
    for (const id of sampleTelegram) void api.userSays(id, '/menu');
    for (const id of sampleWhatsApp) wa.says(id, '/menu');
    for (const c of sampleWebchat) posts.push(c.send({ kind: 'command', name: 'menu', clientId: `alive-${(webchatSeq += 1)}` }));
    await settle(posts);
    const answered = () => [
      ...sampleTelegram.map((id) => api.messagesTo(id).some((m) => m.message_id > before.telegram.get(id)! && m.text) || `telegram ${id}`),
      ...sampleWhatsApp.map((id) => wa.messagesTo(id).length > before.whatsapp.get(id)! || `whatsapp ${id}`),
      ...sampleWebchat.map((c, i) => c.messages.slice(before.webchat.get(c)!).some((m) => m.from === 'bot') || `webchat #${i}`),
    ];
    // A reply may still be on its way (a loaded CI machine): wait for it, up to ten seconds, rather than a fixed pause.
    const patience = Date.now() + 10_000;
    while (answered().some((a) => a !== true) && Date.now() < patience) await sleep(50);
    const answers = answered();
    alive.asked = answers.length;
    alive.answered = answers.filter((a) => a === true).length;
    alive.silent = answers.filter((a): a is string => a !== true);
    checkRound();
    return { seed: options.seed, events, replies, statuses, defects, alive, ms: Date.now() - started };
  } finally {
    for (const c of clients) c.close();
    await product?.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
}

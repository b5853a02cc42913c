/**
 * @module The Telegram load run (issue 20 item 11): the product as `npm start` runs it, its real telegraf client long
 * polling the local Bot API server, and many chats at once, each linked to a demo subscriber and taking its steps in
 * bursts (several updates sent before any answer, as a fast user or a flaky network delivers them). One chat first
 * takes the script alone to record what each step answers; every chat under load must then receive exactly that
 * sequence of texts: nothing lost, nothing twice, nothing out of order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';

export interface LoadOptions {
  chats: number;
  steps: number;
  /** Steps a chat sends at once before waiting for their answers. */
  burst?: number;
  progress?: (line: string) => void;
}

export interface ChatMismatch {
  chatId: number;
  /** Index of the first reply that differs from the recorded script. */
  at: number;
  expected: string | null;
  got: string | null;
}

export interface LoadReport {
  chats: number;
  steps: number;
  burst: number;
  /** Replies (sent or edited texts) the chats received, and how many the script expects. */
  replies: number;
  expectedReplies: number;
  mismatches: ChatMismatch[];
  /** Chats that did not get every reply in time. */
  stalled: number;
  ms: number;
  stepsPerSecond: number;
}

/** The script: commands whose answers differ, in a cycle (a step is one command). */
const SCRIPT = ['/menu', '/help', '/ticket', '/language'];
const SUBSCRIBERS = ['+77021234567', '+77051234567', '+77081234567'];
const FIRST_CHAT = 8_000_001;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runTelegramLoad(options: LoadOptions): Promise<LoadReport> {
  const burst = options.burst ?? 5;
  const api = await new FakeTelegramApi().start();
  const dir = mkdtempSync(join(tmpdir(), 'telegram-load-'));
  let product: Product | null = null;
  /** Texts each chat received, in the order the bot sent them. */
  const received = new Map<number, string[]>();
  api.onCall = ({ method, payload }) => {
    if (method !== 'sendMessage' && method !== 'editMessageText') return;
    const chatId = Number(payload.chat_id);
    const list = received.get(chatId) ?? [];
    list.push(String(payload.text ?? ''));
    received.set(chatId, list);
  };
  try {
    product = await startProduct({
      env: {
        PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'true', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'load-admin-password',
        TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SCHEDULER_INTERVAL_MS: '3600000', SECRET_KEY: 'l'.repeat(40),
      },
      hostname: '127.0.0.1',
      // Telegram's own limits (about 30 messages a second) would be what is measured; the pacer has its own tests.
      telegram: { pace: { perChatPerSecond: 1e9, perChatBurst: 1e9, globalPerSecond: 1e9, globalBurst: 1e9 } },
    });
    const running = product;
    const subscribers = await Promise.all(SUBSCRIBERS.map((p) => running.store.subscribers.findByPhone(p)));
    const link = async (chatId: number, i: number) => {
      const s = subscribers[i % subscribers.length]!;
      const now = running.clock.now();
      const chat = await running.store.chats.touch('telegram', String(chatId), now);
      await running.store.chats.setLanguage(chat.key, 'ru');
      await running.store.chats.link(chat.key, { subscriberId: s.id, phone: s.phone, linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000) });
    };
    const stepText = (step: number) => SCRIPT[step % SCRIPT.length]!;
    const waitFor = async (chatId: number, count: number, timeoutMs: number): Promise<boolean> => {
      const deadline = Date.now() + timeoutMs;
      while ((received.get(chatId)?.length ?? 0) < count) {
        if (Date.now() > deadline) return false;
        await sleep(10);
      }
      return true;
    };

    // One chat alone, one step at a time: what each step answers (and how many texts), with no load at all.
    const calibration = FIRST_CHAT - 1;
    await link(calibration, 0);
    const perStep: string[][] = [];
    for (let step = 0; step < SCRIPT.length; step += 1) {
      const before = received.get(calibration)?.length ?? 0;
      await api.userSays(calibration, stepText(step));
      await waitFor(calibration, before + 1, 10_000);
      await running.conversations.idle();
      await sleep(50);
      perStep.push((received.get(calibration) ?? []).slice(before));
    }
    const expected = Array.from({ length: options.steps }, (_, step) => perStep[step % SCRIPT.length]!).flat();
    const expectedAfter = (steps: number) => Array.from({ length: steps }, (_, step) => perStep[step % SCRIPT.length]!.length).reduce((a, b) => a + b, 0);

    const chats = Array.from({ length: options.chats }, (_, i) => FIRST_CHAT + i);
    for (const [i, id] of chats.entries()) await link(id, i);

    const started = Date.now();
    let stalled = 0;
    let finished = 0;
    const runChat = async (chatId: number) => {
      for (let step = 0; step < options.steps; step += burst) {
        const last = Math.min(options.steps, step + burst);
        for (let s = step; s < last; s += 1) void api.userSays(chatId, stepText(s));
        if (!(await waitFor(chatId, expectedAfter(last), 120_000))) {
          stalled += 1;
          return;
        }
      }
      finished += 1;
      if (finished % Math.max(1, Math.floor(options.chats / 10)) === 0) {
        options.progress?.(`${finished}/${options.chats} chats done, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    };
    await Promise.all(chats.map(runChat));
    await running.conversations.idle();
    await sleep(200); // anything sent twice would arrive now
    const ms = Date.now() - started;

    const mismatches: ChatMismatch[] = [];
    let replies = 0;
    for (const chatId of chats) {
      const got = received.get(chatId) ?? [];
      replies += got.length;
      const at = got.findIndex((text, i) => text !== expected[i]);
      const first = at >= 0 ? at : got.length !== expected.length ? Math.min(got.length, expected.length) : -1;
      if (first >= 0) mismatches.push({ chatId, at: first, expected: expected[first] ?? null, got: got[first] ?? null });
    }
    return {
      chats: options.chats, steps: options.steps, burst, replies, expectedReplies: expected.length * options.chats, mismatches, stalled, ms,
      stepsPerSecond: Math.round((options.chats * options.steps * 1000) / ms),
    };
  } finally {
    api.onCall = null;
    await product?.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

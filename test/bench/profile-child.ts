/**
 * @module Child process of `npm run bench:profile`: starts the product (startProduct, demo data, embedded store)
 * and drives only our side of benchmark 1 or 2 — USERS (16 unless given) users doing /menu → Balance → back to the menu — for a few
 * seconds. V8's CPU profiler (the one `node --cpu-prof` starts, here through node:inspector) runs only during those
 * seconds, so start-up, linking the chats and the warm-up stay out of the profile. The driver (the local Bot API
 * server, the HTTP client) runs in this process too: the summary names its parts. Writes the profile to PROFILE_FILE
 * and prints `BENCH_PROFILE {"steps":…,"seconds":…}`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startProduct } from '../../main.ts';
import { BenchBotApi } from './bot-api-server.ts';
import { productEnv } from './context.ts';
import { liftPacer, linkChats, OUR_SCRIPT, OURS, runPhase, TelegramDriver } from './telegram-bench.ts';
import { linkedVisitors, ourVisit, runPhase as runWebPhase, type WebPhase } from './webchat-bench.ts';

const path = process.argv[2];
const seconds = Number(process.argv[3] ?? '6');
const dir = process.argv[4];
const out = process.argv[5];
const users = Number(process.argv[6] ?? '16');
if ((path !== 'telegram' && path !== 'webchat') || !dir || !out || !(users >= 1)) {
  throw new Error('usage: profile-child.ts telegram|webchat SECONDS DATA_DIR OUT.cpuprofile [USERS]');
}

/** Runs `measured` under the CPU profiler (sampling every ms) and writes the profile to `out`. */
async function profiled<T>(measured: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const result = await measured();
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(out!, JSON.stringify(profile));
  session.disconnect();
  return result;
}

async function telegram(): Promise<{ steps: number; seconds: number }> {
  const api = await new BenchBotApi().start();
  api.addBot(OURS);
  const driver = new TelegramDriver(api);
  const product = await startProduct({ env: await productEnv(dir!, { TELEGRAM_BOT_TOKEN: OURS, TELEGRAM_API_ROOT: api.url, DEMO_DATA: 'true' }), hostname: '127.0.0.1' });
  try {
    liftPacer(product.telegram!);
    await linkChats(product, 5_000_000, 3_000);
    let next = 0;
    const chat = () => 5_000_000 + (next++ % 3_000);
    await runPhase(driver, OURS, OUR_SCRIPT, chat, users, 1);
    const phase = await profiled(() => runPhase(driver, OURS, OUR_SCRIPT, chat, users, seconds));
    return { steps: phase.steps, seconds: phase.seconds };
  } finally {
    await product.stop();
    await api.stop();
  }
}

async function webchat(): Promise<{ steps: number; seconds: number }> {
  const product = await startProduct({ env: await productEnv(dir!, { DEMO_DATA: 'true' }), hostname: '127.0.0.1' });
  try {
    const pool = await linkedVisitors(product, Math.ceil(seconds * 400) + 800);
    let used = 0;
    const base = new URL(product.url);
    const seen = new Map<string, string>();
    const cycle = (deadline: bigint, phase: WebPhase) => ourVisit(base, pool[used++]!, deadline, phase, seen);
    await runWebPhase(cycle, users, 1);
    const phase = await profiled(() => runWebPhase(cycle, users, seconds));
    return { steps: phase.steps, seconds: phase.seconds };
  } finally {
    await product.stop();
  }
}

const result = await (path === 'telegram' ? telegram() : webchat());
process.stdout.write(`BENCH_PROFILE ${JSON.stringify(result)}\n`);
process.exit(0);

/**
 * @module Child process of the memory benchmark: starts the product (startProduct, embedded store in DATA_DIR),
 * measures its resident memory idle, then has BENCH_CHATS web-chat chats each go /start → "ru" (language saved,
 * welcome, main menu on screen: dialog state stored, the session's messages kept for reloads), and measures again.
 * Prints one line `BENCH_MEMORY {json}`. Run with `node --expose-gc --import tsx`.
 */
import { startProduct } from '../../main.ts';
import { msSince } from './stats.ts';

const MiB = 2 ** 20;

async function settle(): Promise<{ rssMiB: number; heapMiB: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await new Promise((r) => setTimeout(r, 200));
  }
  const m = process.memoryUsage();
  return { rssMiB: m.rss / MiB, heapMiB: m.heapUsed / MiB };
}

async function main(): Promise<void> {
  const chats = Number(process.env.BENCH_CHATS ?? '10000');
  const product = await startProduct({ env: process.env, hostname: '127.0.0.1' });
  // Let start-up work (first scheduler tick, lazy imports) finish before the idle reading.
  await new Promise((r) => setTimeout(r, 500));
  const idle = await settle();
  const started = process.hrtime.bigint();
  const concurrency = 8;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < chats; i = next++) {
      const externalId = `memory-${i}`;
      await product.conversations.handle('webchat', { externalId, updateId: `${externalId}:1`, localeHint: 'ru', event: { kind: 'command', name: 'start', args: '' } });
      await product.conversations.handle('webchat', { externalId, updateId: `${externalId}:2`, localeHint: 'ru', event: { kind: 'text', text: 'ru' } });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const driveMs = msSince(started);
  const sessions = await product.store.dialogs.count();
  const loaded = await settle();
  process.stdout.write(`BENCH_MEMORY ${JSON.stringify({ chats, sessions, driveMs, idle, loaded })}\n`);
  await product.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`memory child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

/**
 * @module Child process of the memory benchmark: starts the product (startProduct, embedded store in DATA_DIR) as
 * `npm start` runs it — the compiled dist/main.js under plain Node — or, with BENCH_SOURCE=ts under `node --import
 * tsx`, from main.ts (to show what transpiling at run time costs). Measures its resident memory idle, and what it is
 * made of, then has BENCH_CHATS web-chat chats each go /start → "ru" (language saved, welcome, main menu on screen:
 * dialog state stored, the session's messages kept for reloads), and measures again. Prints one line
 * `BENCH_MEMORY {json}`. Plain JavaScript, so that nothing but the product is loaded; run with `node --expose-gc`.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const MiB = 2 ** 20;
const root = join(import.meta.dirname, '..', '..');

async function settle() {
  for (let i = 0; i < 3; i += 1) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 200));
  }
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, Math.round((s.space_used_size / MiB) * 10) / 10]));
  return {
    rssMiB: m.rss / MiB, heapMiB: m.heapUsed / MiB, heapTotalMiB: m.heapTotal / MiB, externalMiB: m.external / MiB,
    arrayBuffersMiB: m.arrayBuffers / MiB, spaces,
  };
}

async function main() {
  const chats = Number(process.env.BENCH_CHATS ?? '10000');
  const entry = process.env.BENCH_SOURCE === 'ts' ? join(root, 'main.ts') : join(root, 'dist', 'main.js');
  const { startProduct } = await import(pathToFileURL(entry).href);
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
  const driveMs = Number(process.hrtime.bigint() - started) / 1e6;
  const sessions = await product.store.dialogs.count();
  const loaded = await settle();
  process.stdout.write(`BENCH_MEMORY ${JSON.stringify({ chats, sessions, driveMs, idle, loaded })}\n`);
  await product.stop();
}

main().catch((err) => {
  process.stderr.write(`memory child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

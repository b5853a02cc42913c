/**
 * @module `npm run load`: the full Telegram load run (1,000 chats × 20 steps by default) with the checks of the slice
 * in `npm test` (test/load/load.test.ts). `npm run load -- --chats 2000 --steps 20 --burst 5` for another size.
 * Exits 1 when a reply was lost, repeated or out of order.
 */
import { parseArgs } from 'node:util';
import { runTelegramLoad } from './telegram-load.ts';

const { values } = parseArgs({ options: { chats: { type: 'string', default: '1000' }, steps: { type: 'string', default: '20' }, burst: { type: 'string', default: '5' } } });
const report = await runTelegramLoad({
  chats: Number(values.chats), steps: Number(values.steps), burst: Number(values.burst),
  progress: (line) => process.stdout.write(`  ${line}\n`),
});
process.stdout.write(
  `\nTelegram load: ${report.chats.toLocaleString('en')} chats × ${report.steps} steps (bursts of ${report.burst}) in ${(report.ms / 1000).toFixed(1)} s, ` +
  `${report.stepsPerSecond} steps/s; replies ${report.replies.toLocaleString('en')} of ${report.expectedReplies.toLocaleString('en')} expected; ` +
  `${report.mismatches.length} chats with a lost, repeated or reordered reply; ${report.stalled} stalled\n`,
);
for (const m of report.mismatches.slice(0, 20)) process.stdout.write(`  chat ${m.chatId}, reply ${m.at}: expected ${JSON.stringify(m.expected?.slice(0, 60))}, got ${JSON.stringify(m.got?.slice(0, 60))}\n`);
process.exit(report.mismatches.length === 0 && report.stalled === 0 ? 0 : 1);

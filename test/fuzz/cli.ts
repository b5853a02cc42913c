/**
 * @module `npm run fuzz`: the long fuzz run (100,000 events by default) with the same checks as the slice in
 * `npm test` (test/fuzz/fuzz.test.ts). `npm run fuzz -- --events 20000 --seed 7` for another size or seed; a
 * failing seed replays exactly. Exits 1 when a defect was found.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz-run.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20' } } });
const report = await runFuzz({
  events: Number(values.events), seed: Number(values.seed),
  progress: (line) => process.stdout.write(`  ${line}\n`),
});
const perSecond = Math.round((Object.values(report.events).reduce((a, b) => a + b, 0) / report.ms) * 1000);
process.stdout.write(
  `\nFuzz, seed ${report.seed}: ${JSON.stringify(report.events)} events in ${(report.ms / 1000).toFixed(1)} s (${perSecond}/s), ` +
  `${report.replies.toLocaleString('en')} replies checked, web-chat answers ${JSON.stringify(report.statuses)}, ` +
  `${report.alive.answered}/${report.alive.asked} sampled chats answered /menu at the end\n`,
);
for (const d of report.defects) process.stdout.write(`  DEFECT [${d.channel}] ${d.what}: ${d.sample}\n`);
process.stdout.write(report.defects.length === 0 && report.alive.answered === report.alive.asked ? 'No defects.\n' : `${report.defects.length} defects.\n`);
process.exit(report.defects.length === 0 && report.alive.answered === report.alive.asked ? 0 : 1);

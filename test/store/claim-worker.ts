/**
 * A child process for the two-process claim test: opens the SQLite store in argv[2] as a second instance would, waits
 * for the go file (after saying it is ready), presses "next contact" until none is left (after its first claim it waits for the other's first, so both race), and prints the ids it got as JSON.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';

const [dir, agent] = process.argv.slice(2) as [string, string];
const store = openSqliteStore(dir);
writeFileSync(join(dir, `ready-${agent}`), '');
while (!existsSync(join(dir, 'go'))) await new Promise((r) => setTimeout(r, 5));
const got: string[] = [];
for (let i = 0; ; i += 1) {
  const r = await store.campaignContacts.claimNext({
    campaignId: 'c-1', agentId: agent, claimId: `${agent}-${i}`, now: new Date('2026-03-10T07:00:00Z'),
    leaseUntil: new Date('2026-03-10T07:03:00Z'), offsets: [300], reservedUntil: new Date('2026-03-10T06:45:00Z'),
    quota: { period: '2026-01-01', cap: 5000, enforce: true },
  });
  if (r.kind !== 'claimed') break;
  got.push(r.contact.id);
  if (i === 0) {
    // Both must be in the race: after the first claim, wait (up to 10 s) for the other process's first claim.
    writeFileSync(join(dir, `first-${agent}`), '');
    const other = agent === 'a' ? 'b' : 'a';
    for (let t = 0; t < 2000 && !existsSync(join(dir, `first-${other}`)); t += 1) await new Promise((w) => setTimeout(w, 5));
  }
}
process.stdout.write(JSON.stringify(got));
await store.close();

/** Seed 001 cl. 5 ("no other moves"): every status change goes through the transition table; any other is refused and logged. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveStatus } from '../../core/accounts/move.ts';
import type { AccountStatus } from '../../core/accounts/status.ts';
import type { TransitionTrigger } from '../../core/accounts/transitions.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';

const root = join(import.meta.dirname, '../..');

async function accountIn(status: AccountStatus): Promise<Store> {
  const store = openSqliteStore(':memory:');
  await store.subscribers.create({ id: 's', fullName: 'Тест Тестов', phone: '+77010000001', iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date('2025-01-01') });
  await store.accounts.create({
    id: 'a', number: '200000000001', subscriberId: 's', status, statusSince: new Date('2025-06-01T00:00:00Z'), billingMethod: 'credit',
    address: 'Алматы', region: 'Алматытелеком', planId: null, services: [], termContractUntil: null,
    openedAt: new Date('2025-06-01T00:00:00Z'), closedAt: null,
  });
  return store;
}

describe('seed 001 cl. 5: "creating accounts in any other status is forbidden" — moves only through the table', () => {
  const table: Array<[string, AccountStatus, AccountStatus, TransitionTrigger, boolean]> = [
    ['seed 001 status 5: overdue → closed is no move the rule describes ("and any other orders" are forbidden)', 'overdue', 'closed', 'decision', false],
    ['seed 001 status 6: disconnected → closed is not described (it goes to closed with doubtful debt)', 'disconnected', 'closed', 'decision', false],
    ['seed 001 status 4: "reconnecting to an archived account is not allowed"', 'archive', 'current', 'decision', false],
    ['seed 001 status 7: write-off is a decision, never the passage of time', 'closed_doubtful_debt', 'closed_written_off', 'time', false],
    ['seed 001 status 7: "when the doubtful debt is recognised as bad and written off"', 'closed_doubtful_debt', 'closed_written_off', 'decision', true],
    ['seed 001 status 5: "unpaid by the 25th day of the month after the month of service"', 'current', 'overdue', 'time', true],
    ['seed 001 status 3: closed "after 30 calendar days … moved to archive"', 'closed', 'archive', 'time', true],
    ['seed 001 status 3: "may be reconnected to the same account within 30 calendar days"', 'closed', 'current', 'decision', true],
  ];
  it.each(table)('%s', async (_title, from, to, trigger, allowed) => {
    const store = await accountIn(from);
    const warnings: unknown[] = [];
    const result = await moveStatus({ accounts: store.accounts, logger: { warn: (o: unknown) => { warnings.push(o); } } }, { id: 'a', status: from }, to, trigger, new Date('2026-04-01T06:00:00Z'));
    expect(result.ok).toBe(allowed);
    expect((await store.accounts.get('a'))!.status).toBe(allowed ? to : from);
    expect(warnings).toEqual(allowed ? [] : [{ accountId: 'a', from, to, trigger }]);
  });

  it('seed 001 cl. 5: no code outside core/accounts/move.ts writes a status (the store implements the write only)', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
    });
    const offenders = ['core', 'bot', 'admin'].flatMap((d) => files(join(root, d)))
      .map((f) => relative(root, f))
      .filter((f) => !f.startsWith('core/store/') && f !== 'core/accounts/move.ts')
      .filter((f) => /accounts\.transition\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

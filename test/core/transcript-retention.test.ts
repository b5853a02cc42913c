/**
 * PRODUCT.md defaults table, "Transcript retention" (seed 003 cl. 26): chat transcripts are kept 3 months. A daily
 * scheduler job at 03:00 Almaty deletes older conversation-log messages and schedules the next day's run.
 */
import { describe, expect, it } from 'vitest';
import { registerTranscriptRetention, retentionCutoff, RETENTION_JOB } from '../../core/conversations/index.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';

const almaty = (local: string) => new Date(`${local}:00+05:00`);

async function world(start: string) {
  const store = openSqliteStore(':memory:');
  const clock = new ManualClock(almaty(start));
  const scheduler = new Scheduler({ store, clock, logger: silentLogger });
  const say = (id: string, at: string) => store.conversationMessages.append({ id, chatKey: 'telegram:42', direction: 'in', text: id, at: almaty(at) });
  const left = async () => (await store.conversationMessages.listByChat('telegram:42', { limit: 100 })).map((m) => m.id);
  return { store, clock, scheduler, say, left };
}

describe('chat transcript retention (3 months)', () => {
  it('cl. 26: Should delete messages older than 3 months at 03:00 Almaty and keep newer ones', async () => {
    const w = await world('2026-06-15T01:00');
    await w.say('march-14', '2026-03-14T12:00');
    await w.say('march-16', '2026-03-16T12:00');
    await w.say('june-14', '2026-06-14T12:00');
    await registerTranscriptRetention(w.scheduler, { store: w.store, clock: w.clock, logger: silentLogger });
    await w.scheduler.tick();
    expect(await w.left()).toEqual(['march-14', 'march-16', 'june-14']); // not 03:00 yet
    w.clock.set(almaty('2026-06-15T03:00'));
    await w.scheduler.tick();
    expect(await w.left()).toEqual(['march-16', 'june-14']);
    // Tomorrow's run is already scheduled and removes what has aged meanwhile.
    expect(await w.store.jobs.getPending(`${RETENTION_JOB}:2026-06-16`)).not.toBeNull();
    w.clock.set(almaty('2026-06-17T03:00'));
    await w.scheduler.tick();
    expect(await w.left()).toEqual(['june-14']);
  });

  it('Should run a sweep missed while the product was down on the first tick after start, once', async () => {
    const w = await world('2026-06-10T01:00');
    await registerTranscriptRetention(w.scheduler, { store: w.store, clock: w.clock, logger: silentLogger });
    await w.say('old', '2026-01-01T12:00');
    w.clock.set(almaty('2026-06-20T15:00')); // down for ten days
    const first = await w.scheduler.tick();
    expect(await w.left()).toEqual([]);
    expect(first.done).toBe(1);
    expect((await w.scheduler.tick()).claimed).toBe(0);
  });

  it('Should count three calendar months back', () => {
    expect(retentionCutoff(new Date('2026-06-15T00:00:00Z')).toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });
});

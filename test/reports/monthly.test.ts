/**
 * The monthly report of seed 003 cl. 29 over a generated dataset with known answers (test/reports/dataset.ts): every
 * cell, every invariant (each total is the sum of its parts; cl. 29(2): total = taken by agents + by the bot + lost),
 * the Almaty month boundary, the cl. 21/34 targets against their thresholds, and regeneration giving the same numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, type ConsoleFixture } from '../admin/console.fixture.ts';
import { monthPeriod, type MonthlyReport } from '../../core/reports/index.ts';
import { EXPECTED_FEBRUARY as E, seedDataset } from './dataset.ts';

let f: ConsoleFixture;
let feb: MonthlyReport;
let agents: { aigul: string; yerzhan: string };

beforeAll(async () => {
  f = await consoleFixture({}, { SLA_CLOCK: 'calendar' });
  const seeded = await seedDataset(f);
  agents = { aigul: seeded.aigul.id, yerzhan: seeded.yerzhan.id };
  feb = await f.reports.compute(monthPeriod('2026-02'));
});

const sum = (xs: ReadonlyArray<{ count: number }>) => xs.reduce((s, x) => s + x.count, 0);
const byKey = (xs: ReadonlyArray<{ key: string; count: number }>) => Object.fromEntries(xs.map((x) => [x.key, x.count]));

describe('monthly report (seed 003 cl. 29) over a month with known answers', () => {
  it('cl. 29(1): Should count February tickets in total, by region, by service and by request type', () => {
    expect(feb.tickets.total).toBe(E.tickets.total);
    expect(byKey(feb.tickets.byType)).toEqual(E.tickets.byType);
    expect(feb.tickets.byRegion).toEqual(E.tickets.byRegion);
    expect(feb.tickets.byService).toEqual(E.tickets.byService);
  });

  it('cl. 29(2): Should split conversations into taken by agents (per agent), handled by the bot alone and lost', () => {
    expect(feb.conversations).toMatchObject(E.conversations);
    expect(byKey(feb.conversations.perAgent)).toEqual({ [agents.aigul]: 2, [agents.yerzhan]: 1 });
  });

  it('cl. 29(3): Should count each messenger\'s conversations by request type', () => {
    for (const m of feb.messengers) {
      const { total, ...types } = E.messengers[m.channel];
      expect({ channel: m.channel, total: m.total, ...byKey(m.byType) }).toEqual({ channel: m.channel, total, ...types });
    }
  });

  it('cl. 29(4): Should give accepted and missed, handling time per agent and its average, and the average waiting time', () => {
    expect(feb.durations).toMatchObject(E.durations);
    expect(feb.durations.perAgent).toEqual([
      { agentId: agents.aigul, taken: 2, handlingMs: 900_000, averageHandlingMs: 450_000 },
      { agentId: agents.yerzhan, taken: 1, handlingMs: 300_000, averageHandlingMs: 300_000 },
    ]);
  });

  it('cl. 29(5), seed 003 cl. 5: Should give the second line\'s callbacks within 2 h, breaches and the average delay, by branch', () => {
    expect(feb.secondLine).toMatchObject(E.secondLine);
    expect(feb.secondLine.inTimeShare).toBeCloseTo(2 / 3, 10);
    expect(feb.secondLine.byBranch).toEqual(E.branches);
  });

  it('cl. 21, cl. 34: Should measure lost share, waiting time and served share against their thresholds', () => {
    expect(feb.targets.lostShare).toEqual({ value: 0.4, limit: 0.05, kind: 'max', met: false });
    expect(feb.targets.averageWait).toEqual({ value: 60_000, limit: 30_000, kind: 'max', met: false });
    expect(feb.targets.servedShare.value).toBeCloseTo(7 / 9, 10);
    expect(feb.targets.servedShare.met).toBe(false);
    expect(feb.targets.ticketsRegistered).toBe(10);
    expect(feb.targets.ticketsComplete).toBe(4);
  });

  it('Should keep every invariant: each total is the sum of its parts', () => {
    const r = feb;
    expect(r.conversations.total).toBe(r.conversations.takenByAgents + r.conversations.byBot + r.conversations.lost);
    expect(sum(r.conversations.perAgent)).toBe(r.conversations.takenByAgents);
    expect(sum(r.tickets.byRegion)).toBe(r.tickets.total);
    expect(sum(r.tickets.byService)).toBe(r.tickets.total);
    expect(sum(r.tickets.byType)).toBe(r.tickets.total);
    expect(r.messengers.reduce((s, m) => s + m.total, 0)).toBe(r.conversations.total);
    for (const m of r.messengers) expect(sum(m.byType)).toBe(m.total);
    expect(r.durations.accepted).toBe(r.conversations.takenByAgents);
    expect(r.durations.missed).toBe(r.conversations.lost);
    expect(r.durations.perAgent.reduce((s, a) => s + a.taken, 0)).toBe(r.durations.accepted);
    expect(r.durations.perAgent.reduce((s, a) => s + a.handlingMs, 0)).toBe(r.durations.handlingMs);
    expect(r.secondLine.inTime + r.secondLine.breaches).toBe(r.secondLine.withCallback);
    for (const k of ['withCallback', 'inTime', 'breaches'] as const) expect(r.secondLine.byBranch.reduce((s, b) => s + b[k], 0)).toBe(r.secondLine[k]);
    expect(sum(r.charts.ticketsPerDay)).toBe(r.tickets.total);
    expect(r.charts.ticketsPerDay).toHaveLength(28);
    expect(r.charts.channelByType.reduce((s, c) => s + sum(c.byType), 0)).toBe(r.tickets.total);
    expect(r.charts.slaPerWeek.reduce((s, w) => s + w.withCallback, 0)).toBe(r.secondLine.withCallback);
  });

  it('Should put the last second of 28 February (Almaty) in February and 00:00 on 1 March in March', async () => {
    expect(byKey(feb.charts.ticketsPerDay)['2026-02-28']).toBe(1);
    const march = await f.reports.compute(monthPeriod('2026-03'));
    expect(march.tickets.total).toBe(1);
    expect(march.conversations).toMatchObject({ total: 1, byBot: 1 });
    expect(byKey(march.messengers.find((m) => m.channel === 'webchat')!.byType).technical).toBe(1);
  });

  it('Should chart SLA compliance per week of the month (weeks from Monday)', () => {
    expect(feb.charts.slaPerWeek).toEqual([
      { week: '2026-01-26', withCallback: 0, inTime: 0 },
      { week: '2026-02-02', withCallback: 2, inTime: 1 },
      { week: '2026-02-09', withCallback: 1, inTime: 1 },
      { week: '2026-02-16', withCallback: 0, inTime: 0 },
      { week: '2026-02-23', withCallback: 0, inTime: 0 },
    ]);
  });

  it('cl. 28: Should generate last month\'s report by the monthly job, store it, and give the same numbers when regenerated', async () => {
    await f.scheduler.tick();
    const stored = await f.reports.stored('2026-02');
    expect(stored?.report).toEqual(feb);
    // The next one is due the moment March is over in Almaty (00:00 on 1 April), well before the 5th.
    expect((await f.store.jobs.getPending('reports.monthly:2026-03'))?.dueAt).toEqual(new Date('2026-03-31T19:00:00Z'));
    f.clock.advanceMinutes(60);
    const again = await f.reports.generate('2026-02', null);
    expect(again.report).toEqual(stored!.report);
    expect(again.generatedAt.getTime()).toBeGreaterThan(stored!.generatedAt.getTime());
  });
});

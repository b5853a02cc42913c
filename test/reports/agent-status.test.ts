/** Agents' work statuses (seed 003 cl. 32–33, 36): the time in each status per agent per Almaty day, and the rules of setting one. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { forceStatus, parseReasons, setStatus, timeInStatus } from '../../core/reports/agent-status.ts';
import type { AgentStatusSpan } from '../../core/reports/model.ts';

const span = (status: AgentStatusSpan['status'], since: string, until: string | null, userId = 'u1'): AgentStatusSpan => ({
  id: `${userId}-${since}`, userId, status, reason: null, since: new Date(since), until: until ? new Date(until) : null, setBy: null,
});
const H = 3_600_000;

describe('seed 003 cl. 32: time in each status per agent per day', () => {
  it.each([
    ['a span inside one day', [span('ready', '2026-03-02T04:00:00Z', '2026-03-02T07:00:00Z')], { '2026-03-02': { ready: 3 * H } }],
    ['a span across Almaty midnight (19:00Z) splits between the days', [span('lunch', '2026-03-02T18:00:00Z', '2026-03-02T21:00:00Z')],
      { '2026-03-02': { lunch: 1 * H }, '2026-03-03': { lunch: 2 * H } }],
    ['an open span counts up to now', [span('not_ready', '2026-03-03T05:00:00Z', null)], { '2026-03-03': { not_ready: 1 * H } }],
    ['several statuses add up per day', [span('ready', '2026-03-03T03:00:00Z', '2026-03-03T04:00:00Z'), span('break', '2026-03-03T04:00:00Z', '2026-03-03T04:30:00Z'),
      span('ready', '2026-03-03T04:30:00Z', '2026-03-03T05:30:00Z')], { '2026-03-03': { ready: 2 * H, break: H / 2 } }],
  ])('%s', (_title, spans, expected) => {
    const got = timeInStatus(spans, '2026-03-02', '2026-03-04', new Date('2026-03-03T06:00:00Z')).get('u1')!;
    for (const [day, totals] of Object.entries(expected)) expect(got.get(day)).toMatchObject(totals);
    expect([...got.keys()].sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('seed 003 cl. 32–33, 36: setting a status', () => {
  const deps = () => {
    const store = openSqliteStore(':memory:');
    return { agentStatuses: store.agentStatuses, settings: store.settings, clock: new ManualClock('2026-03-02T05:00:00Z') };
  };

  it('cl. 36: Should take "not ready" only with one of the administrator\'s reasons', async () => {
    const d = deps();
    await d.settings.set('agents.not_ready_reasons', ['Обучение']);
    expect(await setStatus(d, 'u1', 'not_ready', 'Курю', 'u1')).toEqual({ ok: false, reason: 'reports:status.error.reason' });
    expect(await setStatus(d, 'u1', 'not_ready', 'Обучение', 'u1')).toMatchObject({ ok: true, changed: true, span: { reason: 'Обучение' } });
    expect(await setStatus(d, 'u1', 'not_ready', 'Обучение', 'u1')).toMatchObject({ ok: true, changed: false });
  });

  it('cl. 33: Should let a supervisor force only "ready" or offline', async () => {
    const d = deps();
    expect(await forceStatus(d, 'u1', 'lunch', 's1')).toEqual({ ok: false, reason: 'reports:status.error.not_forceable' });
    expect(await forceStatus(d, 'u1', 'ready', 's1')).toMatchObject({ ok: true, span: { status: 'ready', setBy: 's1' } });
  });

  it.each([
    ['', 'reports:status.error.empty'],
    [Array.from({ length: 21 }, (_, i) => `Причина ${i}`).join('\n'), 'reports:status.error.too_many'],
    ['x'.repeat(61), 'reports:status.error.too_long'],
  ])('cl. 36: Should refuse the reasons list %#', (text, reason) => {
    expect(parseReasons(text)).toEqual({ ok: false, reason });
  });
});

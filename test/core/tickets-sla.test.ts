import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/ports/clock.ts';
import { localParts, saveSlaPolicy } from '../../core/sla/index.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { agent, almaty, faultTicket, secondLine, ticketWorld } from './tickets.fixture.ts';

const asAlmaty = (d: Date | null | undefined) => {
  if (!d) return null;
  const p = localParts(d);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('callback SLA (seed 003 cl. 5: second line calls back within 2 hours of registration)', () => {
  it('cl. 4–5: a fault registered Friday 20:30 Almaty is due Saturday 11:30 in working-hours mode', async () => {
    const w = ticketWorld({ clock: new ManualClock(almaty('2026-03-06T20:30')) });
    const t = await faultTicket(w);
    expect(asAlmaty(t.callbackDueAt)).toBe('2026-03-07 11:30');
    expect((await w.store.tickets.sla(t.id))).toMatchObject({ status: 'active', clock: 'working-hours', callbackMinutes: 120 });
    expect((await w.store.jobs.getPending(`sla:callback:${t.id}`))?.dueAt.toISOString()).toBe(t.callbackDueAt?.toISOString());
  });

  it('cl. 5 (calendar mode): SLA_CLOCK=calendar makes Friday 20:30 due Friday 22:30', async () => {
    const w = ticketWorld({ clock: new ManualClock(almaty('2026-03-06T20:30')), env: { SLA_CLOCK: 'calendar' } });
    expect(asAlmaty((await faultTicket(w)).callbackDueAt)).toBe('2026-03-06 22:30');
  });

  it('cl. 4: a fault on Nauryz (Monday 23 March, 08:00) is due at 12:00 — the holiday opens at 10:00', async () => {
    const w = ticketWorld({ clock: new ManualClock(almaty('2026-03-23T08:00')) });
    expect(asAlmaty((await faultTicket(w)).callbackDueAt)).toBe('2026-03-23 12:00');
  });

  it('Should use SLA_CALLBACK_MINUTES and the console\'s saved policy for new tickets', async () => {
    const w = ticketWorld({ env: { SLA_CALLBACK_MINUTES: '30' } });
    expect(asAlmaty((await faultTicket(w)).callbackDueAt)).toBe('2026-03-10 10:30');
    await saveSlaPolicy(w.store, { callbackMinutes: 45, clock: 'calendar' });
    expect(asAlmaty((await faultTicket(w)).callbackDueAt)).toBe('2026-03-10 10:45');
  });

  it('Should give a callback deadline to technical tickets only', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w, { type: 'complaint' });
    expect(t.callbackDueAt).toBeNull();
    expect(await w.store.tickets.sla(t.id)).toBeNull();
    expect(await w.store.jobs.countPending()).toBe(0);
  });

  it('cl. 5: escalates a technical ticket to the second line at once by default (ESCALATE_AFTER_MINUTES=0)', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    expect(t).toMatchObject({ status: 'escalated', line: 2 });
    expect(w.seen.map((e) => e.name)).toContain('ticket.escalated');
    const page = await w.tickets.queue({ queue: 'second_line', limit: 10 });
    expect(page.items.map((x) => x.id)).toEqual([t.id]);
  });

  it('cl. 5: with ESCALATE_AFTER_MINUTES=15 escalates after 15 minutes without first-line action, not before', async () => {
    const w = ticketWorld({ env: { ESCALATE_AFTER_MINUTES: '15' } });
    const t = await faultTicket(w);
    expect(t).toMatchObject({ status: 'open', line: 1 });
    w.clock.advanceMinutes(14);
    await w.scheduler.tick();
    expect((await w.tickets.get(t.id))?.line).toBe(1);
    w.clock.advanceMinutes(1);
    await w.scheduler.tick();
    expect(await w.tickets.get(t.id)).toMatchObject({ status: 'escalated', line: 2 });
    expect((await w.store.tickets.history(t.id)).map((h) => h.note)).toEqual(['created', 'escalate.auto']);
  });

  it('cl. 5: does not escalate automatically when the first line took the ticket in time', async () => {
    const w = ticketWorld({ env: { ESCALATE_AFTER_MINUTES: '15' } });
    const t = await faultTicket(w);
    w.clock.advanceMinutes(5);
    await w.tickets.take(t.id, agent);
    w.clock.advanceMinutes(20);
    await w.scheduler.tick();
    expect(await w.tickets.get(t.id)).toMatchObject({ status: 'in_progress', line: 1, assigneeId: 'agent-1' });
  });

  it('cl. 5: at the due time without a recorded callback the ticket is breached: flagged, SlaBreach stored, event emitted', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    w.clock.advanceMinutes(119);
    await w.scheduler.tick();
    expect((await w.tickets.get(t.id))?.breached).toBe(false);
    w.clock.advanceMinutes(1);
    await w.scheduler.tick();
    const after = await w.tickets.get(t.id);
    expect(after?.breached).toBe(true);
    expect((await w.store.tickets.sla(t.id))?.status).toBe('missed');
    expect(await w.store.tickets.breaches(t.id)).toHaveLength(1);
    expect(w.seen.filter((e) => e.name === 'ticket.breached')).toHaveLength(1);
    expect((await w.tickets.queue({ queue: 'breached', limit: 10 })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await w.store.audit.list({ entity: 'ticket', entityId: t.id, action: 'ticket.breach' }))).toHaveLength(1);
    const transcript = await w.store.ticketMessages.list(t.id);
    expect(transcript.map((m) => m.text)).toContain('tickets:activity.breached');
  });

  it('cl. 5: a callback recorded before the due time meets the SLA and nothing fires later', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    w.clock.advanceMinutes(90);
    await w.tickets.take(t.id, secondLine);
    const r = await w.tickets.recordCallback(t.id, 'reached', secondLine);
    expect(r.ok && r.value.status).toBe('callback_done');
    expect(await w.store.tickets.sla(t.id)).toMatchObject({ status: 'hit' });
    w.clock.advanceMinutes(600);
    await w.scheduler.tick();
    expect((await w.tickets.get(t.id))?.breached).toBe(false);
    expect(w.seen.filter((e) => e.name === 'ticket.breached')).toHaveLength(0);
  });

  it('cl. 5: a call nobody answered still counts as the callback made in time', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    w.clock.advanceMinutes(30);
    const r = await w.tickets.recordCallback(t.id, 'not_reached', secondLine);
    expect(r.ok && r.value).toMatchObject({ status: 'escalated', callbackOutcome: 'not_reached' });
    expect((await w.store.tickets.sla(t.id))?.status).toBe('hit');
  });

  it('Should cancel the deadline when the ticket is resolved first', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    await w.tickets.resolve(t.id, agent);
    expect((await w.store.tickets.sla(t.id))?.status).toBe('cancelled');
    expect(await w.store.jobs.getPending(`sla:callback:${t.id}`)).toBeNull();
    w.clock.advanceMinutes(500);
    await w.scheduler.tick();
    expect((await w.tickets.get(t.id))?.breached).toBe(false);
  });

  it('Should fire once when two scheduler ticks race for the same due ticket', async () => {
    const w = ticketWorld();
    const other = ticketWorld({ store: w.store, clock: w.clock });
    const ts = await Promise.all([faultTicket(w), faultTicket(w), faultTicket(w)]);
    w.clock.advanceMinutes(121);
    const [a, b] = await Promise.all([w.scheduler.tick(), other.scheduler.tick()]);
    expect(a.done + b.done).toBe(3);
    const breachEvents = [...w.seen, ...other.seen].filter((e) => e.name === 'ticket.breached');
    expect(breachEvents).toHaveLength(3);
    for (const t of ts) expect(await w.store.tickets.breaches(t.id)).toHaveLength(1);
  });

  it('Should breach once even if the check runs twice directly (idempotent)', async () => {
    const w = ticketWorld();
    const t = await faultTicket(w);
    w.clock.advanceMinutes(121);
    const [x, y] = await Promise.all([w.tickets.checkCallbackDeadline(t.id), w.tickets.checkCallbackDeadline(t.id)]);
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
    expect(await w.store.tickets.breaches(t.id)).toHaveLength(1);
  });

  describe('restarts (timers are persisted)', () => {
    const tempDir = () => {
      const d = mkdtempSync(join(tmpdir(), 'tickets-sla-'));
      dirs.push(d);
      return d;
    };

    it('Should breach after a restart that happened before the due time', async () => {
      const dir = tempDir();
      const clock = new ManualClock(almaty('2026-03-10T10:00'));
      const first = ticketWorld({ dataDir: dir, clock });
      const t = await faultTicket(first);
      await first.store.close();
      clock.advanceMinutes(60);
      const second = ticketWorld({ store: openSqliteStore(dir), clock });
      await second.scheduler.tick();
      expect((await second.tickets.get(t.id))?.breached).toBe(false);
      clock.advanceMinutes(60);
      await second.scheduler.tick();
      expect((await second.tickets.get(t.id))?.breached).toBe(true);
      expect(second.seen.filter((e) => e.name === 'ticket.breached')).toHaveLength(1);
      await second.store.close();
    });

    it('Should fire on start a due time that passed while the process was down, once', async () => {
      const dir = tempDir();
      const clock = new ManualClock(almaty('2026-03-10T10:00'));
      const first = ticketWorld({ dataDir: dir, clock });
      const t = await faultTicket(first);
      await first.store.close();
      clock.advanceMinutes(24 * 60);
      const second = ticketWorld({ store: openSqliteStore(dir), clock });
      await second.scheduler.tick();
      await second.scheduler.tick();
      expect(await second.tickets.get(t.id)).toMatchObject({ breached: true });
      expect(second.seen.filter((e) => e.name === 'ticket.breached')).toHaveLength(1);
      await second.store.close();
      const third = ticketWorld({ store: openSqliteStore(dir), clock });
      await third.scheduler.tick();
      expect(third.seen.filter((e) => e.name === 'ticket.breached')).toHaveLength(0);
      expect(await third.store.tickets.breaches(t.id)).toHaveLength(1);
      await third.store.close();
    });
  });
});

/**
 * Retention (issue 18 item 8), both jobs through the store-backed scheduler: seed 003 cl. 26 "recordings kept 3
 * months" for the conversation log AND ticket transcripts (TRANSCRIPT_RETENTION_MONTHS, 3 by default), daily at 03:00
 * Almaty; contract App. 5 cl. 15 "for the three years after the contract ends" for personal data
 * (PERSONAL_DATA_RETENTION_YEARS, 3 by default), daily at 03:30, audited.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/config.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { DEFAULT_RETENTION, monthsBefore, type RetentionPolicy } from '../../core/retention/model.ts';
import { PERSONAL_DATA_JOB, registerRetentionJobs, TRANSCRIPTS_JOB } from '../../core/retention/jobs.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { createTickets } from '../../core/tickets/index.ts';
import { testConfig } from '../../core/config/config.ts';
import { EventBus } from '../../core/events.ts';

const almaty = (local: string) => new Date(`${local}:00+05:00`);

async function world(start: string, policy: RetentionPolicy = DEFAULT_RETENTION) {
  const store = openSqliteStore(':memory:');
  const clock = new ManualClock(almaty(start));
  const scheduler = new Scheduler({ store, clock, logger: silentLogger });
  const tickets = createTickets({ store, clock, config: testConfig(), logger: silentLogger, events: new EventBus(silentLogger), scheduler });
  const say = (id: string, at: string) => store.conversationMessages.append({ id, chatKey: 'telegram:42', direction: 'in', text: id, at: almaty(at) });
  const chatLeft = async () => (await store.conversationMessages.listByChat('telegram:42', { limit: 100 })).map((m) => m.id);
  const register = () => registerRetentionJobs(scheduler, {
    retention: store.retention, conversationMessages: store.conversationMessages, webchatMessages: store.webchatMessages, audit: store.audit, jobs: store.jobs, clock, logger: silentLogger, policy,
  });
  return { store, clock, scheduler, tickets, say, chatLeft, register };
}

describe('retention of transcripts and personal data', () => {
  it('seed 003 cl. 26 "kept 3 months": at 03:00 Almaty the chat log and closed tickets\' transcripts older than 3 months go; newer stay', async () => {
    const w = await world('2026-03-10T10:00');
    const ticket = await w.tickets.register({ type: 'reference', channel: 'telegram', language: 'ru', chatKey: 'telegram:42', actor: { type: 'subscriber', id: null } });
    await w.tickets.addSubscriberMessage(ticket.id, 'старое сообщение');
    await w.say('march-10', '2026-03-10T10:00');
    w.clock.set(almaty('2026-04-20T10:00'));
    await w.tickets.addSubscriberMessage(ticket.id, 'новое сообщение');
    await w.tickets.close(ticket.id, { type: 'user', id: 'u' });
    await w.say('april-20', '2026-04-20T10:00');
    w.clock.set(almaty('2026-06-11T01:00'));
    await w.register();
    await w.scheduler.tick();
    const texts = async () => (await w.store.ticketMessages.list(ticket.id)).filter((m) => m.direction === 'incoming').map((m) => m.text);
    expect(await texts()).toEqual(['старое сообщение', 'новое сообщение']); // not 03:00 yet
    w.clock.set(almaty('2026-06-11T03:00'));
    await w.scheduler.tick();
    expect(await w.chatLeft()).toEqual(['april-20']);
    expect(await texts()).toEqual(['новое сообщение']);
    expect(await w.store.jobs.getPending(`${TRANSCRIPTS_JOB}:2026-06-12`)).not.toBeNull();
  });

  it('seed 003 cl. 26: the web chat\'s kept messages (what a reload shows) older than 3 months go at 03:00 too', async () => {
    const w = await world('2026-03-10T10:00');
    const shown = (id: string, at: string) => ({
      id, from: 'bot' as const, text: `Баланс ${id}`, choices: [], menuToken: null, link: null, lang: 'ru' as const, used: false, at: almaty(at).getTime(),
    });
    await w.store.webchatMessages.write('visitor', [shown('march-10', '2026-03-10T10:00'), shown('april-20', '2026-04-20T10:00')], 0, almaty('2026-04-20T10:00'));
    await w.store.webchatMessages.write('gone', [shown('march-09', '2026-03-09T10:00')], 0, almaty('2026-03-09T10:00'));
    w.clock.set(almaty('2026-06-11T01:00'));
    await w.register();
    w.clock.set(almaty('2026-06-11T03:00'));
    await w.scheduler.tick();
    expect((await w.store.webchatMessages.read('visitor'))?.messages.map((m) => m.id)).toEqual(['april-20']);
    expect(await w.store.webchatMessages.read('gone')).toBeNull();
  });

  it('seed 003 cl. 26: the period is configurable — TRANSCRIPT_RETENTION_MONTHS=1 keeps one month', async () => {
    const w = await world('2026-06-11T01:00', { ...DEFAULT_RETENTION, transcriptMonths: 1 });
    await w.say('may-05', '2026-05-05T12:00');
    await w.say('may-20', '2026-05-20T12:00');
    await w.register();
    w.clock.set(almaty('2026-06-11T03:00'));
    await w.scheduler.tick();
    expect(await w.chatLeft()).toEqual(['may-20']);
  });

  it('App. 5 cl. 15 "for the three years after the contract ends": personal data erased at 03:30 once three years have passed, audited', async () => {
    const w = await world('2029-04-01T01:00');
    await w.store.subscribers.create({ id: 's', fullName: 'Бауыржан Нұрланов', phone: '+77070000001', iin: '900101300123', category: 'entrepreneur', language: 'ru', notificationsMuted: false, createdAt: new Date('2020-01-01') });
    await w.store.accounts.create({
      id: 'a', number: '200000000005', subscriberId: 's', status: 'archive', statusSince: almaty('2026-05-01T00:00'), billingMethod: 'credit', address: 'Алматы',
      region: 'Алматытелеком', planId: null as never, services: [], termContractUntil: null, openedAt: new Date('2020-01-01'), closedAt: almaty('2026-04-01T12:00'),
    });
    await w.register();
    w.clock.set(almaty('2029-04-01T03:30'));
    await w.scheduler.tick();
    expect((await w.store.subscribers.get('s'))?.fullName).toBe('Бауыржан Нұрланов'); // ended 1 April 2026, 12:00: not three years yet
    w.clock.set(almaty('2029-04-02T03:30'));
    await w.scheduler.tick();
    expect(await w.store.subscribers.get('s')).toMatchObject({ fullName: '', iin: null, phone: 'erased:s' });
    const [entry] = await w.store.audit.list({ action: 'subscriber.personal_data_erased' });
    expect(entry).toMatchObject({ actorType: 'system', entityId: 's', details: { years: 3 } });
    expect(await w.store.jobs.getPending(`${PERSONAL_DATA_JOB}:2029-04-03`)).not.toBeNull();
  });

  it('Should run a sweep missed while the product was down on the first tick after start, once', async () => {
    const w = await world('2026-06-10T01:00');
    await w.register();
    await w.say('old', '2026-01-01T12:00');
    w.clock.set(almaty('2026-06-20T15:00')); // down for ten days
    const first = await w.scheduler.tick();
    expect(await w.chatLeft()).toEqual([]);
    expect(first.done).toBe(2); // both jobs
    expect((await w.scheduler.tick()).claimed).toBe(0);
  });

  it.each([
    ['seed 003 cl. 26: transcripts 3 months by default', {}, { TRANSCRIPT_RETENTION_MONTHS: 3, PERSONAL_DATA_RETENTION_YEARS: 3 }],
    ['App. 5 cl. 15: personal data 3 years by default; both configurable', { TRANSCRIPT_RETENTION_MONTHS: '6', PERSONAL_DATA_RETENTION_YEARS: '5' }, { TRANSCRIPT_RETENTION_MONTHS: 6, PERSONAL_DATA_RETENTION_YEARS: 5 }],
  ])('%s', (_t, env, expected) => {
    const loaded = loadConfig({ SECRET_KEY: 'x'.repeat(40), ...env });
    expect(loaded.ok && { TRANSCRIPT_RETENTION_MONTHS: loaded.config.TRANSCRIPT_RETENTION_MONTHS, PERSONAL_DATA_RETENTION_YEARS: loaded.config.PERSONAL_DATA_RETENTION_YEARS }).toEqual(expected);
  });

  it('Should refuse a retention of zero months at start, with a clear message', () => {
    const loaded = loadConfig({ TRANSCRIPT_RETENTION_MONTHS: '0' });
    expect(loaded.ok).toBe(false);
    expect(JSON.stringify(loaded)).toContain('TRANSCRIPT_RETENTION_MONTHS');
  });

  it('Should count three calendar months back', () => {
    expect(monthsBefore(new Date('2026-06-15T00:00:00Z'), 3).toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });
});

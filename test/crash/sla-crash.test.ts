/**
 * SIGKILL while SLA deadlines fire (issue 20 item 10). A store holds 60 faults whose callback deadline passed while
 * the product was down; the product starts, fires them — breach, activity line, the subscriber told in Telegram
 * (through the local Bot API server, paced as for the real one), the supervisors' escalation, audit entries — and is
 * killed at random moments three times, restarted on the same store each time. In the end every fault is breached
 * once, escalated once, audited once, and its subscriber was told exactly once; a message may only repeat when a
 * kill came right after it left (before its mark was written), and none did here unless the check shows it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.ts';
import { EventBus } from '../../core/events.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { Scheduler } from '../../core/scheduler/scheduler.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import { createTickets } from '../../core/tickets/index.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { CrashRun } from './harness.ts';

const FAULTS = 60;
const FIRST_CHAT = 9_100_001;
const dir = mkdtempSync(join(tmpdir(), 'kt-crash-sla-'));
let run: CrashRun | null = null;
let api: FakeTelegramApi | null = null;

afterAll(async () => {
  await run?.kill().catch(() => undefined);
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Faults registered three hours ago with a 30-minute callback deadline: all overdue at the start. */
async function registerOverdueFaults(): Promise<string[]> {
  const store = openSqliteStore(dir);
  const clock = new ManualClock(new Date(Date.now() - 3 * 3_600_000));
  const config = testConfig({ SLA_CLOCK: 'calendar', SLA_CALLBACK_MINUTES: '30' });
  const scheduler = new Scheduler({ store, clock, logger: silentLogger });
  const tickets = createTickets({ store, clock, config, logger: silentLogger, events: new EventBus(silentLogger), scheduler });
  const ids: string[] = [];
  for (let i = 0; i < FAULTS; i += 1) {
    const chatId = String(FIRST_CHAT + i);
    const chat = await store.chats.touch('telegram', chatId, clock.now());
    await store.chats.setLanguage(chat.key, 'ru');
    const ticket = await tickets.register({
      type: 'technical', channel: 'telegram', language: 'ru', chatKey: chat.key, phone: `+7701${String(5_000_000 + i)}`,
      region: 'Алматытелеком', service: 'megaline', symptom: 'no_internet', actor: { type: 'subscriber', id: null },
    });
    ids.push(ticket.id);
  }
  await store.close();
  return ids;
}

async function readStore<T>(read: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dir);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

describe('SIGKILL while SLA deadlines fire', () => {
  it('Should breach, escalate, audit and tell each subscriber once, across three crashes and restarts', async () => {
    const ids = await registerOverdueFaults();
    api = await new FakeTelegramApi().start();
    const told = new Map<string, number[]>();
    api.onCall = ({ method, payload }) => {
      if (method !== 'sendMessage') return;
      const list = told.get(String(payload.chat_id)) ?? [];
      list.push(Date.now());
      told.set(String(payload.chat_id), list);
    };
    run = await CrashRun.create({
      dir, seed: 10,
      env: { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SCHEDULER_INTERVAL_MS: '100', SLA_CLOCK: 'calendar' },
    });
    for (let crash = 0; crash < 3; crash += 1) {
      await run.start();
      await run.killWithin(1_500);
    }
    await run.start();
    const breachAudits = (store: ReturnType<typeof openSqliteStore>) => store.audit.list({ action: 'ticket.breach', limit: 1000 });
    await run.until(async () => (await readStore(breachAudits)).length >= FAULTS, 'every fault breached and audited', 60_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a sweep more: anything done twice would be done now
    await run.stop();
    const crashRun = run;
    run = null;

    const state = await readStore(async (store) =>
      Promise.all(ids.map(async (id) => {
        const ticket = (await store.tickets.get(id))!;
        const lines = await store.ticketMessages.list(id, { limit: 100 });
        return {
          chat: ticket.chatKey!.slice('telegram:'.length),
          breached: ticket.breached,
          breaches: (await store.tickets.breaches(id)).length,
          escalations: (await store.escalations.forTicket(id)).filter((e) => e.reason === 'callback_breached').length,
          breachAudits: (await store.audit.list({ action: 'ticket.breach', entity: 'ticket', entityId: id, limit: 10 })).length,
          escalationAudits: (await store.audit.list({ action: 'ticket.escalation_open', entity: 'ticket', entityId: id, limit: 10 })).length,
          breachLines: lines.filter((m) => m.text === 'tickets:activity.breached').length,
          escalationLines: lines.filter((m) => m.text === 'tickets:activity.escalation_callback_breached').length,
        };
      })));
    for (const s of state) {
      expect(s, `fault in chat ${s.chat}`).toMatchObject({ breached: true, breaches: 1, escalations: 1, breachAudits: 1, escalationAudits: 1, breachLines: 1, escalationLines: 1 });
    }
    for (const s of state) {
      const sends = told.get(s.chat) ?? [];
      expect(sends.length, `the subscriber of chat ${s.chat} was told`).toBeGreaterThanOrEqual(1);
      // A repeat is only allowed where it cannot be avoided: a kill right after the first message left.
      if (sends.length > 1) expect(crashRun.repeatCausedByKill(sends), `chat ${s.chat} told ${sends.length} times`).toBe(true);
      expect(sends.length).toBeLessThanOrEqual(2);
    }
  }, 240_000);
});

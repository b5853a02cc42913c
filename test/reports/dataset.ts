/**
 * @module A generated month with known answers (issue 19): tickets, conversations, hand-offs and callbacks across the
 * three messengers and the phone, two regions, two agents and two months, with a ticket and a conversation on each side
 * of the Almaty month boundary (2026-02-28 23:59 Almaty = 18:59Z; 2026-03-01 00:00 Almaty = 19:00Z). Everything goes
 * through the product's own use cases — tickets, hand-offs, replies, callbacks, the breach timer, the contact log —
 * so the report reads exactly what the product records. `EXPECTED_FEBRUARY` is worked out by hand in the comments.
 */
import type { ManualClock } from '../../core/ports/clock.ts';
import type { Reports } from '../../core/reports/index.ts';
import type { Scheduler } from '../../core/scheduler/scheduler.ts';
import type { ConsoleUser, Role } from '../../core/users/model.ts';
import type { NewTicket, Tickets } from '../../core/tickets/index.ts';

export interface DatasetDeps {
  clock: ManualClock;
  tickets: Tickets;
  reports: Reports;
  scheduler: Scheduler;
  user(roles: Role[], email?: string): Promise<ConsoleUser>;
}

const BOT = { type: 'subscriber' as const, id: null };

export async function seedDataset(d: DatasetDeps): Promise<{ aigul: ConsoleUser; yerzhan: ConsoleUser }> {
  const aigul = await d.user(['agent'], 'aigul@example.kz');
  const yerzhan = await d.user(['agent'], 'yerzhan@example.kz');
  const at = (iso: string) => d.clock.set(iso);
  const say = async (chatKey: string, iso: string, journeys: string[]) => {
    at(iso);
    await d.reports.recordExchange({ chatKey, inbound: { kind: 'text' }, at: new Date(iso), language: 'ru', journeys });
  };
  const ticket = async (iso: string, over: Partial<NewTicket>) => {
    at(iso);
    return d.tickets.register({ type: 'technical', channel: 'telegram', language: 'ru', actor: BOT, ...over });
  };
  const handoff = async (chatKey: string, iso: string) => {
    await say(chatKey, iso, ['handoff']);
    const channel = chatKey.split(':')[0] as 'telegram' | 'whatsapp' | 'webchat';
    return (await d.tickets.startHandoff({ chatKey, channel, language: 'ru', reason: 'requested' })).ticket;
  };
  const agent = (u: ConsoleUser) => ({ type: 'user' as const, id: u.id });

  // === February tickets registered by the bot (SLA_CLOCK=calendar: callback due 120 min after registration)
  // 1: technical, Алматы, megaline; called back after 60 min → in time.
  const t1 = await ticket('2026-02-02T05:00:00Z', { region: 'Алматы', service: 'megaline', chatKey: 'telegram:100' });
  at('2026-02-02T06:00:00Z');
  await d.tickets.recordCallback(t1.id, 'reached', agent(yerzhan));
  // 2: technical, WhatsApp, Алматы, megaline; nobody calls: breached at 07:00, called back at 08:00 (180 min).
  const t2 = await ticket('2026-02-03T05:00:00Z', { channel: 'whatsapp', region: 'Алматы', service: 'megaline' });
  at('2026-02-03T07:00:00Z');
  await d.scheduler.tick();
  at('2026-02-03T08:00:00Z');
  await d.tickets.recordCallback(t2.id, 'solved', agent(yerzhan));
  // 3: technical, web chat, Астана, phone; called back after 30 min.
  const t3 = await ticket('2026-02-10T05:00:00Z', { channel: 'webchat', region: 'Астана', service: 'phone' });
  at('2026-02-10T05:30:00Z');
  await d.tickets.recordCallback(t3.id, 'reached', agent(yerzhan));
  // 4: reference, Астана, megaline (no callback).
  await ticket('2026-02-10T06:00:00Z', { type: 'reference', region: 'Астана', service: 'megaline' });
  // 5: a complaint by phone, registered by an agent at the last second of February in Almaty.
  await ticket('2026-02-28T18:59:59Z', { type: 'complaint', channel: 'phone', actor: agent(aigul) });

  // === February conversations
  // A, B, C: the bot alone — balance (reference), fault (technical), plan (connection).
  await say('telegram:1', '2026-02-02T05:00:00Z', ['balance']);
  await say('telegram:2', '2026-02-02T06:00:00Z', ['fault']);
  await say('whatsapp:3', '2026-02-05T06:00:00Z', ['menu']);
  await say('whatsapp:3', '2026-02-05T06:05:00Z', ['plan']);
  // D: web chat handed off at 07:01, Айгүл answers 20 s later, hands back 10 min after (600 s).
  await say('webchat:4', '2026-02-05T07:00:00Z', ['menu']);
  const tD = await handoff('webchat:4', '2026-02-05T07:01:00Z');
  at('2026-02-05T07:01:20Z');
  await d.tickets.reply(tD.id, 'Здравствуйте!', agent(aigul));
  at('2026-02-05T07:11:20Z');
  await d.tickets.endHandoff(tD.id, agent(aigul));
  // E: Telegram handed off, Ержан answers after 60 s, resolves 5 min later (300 s).
  const tE = await handoff('telegram:5', '2026-02-06T08:00:10Z');
  at('2026-02-06T08:01:10Z');
  await d.tickets.reply(tE.id, 'Сейчас проверю', agent(yerzhan));
  at('2026-02-06T08:06:10Z');
  await d.tickets.resolve(tE.id, agent(yerzhan));
  // F: WhatsApp handed off, the subscriber leaves (/cancel) after 120 s unanswered → lost, waited 120 s.
  const tF = await handoff('whatsapp:6', '2026-02-06T09:00:00Z');
  at('2026-02-06T09:02:00Z');
  await d.tickets.endHandoff(tF.id, { type: 'subscriber', id: null });
  // G: Telegram handed off on Saturday 15:00 Almaty; answered only the next morning → lost (no waiting time counted).
  const tG = await handoff('telegram:7', '2026-02-07T10:00:00Z');
  at('2026-02-08T05:00:00Z');
  await d.tickets.reply(tG.id, 'Доброе утро', agent(aigul));
  // J: Telegram handed off, Айгүл answers after 40 s, hands back after 300 s.
  const tJ = await handoff('telegram:9', '2026-02-09T05:00:00Z');
  at('2026-02-09T05:00:40Z');
  await d.tickets.reply(tJ.id, 'Слушаю вас', agent(aigul));
  at('2026-02-09T05:05:40Z');
  await d.tickets.endHandoff(tJ.id, agent(aigul));
  // H: the web chat at 23:59 Almaty on 28 February (bot); I: the same chat 90 s later is already March.
  await say('webchat:8', '2026-02-28T18:59:00Z', ['balance']);
  await say('webchat:8', '2026-02-28T19:00:30Z', ['fault']);

  // === March: a technical ticket at 00:00 Almaty on 1 March.
  await ticket('2026-02-28T19:00:00Z', { region: 'Алматы', service: 'megaline' });
  d.clock.set('2026-03-02T06:00:00Z');
  return { aigul, yerzhan };
}

/** February 2026, worked out by hand from the comments above. */
export const EXPECTED_FEBRUARY = {
  // Tickets 1–5 and the hand-off tickets of D, E, F, G, J.
  tickets: {
    total: 10,
    byType: { reference: 6, complaint: 1, technical: 3, connection: 0 },
    byRegion: [{ key: '', count: 6 }, { key: 'Алматы', count: 2 }, { key: 'Астана', count: 2 }],
    byService: [{ key: '', count: 6 }, { key: 'megaline', count: 3 }, { key: 'phone', count: 1 }],
  },
  // A B C H by the bot, D E J taken, F G lost.
  conversations: { total: 9, takenByAgents: 3, byBot: 4, lost: 2 },
  messengers: {
    telegram: { total: 5, reference: 4, technical: 1, connection: 0, complaint: 0 },
    whatsapp: { total: 2, reference: 1, technical: 0, connection: 1, complaint: 0 },
    webchat: { total: 2, reference: 2, technical: 0, connection: 0, complaint: 0 },
  },
  // Айгүл: D 600 s + J 300 s; Ержан: E 300 s. Waits D 20, E 60, J 40, F 120 → 60 s on average.
  durations: { accepted: 3, missed: 2, handlingMs: 1_200_000, averageWaitMs: 60_000, waited: 4 },
  secondLine: { withCallback: 3, inTime: 2, breaches: 1, averageDelayMs: 5_400_000 },
  branches: [
    { branch: 'Алматы', withCallback: 2, inTime: 1, breaches: 1, averageDelayMs: 7_200_000 },
    { branch: 'Астана', withCallback: 1, inTime: 1, breaches: 0, averageDelayMs: 1_800_000 },
  ],
} as const;

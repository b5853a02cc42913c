/** @module Builds the ticket use cases over a real store, a ManualClock, the event bus and the scheduler. */
import { wireTickets } from '../../core/compose.ts';
import type { EventBus, EventMap, EventName } from '../../core/events.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import type { Scheduler } from '../../core/scheduler/scheduler.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';
import type { Tickets } from '../../core/tickets/index.ts';
import { testBase } from '../helpers/core-base.ts';

export const almaty = (local: string) => new Date(`${local}:00+05:00`);

export interface TicketWorld {
  store: Store;
  clock: ManualClock;
  events: EventBus;
  scheduler: Scheduler;
  tickets: Tickets;
  /** Every event emitted, in order. */
  seen: Array<{ name: EventName; payload: EventMap[EventName] }>;
}

/** A product slice for ticket tests; `dataDir` ':memory:' unless a restart is being tested. */
export function ticketWorld(options: { env?: Record<string, string>; clock?: ManualClock; dataDir?: string; store?: Store } = {}): TicketWorld {
  const store = options.store ?? openSqliteStore(options.dataDir ?? ':memory:');
  const clock = options.clock ?? new ManualClock(almaty('2026-03-10T10:00'));
  const base = testBase({ clock, store, ...(options.env ? { env: options.env } : {}) });
  const { events, scheduler } = base;
  const tickets = wireTickets(base);
  const seen: TicketWorld['seen'] = [];
  const names: EventName[] = [
    'ticket.created', 'ticket.assigned', 'ticket.escalated', 'ticket.message_created', 'ticket.message_updated',
    'ticket.callback_recorded', 'ticket.breached', 'ticket.resolved', 'ticket.closed', 'ticket.rated',
    'ticket.handoff_started', 'ticket.handoff_ended',
  ];
  for (const name of names) events.on(name, (payload) => void seen.push({ name, payload }));
  return { store, clock, events, scheduler, tickets, seen };
}

export const subscriberActor = { type: 'subscriber' as const, id: 'sub-1' };
export const agent = { type: 'user' as const, id: 'agent-1' };
export const secondLine = { type: 'user' as const, id: 'agent-2' };
export const supervisor = { type: 'user' as const, id: 'sup-1' };

/** A fault ticket as the bot registers it. */
export function faultTicket(world: TicketWorld, over: Record<string, unknown> = {}) {
  return world.tickets.register({
    type: 'technical', channel: 'telegram', language: 'kk', subscriberId: 'sub-1', accountId: 'acc-1', chatKey: 'telegram:42',
    phone: '+77011234567', region: 'Алматытелеком', service: 'megaline', symptom: 'no_internet', actor: subscriberActor, ...over,
  });
}

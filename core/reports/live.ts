/**
 * @module The supervisor's live view (seed 003 cl. 13, 33): conversations waiting for a person and the longest wait,
 * agents by status, open and breached tickets, callbacks due in the next hour, and today's lost share and waiting time
 * against the cl. 21 targets. One snapshot read from the store, so every instance shows the same.
 */
import { almatyDate, startOfDay } from '../billing/calendar.ts';
import type { Clock } from '../ports/clock.ts';
import type { TicketRepository } from '../tickets/repository.ts';
import { AGENT_STATUSES, type AgentStatus, type AgentStatusSpan, type ChatContact, type ReportTicket, type Threshold } from './model.ts';
import { foldContacts, TARGETS } from './monthly.ts';
import type { AgentStatusRepository, ChatContactRepository, ReportTicketSource } from './repository.ts';

export interface LiveDeps {
  chatContacts: Pick<ChatContactRepository, 'waiting' | 'scan'>;
  agentStatuses: Pick<AgentStatusRepository, 'listCurrent'>;
  reportTickets: Pick<ReportTicketSource, 'dueCallbacks'>;
  tickets: Pick<TicketRepository, 'countActive' | 'countQueue'>;
  clock: Clock;
}

export interface WaitingChat {
  contact: ChatContact;
  waitedMs: number;
}

export interface LiveSnapshot {
  at: Date;
  waiting: WaitingChat[];
  longestWaitMs: number | null;
  agents: AgentStatusSpan[];
  byStatus: Record<AgentStatus, number>;
  openTickets: number;
  breachedTickets: number;
  callbacksDue: ReportTicket[];
  today: { conversations: number; taken: number; lost: number; lostShare: Threshold; averageWait: Threshold };
}

/** How far back a hand-off may still be waiting (the answer deadline is at most the end of the next working day). */
const WAITING_WINDOW_MS = 4 * 24 * 3_600_000;
const LIST = 50;
const BREACHED_CAP = 100_000;

/** The live view as of now. */
export async function liveSnapshot(deps: LiveDeps): Promise<LiveSnapshot> {
  const now = deps.clock.now();
  const candidates = await deps.chatContacts.waiting(new Date(now.getTime() - WAITING_WINDOW_MS), LIST * 4);
  const waiting = candidates
    .filter((c) => !c.leftAt && !c.endedAt && (!c.answerBy || c.answerBy > now))
    .slice(0, LIST)
    .map((contact) => ({ contact, waitedMs: now.getTime() - contact.handedOffAt!.getTime() }));
  const agents = await deps.agentStatuses.listCurrent();
  const byStatus = Object.fromEntries(AGENT_STATUSES.map((s) => [s, agents.filter((a) => a.status === s).length])) as Record<AgentStatus, number>;
  const today = await foldContacts(deps.chatContacts, startOfDay(almatyDate(now)), new Date(now.getTime() + 1), now);
  // A hand-off still waiting is not lost yet: today's share counts only those already decided.
  const lost = today.lost - today.stillWaiting;
  const lostShare = today.taken + lost > 0 ? lost / (today.taken + lost) : null;
  const averageWait = today.waited > 0 ? Math.round(today.waitSum / today.waited) : null;
  return {
    at: now,
    waiting,
    longestWaitMs: waiting.length ? Math.max(...waiting.map((w) => w.waitedMs)) : null,
    agents,
    byStatus,
    openTickets: await deps.tickets.countActive(),
    breachedTickets: await deps.tickets.countQueue({ queue: 'breached', limit: 1 }, BREACHED_CAP),
    callbacksDue: await deps.reportTickets.dueCallbacks(now, new Date(now.getTime() + 3_600_000), LIST),
    today: {
      conversations: today.total, taken: today.taken, lost,
      lostShare: { value: lostShare, limit: TARGETS.lostShareMax, kind: 'max', met: lostShare === null ? null : lostShare <= TARGETS.lostShareMax },
      averageWait: { value: averageWait, limit: TARGETS.averageWaitMaxMs, kind: 'max', met: averageWait === null ? null : averageWait <= TARGETS.averageWaitMaxMs },
    },
  };
}

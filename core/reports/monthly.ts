/**
 * @module The monthly report of seed 003 cl. 29 (with cl. 21 and cl. 34 against their thresholds), computed from the
 * records: the tickets registered in the period and the chat contacts started in it, read page by page so a month of
 * a million tickets never sits in memory. Every total is the sum of its parts (test/reports/monthly.test.ts).
 */
import { addDays, startOfDay, almatyDate, addMonths } from '../billing/calendar.ts';
import { TICKET_CHANNELS, TICKET_TYPES, type TicketType } from '../tickets/model.ts';
import {
  CONTACT_CHANNELS, contactOutcome, handlingMs, waitingMs, type AgentFigures, type BranchFigures, type ChatContact, type Count,
  type MonthlyReport, type ReportPeriod, type ReportTicket, type Threshold,
} from './model.ts';
import type { ChatContactRepository, ReportTicketSource } from './repository.ts';

export interface ReportSources {
  reportTickets: Pick<ReportTicketSource, 'scan'>;
  chatContacts: Pick<ChatContactRepository, 'scan'>;
}

/** Rows read per page. */
const PAGE = 5_000;

/** cl. 21(1): lost at most 5 % a month; cl. 21(2): the answer within 30 s; cl. 34: at least 95 % served. */
export const TARGETS = { lostShareMax: 0.05, averageWaitMaxMs: 30_000, servedShareMin: 0.95 } as const;

/** The calendar month `YYYY-MM` as a period. */
export function monthPeriod(month: string): ReportPeriod {
  return { from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
}

/** The month before the one `at` falls in (Almaty): the report's default period. */
export function previousMonth(at: Date): string {
  return addMonths(almatyDate(at).slice(0, 7), -1);
}

/** The month a period covers exactly, or null when it is not one whole calendar month. */
export function monthOf(period: ReportPeriod): string | null {
  const month = period.from.slice(0, 7);
  return period.from === `${month}-01` && period.to === `${addMonths(month, 1)}-01` ? month : null;
}

/** The Monday (Almaty date) of the week a date falls in. */
export function weekOf(date: string): string {
  const dow = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -dow);
}

class Counter {
  private readonly counts = new Map<string, number>();
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** Biggest first, then by key; `keys` are listed even at zero, in their order. */
  list(keys?: readonly string[]): Count[] {
    if (keys) return keys.map((key) => ({ key, count: this.get(key) }));
    return [...this.counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const average = (sum: number, n: number): number | null => (n > 0 ? Math.round(sum / n) : null);
const threshold = (value: number | null, limit: number, kind: 'max' | 'min'): Threshold =>
  ({ value, limit, kind, met: value === null ? null : kind === 'max' ? value <= limit : value >= limit });

/** An empty value of a breakdown (a ticket registered without a region or service). */
export const NOT_GIVEN = '';

/** Computes the report of `period` from the tickets and contacts it holds. */
export async function computeReport(sources: ReportSources, period: ReportPeriod): Promise<MonthlyReport> {
  const from = startOfDay(period.from);
  const to = startOfDay(period.to);
  const tickets = await foldTickets(sources.reportTickets, from, to, period);
  const contacts = await foldContacts(sources.chatContacts, from, to);
  const conversations = contacts.total;
  const served = contacts.taken + contacts.bot;
  return {
    period,
    tickets: tickets.section,
    conversations: { total: conversations, takenByAgents: contacts.taken, perAgent: contacts.perAgent.list(), byBot: contacts.bot, lost: contacts.lost },
    messengers: CONTACT_CHANNELS.map((channel) => ({
      channel, total: contacts.byChannel.get(channel), byType: contacts.messenger.get(channel)!.list(TICKET_TYPES),
    })),
    durations: {
      accepted: contacts.taken,
      missed: contacts.lost,
      perAgent: contacts.agentFigures(),
      handlingMs: contacts.handlingTotal,
      averageWaitMs: average(contacts.waitSum, contacts.waited),
      waited: contacts.waited,
    },
    secondLine: tickets.secondLine,
    targets: {
      lostShare: threshold(share(contacts.lost, contacts.taken + contacts.lost), TARGETS.lostShareMax, 'max'),
      averageWait: threshold(average(contacts.waitSum, contacts.waited), TARGETS.averageWaitMaxMs, 'max'),
      servedShare: threshold(share(served, conversations), TARGETS.servedShareMin, 'min'),
      ticketsRegistered: tickets.section.total,
      ticketsComplete: tickets.complete,
    },
    charts: tickets.charts,
  };
}

async function foldTickets(source: ReportSources['reportTickets'], from: Date, to: Date, period: ReportPeriod) {
  let total = 0;
  let complete = 0;
  const byRegion = new Counter();
  const byService = new Counter();
  const byType = new Counter();
  const perDay = new Counter();
  const channelType = new Map(TICKET_CHANNELS.map((c) => [c, new Counter()]));
  const weekWith = new Counter();
  const weekIn = new Counter();
  const branch = new Map<string, { withCallback: number; inTime: number; breaches: number; delaySum: number; delayed: number }>();
  const line = { withCallback: 0, inTime: 0, breaches: 0, delaySum: 0, delayed: 0 };
  const visit = (t: ReportTicket) => {
    total += 1;
    if (t.region && t.service) complete += 1;
    byRegion.add(t.region ?? NOT_GIVEN);
    byService.add(t.service ?? NOT_GIVEN);
    byType.add(t.type);
    const day = almatyDate(t.createdAt);
    perDay.add(day);
    channelType.get(t.channel)?.add(t.type);
    // cl. 29(5): callbacks counted once their clock decided (made in time, or missed); cancelled ones needed none.
    if (t.slaStatus !== 'hit' && t.slaStatus !== 'missed') return;
    const b = branch.get(t.region ?? NOT_GIVEN) ?? { withCallback: 0, inTime: 0, breaches: 0, delaySum: 0, delayed: 0 };
    for (const acc of [b, line]) {
      acc.withCallback += 1;
      if (t.slaStatus === 'hit') acc.inTime += 1;
      else acc.breaches += 1;
      if (t.callbackAt) {
        acc.delaySum += t.callbackAt.getTime() - t.createdAt.getTime();
        acc.delayed += 1;
      }
    }
    branch.set(t.region ?? NOT_GIVEN, b);
    weekWith.add(weekOf(day));
    if (t.slaStatus === 'hit') weekIn.add(weekOf(day));
  };
  let after: { createdAt: Date; number: number } | null = null;
  for (;;) {
    const page = await source.scan(from, to, after, PAGE);
    for (const t of page) visit(t);
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, number: last.number };
  }
  const days: string[] = [];
  for (let d = period.from; d < period.to; d = addDays(d, 1)) days.push(d);
  const weeks = [...new Set(days.map(weekOf))];
  const byBranch: BranchFigures[] = [...branch].map(([name, b]) => ({
    branch: name, withCallback: b.withCallback, inTime: b.inTime, breaches: b.breaches, averageDelayMs: average(b.delaySum, b.delayed),
  })).sort((a, b) => b.withCallback - a.withCallback || a.branch.localeCompare(b.branch));
  return {
    complete,
    section: { total, byRegion: byRegion.list(), byService: byService.list(), byType: byType.list(TICKET_TYPES) },
    secondLine: {
      withCallback: line.withCallback, inTime: line.inTime, inTimeShare: share(line.inTime, line.withCallback), breaches: line.breaches,
      averageDelayMs: average(line.delaySum, line.delayed), byBranch,
    },
    charts: {
      ticketsPerDay: perDay.list(days),
      channelByType: TICKET_CHANNELS.map((channel) => ({ channel, byType: channelType.get(channel)!.list(TICKET_TYPES) })),
      slaPerWeek: weeks.map((week) => ({ week, withCallback: weekWith.get(week), inTime: weekIn.get(week) })),
    },
  };
}

export async function foldContacts(source: ReportSources['chatContacts'], from: Date, to: Date, now?: Date) {
  const acc = {
    /** Unanswered hand-offs still waiting at `now` (counted as lost only once their day is over). */
    stillWaiting: 0,
    total: 0, taken: 0, bot: 0, lost: 0, waitSum: 0, waited: 0, handlingTotal: 0,
    perAgent: new Counter(),
    handling: new Counter(),
    byChannel: new Counter(),
    messenger: new Map(CONTACT_CHANNELS.map((c) => [c, new Counter()])),
    agentFigures(): AgentFigures[] {
      return this.perAgent.list().map(({ key, count }) => ({
        agentId: key, taken: count, handlingMs: this.handling.get(key), averageHandlingMs: Math.round(this.handling.get(key) / count),
      }));
    },
  };
  const visit = (c: ChatContact) => {
    acc.total += 1;
    acc.byChannel.add(c.channel);
    acc.messenger.get(c.channel)?.add(c.type satisfies TicketType);
    const outcome = contactOutcome(c);
    if (outcome === 'bot') acc.bot += 1;
    else if (outcome === 'lost') {
      acc.lost += 1;
      if (now && !c.answeredAt && !c.leftAt && !c.endedAt && (!c.answerBy || c.answerBy > now)) acc.stillWaiting += 1;
    }
    else {
      acc.taken += 1;
      const agent = c.agentId ?? NOT_GIVEN;
      acc.perAgent.add(agent);
      const ms = handlingMs(c) ?? 0;
      acc.handling.add(agent, ms);
      acc.handlingTotal += ms;
    }
    const wait = waitingMs(c);
    if (wait !== null) {
      acc.waitSum += wait;
      acc.waited += 1;
    }
  };
  let after: { startedAt: Date; id: string } | null = null;
  for (;;) {
    const page = await source.scan(from, to, after, PAGE);
    for (const c of page) visit(c);
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { startedAt: last.startedAt, id: last.id };
  }
  return acc;
}

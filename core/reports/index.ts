/**
 * @module Reports: the contact centre's records (chat contacts, agents' work statuses) and what is made of them — the
 * monthly report of seed 003 cl. 29 with its downloads, its monthly job, and the supervisor's live view (cl. 13, 33).
 * `createReports` binds the use cases to the repositories they use, for main.ts and the console.
 */
import type { EventBus } from '../events.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { WorkingCalendar } from '../sla/model.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { Language } from '../i18n/model.ts';
import type { JobRepository } from '../scheduler/repository.ts';
import type { SettingsRepository } from '../settings/repository.ts';
import type { TicketRepository } from '../tickets/repository.ts';
import {
  forceStatus, notReadyReasons, offeredWork, saveReasons, setStatus, timeInStatus, type StatusDeps, type StatusResult,
} from './agent-status.ts';
import { listenForContacts, noteMessage, type ContactDeps } from './contacts.ts';
import { generateMonth, type GenerateDeps } from './generate.ts';
import { liveSnapshot } from './live.ts';
import type { AgentStatus, ReportPeriod } from './model.ts';
import { computeReport } from './monthly.ts';
import type { ReportRepositories } from './repository.ts';

export * from './model.ts';
export { registerReportJobs, MONTHLY_JOB } from './generate.ts';
export { monthPeriod, previousMonth, monthOf, TARGETS, weekOf, NOT_GIVEN } from './monthly.ts';
export { reportSections, seconds, percent, type Section, type Cell, type AgentNames } from './sections.ts';
export { reportCsv, reportXlsx, safeCell } from './export.ts';
export { parseReasons, MAX_REASONS, type StatusTotals } from './agent-status.ts';
export type { LiveSnapshot } from './live.ts';

export interface ReportDeps extends ReportRepositories {
  tickets: Pick<TicketRepository, 'countActive' | 'countQueue'>;
  settings: SettingsRepository;
  audit: Pick<AuditRepository, 'append'>;
  jobs: Pick<JobRepository, 'getPending'>;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  calendar: () => Promise<WorkingCalendar>;
}

/** What a chat exchange tells the contact log (the conversation runner's exchange, structurally). */
export interface ExchangeFacts {
  chatKey: string;
  inbound: unknown;
  at: Date;
  language: Language;
  journeys: readonly string[];
}

/**
 * The reports use cases over their repositories; also starts recording contacts from the ticket events.
 * @example const reports = createReports({ ...reportPorts(store), clock, logger, events, calendar });
 *          await registerReportJobs(scheduler, reports.deps); runner.observe(reports.recordExchange, { beforeReply: true });
 */
export function createReports(deps: ReportDeps) {
  const contactDeps: ContactDeps = { contacts: deps.chatContacts, clock: deps.clock, calendar: deps.calendar };
  const statusDeps: StatusDeps = { agentStatuses: deps.agentStatuses, settings: deps.settings, clock: deps.clock };
  const generateDeps: GenerateDeps & { jobs: ReportDeps['jobs'] } = {
    sources: deps, monthlyReports: deps.monthlyReports, audit: deps.audit, clock: deps.clock, logger: deps.logger, jobs: deps.jobs,
  };
  listenForContacts(deps.events, contactDeps, deps.logger.child({ module: 'contacts' }));
  /** Tells the live views about a status that changed. */
  const told = async (r: StatusResult, by: string | null): Promise<StatusResult> => {
    if (r.ok && r.changed) {
      await deps.events.emit('agent.status_changed', { userId: r.span.userId, status: r.span.status, by });
    }
    return r;
  };
  return {
    deps: generateDeps,
    /** Every subscriber message opens or continues a contact (notifications, with no inbound, do not). */
    async recordExchange(e: ExchangeFacts): Promise<void> {
      if (e.inbound === null) return;
      await noteMessage(contactDeps, { chatKey: e.chatKey, language: e.language, at: e.at, journeys: e.journeys });
    },
    // === Agents' work statuses (cl. 32, 33, 36)
    setStatus: async (userId: string, status: AgentStatus, reason: string | null) => told(await setStatus(statusDeps, userId, status, reason, userId), userId),
    /** Sign-in makes an agent ready, sign-out offline (set by the system). */
    signedIn: async (userId: string) => told(await setStatus(statusDeps, userId, 'ready', null, null), null),
    signedOut: async (userId: string) => told(await setStatus(statusDeps, userId, 'offline', null, null), null),
    forceStatus: async (userId: string, status: AgentStatus, supervisorId: string) =>
      told(await forceStatus(statusDeps, userId, status, supervisorId), supervisorId),
    currentStatus: (userId: string) => deps.agentStatuses.current(userId),
    offeredWork: (userId: string) => offeredWork(statusDeps, userId),
    notReadyReasons: () => notReadyReasons(statusDeps),
    saveReasons: (reasons: string[]) => saveReasons(statusDeps, reasons),
    /** Time in each status per agent on each day of `[from, to)`. */
    async statusTime(from: string, to: string, range: { from: Date; to: Date }) {
      return timeInStatus(await deps.agentStatuses.overlapping(range.from, range.to), from, to, deps.clock.now());
    },
    // === The monthly report (cl. 28–29)
    compute: (period: ReportPeriod) => computeReport(deps, period),
    stored: (month: string) => deps.monthlyReports.get(month),
    list: (limit = 24) => deps.monthlyReports.list(limit),
    generate: async (month: string, by: string | null) => {
      const stored = await generateMonth(generateDeps, month, by);
      await deps.events.emit('report.generated', { month });
      return stored;
    },
    // === The live view (cl. 13, 33)
    live: () => liveSnapshot({ ...deps, tickets: deps.tickets }),
  };
}

export type Reports = ReturnType<typeof createReports>;

/**
 * @module Generating and storing a month's report (seed 003 cl. 28: due by the 5th of the next month). The scheduler
 * job of each month is due at 00:00 Almaty on the 1st of the next — the moment the month is over — so the report is
 * ready then; a job missed while the product was down runs at the next start, and a start finding last month's report
 * missing generates it at once. Regenerating a month computes it again from the same records: the same numbers.
 */
import { randomUUID } from 'node:crypto';
import { addMonths, almatyDate, startOfMonth } from '../billing/calendar.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { StoredReport } from './model.ts';
import { computeReport, monthPeriod, previousMonth, type ReportSources } from './monthly.ts';
import type { MonthlyReportRepository } from './repository.ts';

export const MONTHLY_JOB = 'reports.monthly';

export interface GenerateDeps {
  sources: ReportSources;
  monthlyReports: MonthlyReportRepository;
  audit: Pick<AuditRepository, 'append'>;
  clock: Clock;
  logger: Logger;
}

/** Computes and stores the month's report; `by` is the supervisor who asked, or null for the monthly job. */
export async function generateMonth(deps: GenerateDeps, month: string, by: string | null): Promise<StoredReport> {
  const report = await computeReport(deps.sources, monthPeriod(month));
  const stored: StoredReport = { month, generatedAt: deps.clock.now(), report };
  await deps.monthlyReports.save(stored);
  await deps.audit.append({
    id: randomUUID(), at: stored.generatedAt, actorType: by ? 'user' : 'system', actorId: by, action: 'report.generated',
    entity: 'report', entityId: month, details: { month, tickets: report.tickets.total, conversations: report.conversations.total },
  });
  deps.logger.info({ month, tickets: report.tickets.total }, 'monthly report generated');
  return stored;
}

const jobKey = (month: string) => `${MONTHLY_JOB}:${month}`;

/**
 * Registers the monthly job and makes sure the next one is scheduled; a missing report of last month is generated at
 * once. Call once at start, before `scheduler.start`.
 * @example await registerReportJobs(scheduler, reports.deps);
 */
export async function registerReportJobs(scheduler: Scheduler, deps: GenerateDeps & { jobs: { getPending(key: string): Promise<unknown> } }): Promise<void> {
  const scheduleFor = (month: string, at?: Date) => scheduler.schedule(MONTHLY_JOB, jobKey(month), at ?? startOfMonth(addMonths(month, 1)), { month });
  scheduler.on(MONTHLY_JOB, async (job) => {
    const month = String(job.payload.month ?? previousMonth(deps.clock.now()));
    await generateMonth(deps, month, null);
    const current = almatyDate(deps.clock.now()).slice(0, 7);
    const next = month < current ? current : addMonths(month, 1);
    if (!(await deps.jobs.getPending(jobKey(next)))) await scheduleFor(next);
  });
  const current = almatyDate(deps.clock.now()).slice(0, 7);
  const last = previousMonth(deps.clock.now());
  if (!(await deps.monthlyReports.get(last)) && !(await deps.jobs.getPending(jobKey(last)))) await scheduleFor(last, deps.clock.now());
  if (!(await deps.jobs.getPending(jobKey(current)))) await scheduleFor(current);
}

/**
 * @module The campaign timers, all scheduler jobs: a scheduled campaign starts at its start, a campaign finishes at
 * its end, an uploaded import is (re)started, and a watchdog every 30 s gives back claims whose lease ran out (an agent
 * who closed the browser mid-call), resumes imports whose runner died and messenger surveys whose dispatcher died. The watchdog schedules its own next run.
 */
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { CampaignDeps } from './deps.ts';
import { SYSTEM } from './deps.ts';
import { finishDue, JOBS, startDue } from './lifecycle.ts';
import { IMPORT_JOB } from './import/upload.ts';
import type { ImportRunner } from './import/runner.ts';
import type { SurveyDispatcher } from './messenger/dispatch.ts';

export const WATCHDOG_JOB = 'campaigns.watchdog';
export const WATCHDOG_EVERY_MS = 30_000;

const slot = (at: Date) => Math.floor(at.getTime() / WATCHDOG_EVERY_MS);

/**
 * Registers the handlers and makes sure the watchdog runs. Call once at start, before `scheduler.start`.
 * @example await registerCampaignJobs(scheduler, campaigns.deps, campaigns.runner);
 */
export async function registerCampaignJobs(scheduler: Scheduler, deps: CampaignDeps, runner: ImportRunner, dispatcher?: SurveyDispatcher): Promise<void> {
  const id = (payload: Record<string, unknown>) => String(payload.campaignId ?? '');
  scheduler.on(JOBS.start, (job) => startDue(deps, id(job.payload), SYSTEM));
  scheduler.on(JOBS.finish, (job) => finishDue(deps, id(job.payload), SYSTEM));
  scheduler.on(IMPORT_JOB, async (job) => {
    runner.start(String(job.payload.importId ?? ''));
  });
  const scheduleWatchdog = (after: Date) => {
    const next = slot(after) + 1;
    return scheduler.schedule(WATCHDOG_JOB, `${WATCHDOG_JOB}:${next}`, new Date(next * WATCHDOG_EVERY_MS));
  };
  scheduler.on(WATCHDOG_JOB, async () => {
    const now = deps.clock.now();
    try {
      const released = await deps.contacts.releaseExpired(now, 500);
      if (released) deps.logger.info({ released }, 'claims whose lease ran out were given back');
      await runner.resumeUnfinished();
      await dispatcher?.resumeRunning();
    } finally {
      await scheduleWatchdog(now);
    }
  });
  await scheduleWatchdog(deps.clock.now());
  // Survey dispatches a crash interrupted resume at once after a start, not at the next slot.
  if (dispatcher) await scheduler.schedule(WATCHDOG_JOB, `${WATCHDOG_JOB}:start:${deps.clock.now().getTime()}`, deps.clock.now());
}

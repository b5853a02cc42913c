/** @module The persisted SMS delivery job: one attempt per job; a message held by a running attempt is retried later. */
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { SmsSender } from './port.ts';
import { SMS_JOB_KIND } from './sender.ts';

/**
 * Registers the `sms.send` job handler on the scheduler.
 * @example registerSmsJobs(scheduler, sms);
 */
export function registerSmsJobs(scheduler: Pick<Scheduler, 'on'>, sender: SmsSender): void {
  scheduler.on(SMS_JOB_KIND, async (job) => {
    const smsId = typeof job.payload.smsId === 'string' ? job.payload.smsId : null;
    if (!smsId) return;
    const outcome = await sender.deliver(smsId);
    // Another attempt holds the message: fail this job so the scheduler tries again after its lease.
    if (outcome === 'busy') throw new Error('SMS is being delivered by another attempt');
  });
}

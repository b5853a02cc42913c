/**
 * @module The SMS sender: every message is stored first (the outbox / delivery log), then delivered by a first
 * attempt in the background and, after transient failures, by persisted jobs with growing delays. A permanent
 * failure (provider refusal, retries exhausted, or the code inside expired) is recorded on the message, shown in the
 * console, and reported to the listeners so the chat can be told.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.ts';
import { SmsSendError } from '../errors.ts';
import type { Logger } from '../logging/logger.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { SmsMessage } from './model.ts';
import { timersOn, type JobScheduler } from '../scheduler/scheduler.ts';
import type { JobRepository } from '../scheduler/repository.ts';
import type { SmsOutboxRepository } from './repository.ts';
import { mobizonProvider } from './mobizon.ts';
import { outboxProvider } from './outbox.ts';
import type { DeliveryOutcome, SmsProvider, SmsSender } from './port.ts';
import { webhookProvider } from './webhook.ts';

export const SMS_JOB_KIND = 'sms.send';

export interface SmsSenderOptions {
  clock?: Clock;
  /** Provider request timeout. */
  timeoutMs?: number;
  /** Attempts in all (first one included) before a transient failure becomes permanent. */
  maxAttempts?: number;
  /** Delay before attempt `n + 1` after attempt `n` failed transiently. */
  retryDelayMs?: (attempt: number) => number;
  /** Use this provider instead of the one SMS_PROVIDER names. */
  provider?: SmsProvider;
  /** The product's scheduler, which sets the delivery jobs; timers on this store when not given. */
  scheduler?: JobScheduler;
}

/** Picks the adapter SMS_PROVIDER names. */
export function providerFromConfig(config: Config, timeoutMs: number): SmsProvider {
  switch (config.SMS_PROVIDER) {
    case 'webhook':
      return webhookProvider({ url: config.SMS_WEBHOOK_URL!, secret: config.SMS_WEBHOOK_SECRET!, timeoutMs });
    case 'mobizon':
      return mobizonProvider({ apiUrl: config.MOBIZON_API_URL, apiKey: config.MOBIZON_API_KEY!, sender: config.SMS_SENDER, timeoutMs });
    default:
      return outboxProvider();
  }
}

/** Masks the digit runs (the code) of a text that has left the building; outbox texts are kept, they are the delivery. */
export function maskCodes(text: string): string {
  return text.replace(/\d{4,8}/g, (d) => '•'.repeat(d.length));
}

const jobKey = (id: string, attempt: number) => `sms:${id}:${attempt}`;

/**
 * Creates the sender for SMS_PROVIDER. Register its job handler with `registerSmsJobs(scheduler, sender)`.
 * @example const sms = createSmsSender(config, store, logger); await sms.enqueue({ to, text, purpose: 'verify', chatKey, expiresAt });
 */
export function createSmsSender(config: Config, store: { jobs: JobRepository; smsOutbox: SmsOutboxRepository }, logger: Logger, options: SmsSenderOptions = {}): SmsSender {
  const clock = options.clock ?? systemClock;
  const timers = options.scheduler ?? timersOn(store);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? ((n: number) => 5_000 * 3 ** (n - 1));
  const provider = options.provider ?? providerFromConfig(config, timeoutMs);
  const leaseMs = timeoutMs + 5_000;
  const log = logger.child({ module: 'sms', provider: provider.name });
  const listeners = new Set<(message: SmsMessage) => void>();
  const inFlight = new Set<Promise<unknown>>();

  const failForGood = async (message: SmsMessage, error: string) => {
    const now = clock.now();
    await store.smsOutbox.markFailed(message.id, now, error, provider.name === 'outbox' ? message.text : maskCodes(message.text));
    log.warn({ smsId: message.id, purpose: message.purpose, attempts: message.attempts, error }, 'SMS failed for good');
    const failed = (await store.smsOutbox.get(message.id)) ?? { ...message, status: 'failed' as const, lastError: error };
    for (const listener of listeners) {
      try {
        listener(failed);
      } catch (err) {
        log.error({ err }, 'SMS failure listener threw');
      }
    }
  };

  const deliver = async (id: string): Promise<DeliveryOutcome> => {
    const now = clock.now();
    const claimed = await store.smsOutbox.claim(id, now, leaseMs);
    if (!claimed) {
      const current = await store.smsOutbox.get(id);
      if (!current || current.status !== 'queued') return 'done';
      if (current.nextAttemptAt && current.nextAttemptAt.getTime() > now.getTime()) return 'not_due';
      return 'busy';
    }
    if (claimed.expiresAt && claimed.expiresAt.getTime() <= now.getTime()) {
      await failForGood(claimed, 'expired before it could be delivered');
      return 'failed';
    }
    try {
      const { providerMessageId } = await provider.send({ id: claimed.id, to: claimed.to, text: claimed.text });
      const text = provider.name === 'outbox' ? claimed.text : maskCodes(claimed.text);
      await store.smsOutbox.markSent(id, clock.now(), providerMessageId, text);
      log.info({ smsId: id, purpose: claimed.purpose, attempts: claimed.attempts }, 'SMS sent');
      return 'sent';
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof SmsSendError ? err.permanent : false;
      if (permanent) {
        await failForGood(claimed, error);
        return 'failed';
      }
      const retryAt = new Date(clock.now().getTime() + retryDelayMs(claimed.attempts));
      const tooLate = claimed.expiresAt !== null && retryAt.getTime() >= claimed.expiresAt.getTime();
      if (claimed.attempts >= maxAttempts || tooLate) {
        await failForGood(claimed, `${error} (gave up after ${claimed.attempts} attempts)`);
        return 'failed';
      }
      await store.smsOutbox.release(id, clock.now(), error, retryAt);
      await timers.schedule(SMS_JOB_KIND, jobKey(id, claimed.attempts + 1), retryAt, { smsId: id });
      log.warn({ smsId: id, attempts: claimed.attempts, error, retryAt }, 'SMS attempt failed; will retry');
      return 'retry';
    }
  };

  return {
    provider: provider.name,
    async enqueue(request) {
      const now = clock.now();
      const id = randomUUID();
      await store.smsOutbox.add({
        id, to: request.to, text: request.text, purpose: request.purpose, chatKey: request.chatKey, provider: provider.name,
        status: 'queued', attempts: 0, lastError: null, providerMessageId: null, createdAt: now, updatedAt: now, sentAt: null,
        expiresAt: request.expiresAt, nextAttemptAt: null,
      });
      // Safety net: if the process stops during the first attempt, this job delivers after the attempt's lease.
      await timers.schedule(SMS_JOB_KIND, jobKey(id, 1), new Date(now.getTime() + leaseMs), { smsId: id });
      const attempt = deliver(id).catch((err: unknown) => {
        log.error({ err, smsId: id }, 'SMS first attempt crashed; the job will retry');
      });
      inFlight.add(attempt);
      void attempt.finally(() => inFlight.delete(attempt));
      return id;
    },
    deliver,
    async flush() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    onFailure(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * @module The messenger survey dispatcher: sends each recipient the first question, writing the delivery record
 * before (pending → sending) and after (sent / failed / ambiguous, or back to pending with a wait) every send.
 * Only the instance holding the campaign's lease (store.leases, renewed every batch) dispatches; when its process
 * dies the lease runs out, the next holder turns the records still `sending` into `ambiguous` — the message may have
 * gone out and the Bot API has no idempotency key, so they are never sent again automatically but listed for
 * marketing — and carries on with the pending ones. A 429 or 5xx (clearly not sent) waits as long as asked and pauses
 * the whole dispatch for that long; a chat in the middle of a journey or a hand-off is tried again later.
 */
import { randomUUID } from 'node:crypto';
import type { CampaignDeps } from '../deps.ts';
import type { Question, Questionnaire, SurveyDelivery } from '../model.ts';
import { holdBack, seedDeliveries } from './audience.ts';

/** How one send ended, as the channel side tells it. */
export type SendResult =
  | { kind: 'sent'; messageId: string | null }
  /** The chat is in a journey or handed off to a person: nothing was sent, try later. */
  | { kind: 'busy' }
  /** A clear "not sent" (429 with retry_after, 5xx, the channel not connected): try again after `afterMs`. */
  | { kind: 'retry'; afterMs: number; reason: string }
  /** A clear refusal for good (403: the user blocked the bot; 400). */
  | { kind: 'failed'; reason: string }
  /** No answer came back (timeout, connection reset after the request went out): it may have been delivered. */
  | { kind: 'unknown'; reason: string };

/** The channel side of a survey send (bot/dialogs/survey-push.ts). */
export interface SurveySender {
  sendFirst(delivery: SurveyDelivery, questionnaire: Questionnaire, question: Question): Promise<SendResult>;
}

type Deps = Pick<CampaignDeps,
  'campaigns' | 'questionnaires' | 'contacts' | 'deliveries' | 'optOuts' | 'chats' | 'subscribers' | 'leases' | 'settings' | 'clock' | 'logger' | 'dispatchLeaseMs'>;

export interface DispatchOptions {
  /** Sends in flight at once (the channel's pacer sets the rate). */
  concurrency?: number;
  /** How long a busy chat waits before the next try. */
  busyRetryMs?: number;
  /** Longest wait the dispatcher sleeps through while holding the lease (longer ones are left to the watchdog). */
  maxSleepMs?: number;
}

const BATCH = 100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
export const leaseName = (campaignId: string) => `survey-dispatch:${campaignId}`;
const seededKey = (campaignId: string) => `survey.seeded:${campaignId}`;

export class SurveyDispatcher {
  private readonly owner = `dispatch-${randomUUID()}`;
  private readonly running = new Map<string, Promise<void>>();
  private sender: SurveySender | null = null;
  private stopped = false;
  private readonly concurrency: number;
  private readonly busyRetryMs: number;
  private readonly maxSleepMs: number;

  constructor(private readonly deps: Deps, options: DispatchOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.busyRetryMs = options.busyRetryMs ?? 5 * 60_000;
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
  }

  /** The channels are started after core: they attach the sender when they are ready. */
  attach(sender: SurveySender): void {
    this.sender = sender;
  }

  /**
   * Starts dispatching the campaign in the background here, unless it already runs here. While another instance
   * holds the lease, tries again once the lease could have run out (its holder may have died).
   */
  start(campaignId: string): void {
    if (this.stopped || this.running.has(campaignId)) return;
    const run = this.run(campaignId)
      .then((outcome) => {
        if (outcome === 'held' && !this.stopped) setTimeout(() => this.start(campaignId), this.deps.dispatchLeaseMs).unref();
      })
      .catch((err: unknown) => this.deps.logger.error({ err, campaignId }, 'survey dispatch stopped by an error; the watchdog resumes it'))
      .finally(() => this.running.delete(campaignId));
    this.running.set(campaignId, run);
  }

  /** The watchdog: every running messenger campaign with records due is (re)started here, if no live instance holds it. */
  async resumeRunning(): Promise<void> {
    for (const c of await this.deps.campaigns.list({ states: ['running'] })) {
      if (c.mode !== 'messenger') continue;
      const seeded = await this.deps.settings.get<boolean>(seededKey(c.id));
      const due = seeded ? await this.deps.deliveries.due(c.id, this.deps.clock.now(), 1) : [];
      const counts = seeded ? await this.deps.deliveries.countByState(c.id) : null;
      if (!seeded || due.length > 0 || (counts?.sending ?? 0) > 0) this.start(c.id);
    }
  }

  /** Resolves when every dispatch running here has stopped (they stop between sends). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running.values());
  }

  /** Idle: no dispatch running here (tests and benchmarks wait for it). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }

  /** One dispatch while this instance holds the lease: seeds, recovers a dead holder's sends, then sends what is due. */
  async run(campaignId: string): Promise<'done' | 'held' | 'no_sender'> {
    const { deps } = this;
    const hold = () => deps.leases.acquire(leaseName(campaignId), this.owner, deps.clock.now(), deps.dispatchLeaseMs);
    if (!this.sender) return 'no_sender';
    if (!(await hold())) return 'held';
    try {
      const stranded = await deps.deliveries.strandSending(campaignId, deps.clock.now());
      if (stranded) deps.logger.warn({ campaignId, stranded }, 'survey sends left unfinished by a dispatcher that died are marked ambiguous');
      if (!(await deps.settings.get<boolean>(seededKey(campaignId)))) {
        const added = await seedDeliveries(deps, campaignId);
        await deps.settings.set(seededKey(campaignId), true);
        deps.logger.info({ campaignId, added }, 'survey recipients recorded');
      }
      let pauseUntil = 0;
      for (;;) {
        const campaign = await deps.campaigns.get(campaignId);
        const questionnaire = campaign ? await deps.questionnaires.get(campaign.questionnaireId) : null;
        const first = questionnaire?.questions[0];
        if (this.stopped || campaign?.state !== 'running' || !questionnaire || !first) return 'done';
        if (!(await hold())) return 'held';
        const wait = pauseUntil - Date.now();
        if (wait > 0) await sleep(Math.min(wait, deps.dispatchLeaseMs / 2));
        if (pauseUntil > Date.now()) continue;
        const batch = await deps.deliveries.due(campaignId, deps.clock.now(), BATCH);
        if (batch.length === 0) {
          const next = (await deps.deliveries.due(campaignId, new Date(8.64e15), 1))[0];
          const inMs = next ? next.dueAt.getTime() - deps.clock.now().getTime() : Infinity;
          if (inMs > this.maxSleepMs) return 'done';
          await sleep(Math.max(50, Math.min(inMs, deps.dispatchLeaseMs / 2)));
          continue;
        }
        let index = 0;
        const worker = async () => {
          while (index < batch.length && !this.stopped && pauseUntil <= Date.now()) {
            const record = batch[index++]!;
            const retryAfter = await this.sendOne(record, questionnaire, first);
            if (retryAfter) pauseUntil = Math.max(pauseUntil, Date.now() + retryAfter);
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.concurrency, batch.length) }, worker));
      }
    } finally {
      await deps.leases.release(leaseName(campaignId), this.owner);
    }
  }

  /** Sends one record; returns how long the whole dispatch should pause (a 429), or 0. */
  private async sendOne(record: SurveyDelivery, questionnaire: Questionnaire, first: Question): Promise<number> {
    const { deps } = this;
    const now = () => deps.clock.now();
    const held = await holdBack(deps, record.subscriberId);
    if (held) {
      await deps.deliveries.move(record.id, ['pending'], 'opted_out', now(), held);
      return 0;
    }
    if (!(await deps.deliveries.begin(record.id, now()))) return 0;
    let result: SendResult;
    try {
      result = await this.sender!.sendFirst(record, questionnaire, first);
    } catch (err) {
      deps.logger.error({ err, campaignId: record.campaignId, delivery: record.contactId }, 'survey send failed unexpectedly; marked ambiguous');
      result = { kind: 'unknown', reason: 'unexpected' };
    }
    switch (result.kind) {
      case 'sent':
        await deps.deliveries.settle(record.id, { state: 'sent', messageId: result.messageId, questionId: first.id }, now());
        return 0;
      case 'busy':
        await deps.deliveries.postpone(record.id, new Date(now().getTime() + this.busyRetryMs), 'busy', now());
        return 0;
      case 'retry':
        await deps.deliveries.postpone(record.id, new Date(now().getTime() + result.afterMs), result.reason, now());
        return result.afterMs;
      case 'failed':
        await deps.deliveries.settle(record.id, { state: 'failed', error: result.reason }, now());
        return 0;
      case 'unknown':
        await deps.deliveries.settle(record.id, { state: 'ambiguous', error: result.reason }, now());
        return 0;
    }
  }
}

/**
 * @module Carrying out signed applications exactly once (issue 20 item 10). Signing stores the written application;
 * carrying it out orders it in billing (a plan change; a refusal, with its back-office ticket) and tells the chat. A
 * process that dies in between must neither lose the order nor place it twice: billing keeps one order per application
 * id and a refusal's ticket has a fixed id, so carrying out an application again finishes what was cut short and
 * repeats nothing. The application is marked done once the subscriber was told what billing answered (ordered, or
 * refused with a reason): by the dialog that signed it once its reply has left (`answered`), so a process killed
 * after billing answered but before the reply left leaves it undone; a sweep on the scheduler carries out those
 * signed longer ago than a step can take and never marked done — after a restart, on any instance — and tells the
 * subscriber what became of each, once. A kill between the reply leaving and the mark repeats the reply: the one
 * window that cannot be closed.
 */
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import { scheduleEvery } from '../scheduler/every.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ApplicationRepository } from '../applications/repository.ts';
import type { Application, ApplicationKind } from '../applications/model.ts';
import type { PlanChangeOrder, RefusalOrder, Result } from '../billing/port.ts';
import type { Ticket } from '../tickets/model.ts';

export const FINISH_APPLICATIONS_JOB = 'selfservice.finish-applications';
/** The kinds a sweep carries out (an instalment request waits for people in the console anyway). */
export const SWEPT_KINDS: readonly ApplicationKind[] = ['plan_change', 'refusal'];
const EVERY_MS = 60_000;
const BATCH = 50;
/** How long a dialog's reply may take to leave after billing answered, before the sweep tells the subscriber itself. */
const ANSWER_MS = 2 * 60_000;

/** What became of an application the sweep carried out, for the chat. */
export type ApplicationFinished =
  | { kind: 'plan_change'; application: Application; result: Result<PlanChangeOrder> }
  | { kind: 'refusal'; application: Application; result: Result<{ order: RefusalOrder; ticket: Ticket }> };

export type ApplicationFinishedListener = (event: ApplicationFinished) => void | Promise<void>;

export interface CarryOut {
  planChange(application: Application): Promise<Result<PlanChangeOrder>>;
  refusal(application: Application): Promise<Result<{ order: RefusalOrder; ticket: Ticket }>>;
}

/**
 * Carries out applications, one at a time each within a process, and marks them done. The dialog that signed an
 * application calls `run` and answers the chat itself; the sweep tells the chat through the listeners.
 */
export class ApplicationFinisher {
  private readonly inFlight = new Set<string>();
  /** Carried out for a dialog whose answer has not left yet (since when): the sweep leaves them to it for a while. */
  private readonly answering = new Map<string, number>();
  private readonly listeners = new Set<ApplicationFinishedListener>();

  constructor(private readonly deps: { store: { applications: ApplicationRepository }; clock: Clock; logger: Logger; carryOut: CarryOut }) {}

  onFinished(listener: ApplicationFinishedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Carries out one application for the dialog that signed it, which answers the chat and then calls `answered`
   * (not marked done before: a crash before the answer left leaves the application to the sweep, which tells them).
   */
  async run(application: Application): Promise<ApplicationFinished> {
    const event = await this.carry(application);
    this.answering.set(application.id, Date.now());
    return event;
  }

  /** The subscriber's chat was given what became of the application (`run`): it is done. */
  async answered(applicationId: string): Promise<void> {
    await this.deps.store.applications.markDone(applicationId, this.deps.clock.now());
    this.answering.delete(applicationId);
  }

  /**
   * Carries out the applications signed before `signedBefore` that a crash left undone, tells each subscriber, then
   * marks each done (a kill between the message and the mark repeats the message: the one repeat that cannot be
   * avoided). Returns how many it finished.
   */
  async sweep(signedBefore: Date): Promise<number> {
    const { store, clock, logger } = this.deps;
    let finished = 0;
    for (const application of await store.applications.listUndone(SWEPT_KINDS, signedBefore, BATCH)) {
      if (this.inFlight.has(application.id)) continue; // its dialog is still at it (billing may be slow)
      const answering = this.answering.get(application.id);
      if (answering !== undefined && Date.now() - answering < ANSWER_MS) continue; // its dialog's reply is on its way
      this.answering.delete(application.id);
      try {
        const event = await this.carry(application);
        logger.info({ applicationId: application.id, kind: application.kind, ok: event.result.ok }, 'interrupted application carried out');
        for (const listener of this.listeners) {
          try {
            await listener(event);
          } catch (err) {
            logger.error({ err, applicationId: application.id }, 'application listener failed');
          }
        }
        if (await store.applications.markDone(application.id, clock.now())) finished += 1;
      } catch (err) {
        logger.warn({ err, applicationId: application.id }, 'could not carry out a signed application yet; next sweep retries');
      }
    }
    return finished;
  }

  private async carry(application: Application): Promise<ApplicationFinished> {
    this.inFlight.add(application.id);
    try {
      return application.kind === 'refusal'
        ? { kind: 'refusal', application, result: await this.deps.carryOut.refusal(application) }
        : { kind: 'plan_change', application, result: await this.deps.carryOut.planChange(application) };
    } finally {
      this.inFlight.delete(application.id);
    }
  }
}

/** Registers the sweep on the scheduler, due at every start and every minute; `afterMs`: how long a step may take. */
export async function registerApplicationSweep(scheduler: Scheduler, finisher: ApplicationFinisher, clock: Clock, afterMs: number): Promise<void> {
  await scheduleEvery(scheduler, { kind: FINISH_APPLICATIONS_JOB, everyMs: EVERY_MS, clock, runAtStart: true }, async () => {
    await finisher.sweep(new Date(clock.now().getTime() - afterMs));
  });
}

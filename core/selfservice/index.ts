/**
 * @module Self-service journeys' use cases (journeys 3, 4, 5, 7, 9): what the bot asks of core for balance,
 * payment, Megaline plan change, refusal of services and notification settings. Rules stay in core/accounts,
 * core/billing and core/payments; this module composes them and turns signed applications into orders.
 * `createSelfService` binds them for main.ts; dialogs reach them as `ctx.services.selfService`.
 */
import type { BillingPort, PlanChangeOrder, RefusalOrder, Result } from '../billing/port.ts';
import { startOfDay } from '../billing/calendar.ts';
import type { Logger } from '../logging/logger.ts';
import type { PaymentService } from '../payments/service.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { PersonalAccount } from '../accounts/model.ts';
import type { Application } from '../applications/model.ts';
import type { NewTicket, Ticket } from '../tickets/index.ts';
import type { InstalmentAgreement } from '../instalments/model.ts';
import { orderSignedPlanChange, orderSignedRefusal, requestInstalment, type OrderDeps } from './orders.ts';
import { ApplicationFinisher } from './finish-applications.ts';
import type { Clock } from '../ports/clock.ts';
import type { SelfServiceRepositories } from './repository.ts';

export { parseAmount } from './amount.ts';
export { parseIban } from './iban.ts';
export { retentionOffer, type RetentionOffer } from './retention.ts';
export { mayRequestInstalment, wayOut, type WayOut } from './way-out.ts';
export { orderRestrictions, type Restriction } from './restrictions.ts';
export { ApplicationFinisher, registerApplicationSweep, type ApplicationFinished } from './finish-applications.ts';
export { EQUIPMENT_RETURN_OPTIONS, readRefusalPayload, type EquipmentReturnOption, type RefusalPayload } from './orders.ts';

/** Job kind: a plan change ordered for a later date has taken effect; the subscriber is told (notifications). */
export const PLAN_EFFECTIVE_JOB = 'selfservice.plan_effective';
/** Told at 10:00 Almaty on the effective date: after billing's night run, and not in the middle of the night. */
const PLAN_NOTICE_HOUR = 10;

export interface SelfServiceDeps {
  store: SelfServiceRepositories;
  billing: BillingPort;
  payments: PaymentService;
  logger: Logger;
  scheduler: Pick<Scheduler, 'schedule'>;
  clock: Clock;
  openTicket: (input: NewTicket) => Promise<Ticket>;
}

export interface SelfService {
  billing: BillingPort;
  payments: PaymentService;
  /** The subscriber's personal accounts, in number order. */
  accounts(subscriberId: string): Promise<PersonalAccount[]>;
  /**
   * Orders the plan change a signed application agreed to; a change for a later date is followed by a notification.
   * The caller tells the subscriber what came of it, then calls `answered` (until then a sweep may tell them itself).
   */
  orderPlanChange(application: Application): Promise<Result<PlanChangeOrder>>;
  /** Registers a signed refusal and opens the back-office ticket; `answered` once the subscriber was told. */
  orderRefusal(application: Application): Promise<Result<{ order: RefusalOrder; ticket: Ticket }>>;
  /** The subscriber was told what became of the signed application: it is done (not carried out again). */
  answered(applicationId: string): Promise<void>;
  /** Records a signed instalment request and opens the back-office ticket. */
  requestInstalment(application: Application): Promise<Result<{ ticket: Ticket; agreement: InstalmentAgreement }>>;
  /** Mutes or unmutes non-essential messages (reminders, surveys, "plan applied"); receipts always arrive. */
  setNotificationsMuted(subscriberId: string, muted: boolean): Promise<void>;
  /** Carries out the signed applications a crash interrupted (registered on the scheduler by main.ts). */
  finisher: ApplicationFinisher;
}

export function createSelfService(deps: SelfServiceDeps): SelfService {
  const orderDeps: OrderDeps = { store: deps.store, billing: deps.billing, logger: deps.logger, openTicket: deps.openTicket };
  const finisher = new ApplicationFinisher({
    store: deps.store, clock: deps.clock, logger: deps.logger,
    carryOut: {
      async planChange(application) {
        const order = await orderSignedPlanChange(orderDeps, application);
        if (order.ok && !order.value.applied) {
          const noticeAt = new Date(startOfDay(order.value.quote.effectiveDate).getTime() + PLAN_NOTICE_HOUR * 3_600_000);
          await deps.scheduler.schedule(PLAN_EFFECTIVE_JOB, `plan-effective:${order.value.orderId}`, noticeAt, {
            subscriberId: application.subscriberId, accountNumber: order.value.quote.accountNumber, toPlanId: order.value.quote.toPlanId,
          });
        }
        return order;
      },
      refusal: (application) => orderSignedRefusal(orderDeps, application),
    },
  });
  return {
    billing: deps.billing,
    payments: deps.payments,
    finisher,
    accounts: (subscriberId) => deps.store.accounts.listBySubscriber(subscriberId),
    async orderPlanChange(application) {
      const event = await finisher.run(application);
      return event.kind === 'plan_change' ? event.result : { ok: false, reason: 'selfservice:error.wrongApplication' };
    },
    async orderRefusal(application) {
      const event = await finisher.run(application);
      return event.kind === 'refusal' ? event.result : { ok: false, reason: 'selfservice:error.wrongApplication' };
    },
    answered: (applicationId) => finisher.answered(applicationId),
    requestInstalment: (application) => requestInstalment(orderDeps, application),
    setNotificationsMuted: (subscriberId, muted) => deps.store.subscribers.setNotificationsMuted(subscriberId, muted),
  };
}

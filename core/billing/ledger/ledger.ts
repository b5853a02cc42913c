/**
 * @module The built-in billing ledger (`BILLING_PROVIDER=ledger`): the `BillingPort` over our own store, applying the
 * contract rules of core/accounts, core/plans and core/refusal. It stands in for the operator's billing until that
 * one is connected over HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import type { PersonalAccount } from '../../accounts/model.ts';
import { checkOperation } from '../../accounts/operations.ts';
import { moneyDrivenTransition } from '../../accounts/transitions.ts';
import { moveStatus, type StatusMoveDeps } from '../../accounts/move.ts';
import { completeWholeRefusal } from '../../refusal/complete.ts';
import { openRestoration } from './restoration.ts';
import { timersOn, type JobScheduler } from '../../scheduler/scheduler.ts';
import { viewAgreement } from '../../instalments/rules.ts';
import type { Logger } from '../../logging/logger.ts';
import { otherAccountsDebt, type DebtPosition, type PastDueMoney } from '../../accounts/preconditions.ts';
import { MEGALINE_PLANS, SERVICE_MONTHLY_FEES, findPlan } from '../../plans/catalogue.ts';
import { planUnavailableReason, quotePlanChange, type PlanChangeContext } from '../../plans/quote.ts';
import { quoteRefusal, validateRefusalApplication, type RefusalContext } from '../../refusal/refusal.ts';
import type {
  Balance, BillingPort, BillingSubscriber, PaymentInput, PaymentReceipt, PlanChangeOrder,
  PlanChangeOrderInput, PlanChangeQuote, PlanOption, RefusalOrder, RefusalOrderInput, RefusalQuote, RefusalQuoteInput, Result,
} from '../port.ts';
import type { Invoice, LedgerPayment, Plan } from '../model.ts';
import { almatyDate, almatyMonth, DEFAULT_HOLIDAY_DATES, holidayDates } from '../calendar.ts';
import { CHARGED_STATUSES, feeInvoice, nextDueDate, type AdvanceOverdueRule } from '../invoicing.ts';

export { feeInvoice } from '../invoicing.ts';
import { accountFacts, readPosition, type Position } from './position.ts';
import { carryOutPlanChange, placedPlanChange, placedRefusal, placedQuote, refusalAnswer } from './placed-orders.ts';
import type { LedgerRepositories } from '../repository.ts';
import { summarize } from './summary.ts';

export { RESTORE_AT_LATEST_MS, RESTORE_WITHIN_MS } from './restoration.ts';

export interface LedgerOptions {
  /** Upgrades take effect the same day instead of on the 1st of next month (PRODUCT.md default: off). */
  immediateUpgrades?: boolean;
  /** When an advance-method charge is late (`ADVANCE_OVERDUE_RULE`; seed 001 status 5 by default). */
  advanceOverdueRule?: AdvanceOverdueRule;
  /** Days after a refusal's termination date before unreturned equipment is charged (`EQUIPMENT_RETURN_GRACE_DAYS`). */
  equipmentGraceDays?: number;
  /** The business calendar's rest days in force (Settings → SLA); Kazakhstan's holidays when not given. */
  holidays?: () => Promise<ReadonlyArray<{ date: string }>>;
  /** Where a refused status move is reported (seed 001 cl. 5); silent when not given. */
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** The product's scheduler, which sets the restoration timers; timers on this store when not given. */
  scheduler?: JobScheduler;
}

const SILENT: Pick<Logger, 'warn' | 'info'> = { warn: () => undefined, info: () => undefined };

export class LedgerBilling implements BillingPort {
  constructor(
    private readonly store: LedgerRepositories,
    private readonly clock: Clock,
    private readonly options: LedgerOptions = {},
  ) {}

  /** The catalogue in the store, or the built-in one when the store has none. */
  async plans(): Promise<readonly Plan[]> {
    const stored = await this.store.billing.listPlans();
    return stored.length > 0 ? stored : MEGALINE_PLANS;
  }

  async findSubscriberByPhone(phone: string): Promise<BillingSubscriber | null> {
    const subscriber = await this.store.subscribers.findByPhone(phone);
    if (!subscriber) return null;
    const plans = await this.plans();
    const accounts = await this.store.accounts.listBySubscriber(subscriber.id);
    return {
      subscriberId: subscriber.id,
      fullName: subscriber.fullName,
      category: subscriber.category,
      accounts: accounts.map((a) => summarize(a, plans)),
    };
  }

  async getBalance(accountNumber: string): Promise<Balance | null> {
    const account = await this.store.accounts.findByNumber(accountNumber);
    if (!account) return null;
    return this.balanceOf(account, await readPosition(this.store, account, this.clock.now()));
  }

  async registerPayment(input: PaymentInput): Promise<Result<PaymentReceipt>> {
    if (!Number.isSafeInteger(input.amountTiyn) || input.amountTiyn <= 0) return { ok: false, reason: 'rules:payment.invalidAmount' };
    const account = await this.store.accounts.findByNumber(input.accountNumber);
    if (!account) return { ok: false, reason: 'rules:payment.unknownAccount' };
    const known = (await this.store.billing.listPayments(account.id)).find((p) => p.externalId === input.externalId);
    if (known) return this.receipt(account, known, input, false);
    const allowed = checkOperation(account.status, 'acceptPayment');
    if (!allowed.ok) return { ok: false, reason: allowed.reason };
    const now = this.clock.now();
    const { created, payment } = await this.store.billing.addPayment({
      id: randomUUID(), externalId: input.externalId, accountId: account.id, kind: 'payment',
      amountTiyn: input.amountTiyn, paidAt: input.paidAt, registeredAt: now,
    });
    if (!created) return this.receipt(account, payment, input, false);
    await this.applyMoneyTransition(account, payment, now);
    // The payment that settles a whole-contract refusal's debt completes it (cl. 13).
    const moved = await this.store.accounts.get(account.id);
    if (moved) {
      await completeWholeRefusal({
        store: this.store, logger: this.options.logger ?? SILENT,
        equipmentGraceDays: this.options.equipmentGraceDays, advanceOverdueRule: this.options.advanceOverdueRule,
      }, moved, now);
    }
    return this.receipt((await this.store.accounts.get(account.id)) ?? account, payment, input, true);
  }

  async listPlans(accountNumber: string): Promise<Result<PlanOption[]>> {
    const ctx = await this.planContext(accountNumber);
    if (!ctx.ok) return ctx;
    return {
      ok: true,
      value: ctx.value.plans.map((plan) => ({
        planId: plan.id, name: plan.name, downKbps: plan.downKbps, upKbps: plan.upKbps, includedMb: plan.includedMb,
        monthlyFeeTiyn: plan.monthlyFeeTiyn, connectionFeeTiyn: plan.connectionFeeTiyn, demoPrice: plan.demoPrice,
        current: plan.id === ctx.value.context.currentPlan?.id,
        unavailableReason: planUnavailableReason(ctx.value.context, plan)?.reason ?? null,
      })),
    };
  }

  async quotePlanChange(accountNumber: string, toPlanId: string): Promise<Result<PlanChangeQuote>> {
    const ctx = await this.planContext(accountNumber);
    if (!ctx.ok) return ctx;
    const to = findPlan(ctx.value.plans, toPlanId);
    if (!to) return { ok: false, reason: 'rules:plan.unknownPlan' };
    return quotePlanChange(ctx.value.context, to);
  }

  async orderPlanChange(input: PlanChangeOrderInput): Promise<Result<PlanChangeOrder>> {
    const deps = { store: this.store, clock: this.clock, advanceOverdueRule: this.options.advanceOverdueRule };
    const placed = await placedPlanChange(this.store, input.accountNumber, input.applicationId);
    if (placed) return { ok: true, value: await carryOutPlanChange(deps, placed, placedQuote(placed, input.accountNumber)) };
    const quoted = await this.quotePlanChange(input.accountNumber, input.toPlanId);
    if (!quoted.ok) return quoted;
    const quote = quoted.value;
    if (quote.quoteId !== input.quoteId) return { ok: false, reason: 'rules:plan.quoteChanged' };
    const account = (await this.store.accounts.findByNumber(input.accountNumber))!;
    const { order } = await this.store.billing.addPlanChange({
      id: randomUUID(), accountId: account.id, fromPlanId: quote.fromPlanId, toPlanId: quote.toPlanId, feeTiyn: quote.feeTiyn,
      effectiveDate: quote.effectiveDate, quoteId: quote.quoteId, applicationId: input.applicationId, orderedAt: this.clock.now(), appliedAt: null,
      quote,
    });
    return { ok: true, value: await carryOutPlanChange(deps, order, quote) };
  }

  async quoteRefusal(input: RefusalQuoteInput): Promise<Result<RefusalQuote>> {
    const ctx = await this.refusalContext(input.accountNumber);
    if (!ctx) return { ok: false, reason: 'rules:payment.unknownAccount' };
    return quoteRefusal(ctx, input);
  }

  async orderRefusal(input: RefusalOrderInput): Promise<Result<RefusalOrder>> {
    const placed = await placedRefusal(this.store, input.accountNumber, input.applicationId);
    if (placed?.quote) return { ok: true, value: refusalAnswer(placed, placed.quote) };
    const quoted = await this.quoteRefusal(input);
    if (!quoted.ok) return quoted;
    if (placed) return { ok: true, value: refusalAnswer(placed, quoted.value) };
    const quote = quoted.value;
    if (quote.quoteId !== input.quoteId) return { ok: false, reason: 'rules:refusal.quoteChanged' };
    const valid = validateRefusalApplication(input, quote);
    if (!valid.ok) return valid;
    const account = (await this.store.accounts.findByNumber(input.accountNumber))!;
    const { order } = await this.store.billing.addRefusal({
      id: randomUUID(), accountId: account.id, services: quote.services, wholeContract: quote.wholeContract,
      terminationDate: quote.terminationDate, reason: valid.reason, reasonText: input.reasonText?.trim() || null,
      refundTo: quote.refund ? (input.refundTo ?? null) : null, debtTiyn: quote.debtToSettleTiyn,
      refundTiyn: quote.refund?.amountTiyn ?? 0, quoteId: quote.quoteId, applicationId: input.applicationId,
      orderedAt: this.clock.now(), appliedAt: null, quote,
    });
    return { ok: true, value: refusalAnswer(order, quote) };
  }

  // === Internals shared with the daily job

  /** Moves the status a payment allows (seed 001) and, for a disconnected account, opens the restoration (cl. 31(13)). */
  async applyMoneyTransition(account: PersonalAccount, payment: LedgerPayment, now: Date): Promise<void> {
    const position = await readPosition(this.store, account, now);
    const to = moneyDrivenTransition(accountFacts(account, position));
    if (!to || !(await moveStatus(this.moves(), account, to, 'money', now)).ok) return;
    // Access is reopened only where there are services to reopen (a refused contract waiting for its debt has none).
    if (account.status === 'disconnected' && account.services.length > 0) {
      await openRestoration({ billing: this.store.billing, timers: this.options.scheduler ?? timersOn(this.store) }, account.id, payment.externalId, now);
    }
  }

  /** What `moveStatus` needs: the account repository and where to report a refused move. */
  moves(): StatusMoveDeps {
    return { accounts: this.store.accounts, logger: this.options.logger ?? SILENT };
  }

  private async receipt(account: PersonalAccount, payment: LedgerPayment, input: PaymentInput, firstTime: boolean): Promise<Result<PaymentReceipt>> {
    if (payment.accountId !== account.id || payment.amountTiyn !== input.amountTiyn) return { ok: false, reason: 'rules:payment.externalIdConflict' };
    const now = this.clock.now();
    const position = await readPosition(this.store, account, now);
    const allocation = position.snapshot.allocations.get(payment.id) ?? { collectionCostsTiyn: 0, penaltyTiyn: 0, overdueTiyn: 0, currentTiyn: 0, creditTiyn: payment.amountTiyn };
    const restoration = await this.store.billing.getRestoration(`restore:${account.id}:${payment.externalId}`);
    return {
      ok: true,
      value: {
        externalId: payment.externalId, accountNumber: account.number, amountTiyn: payment.amountTiyn, paidAt: payment.paidAt,
        firstTime, allocation, balance: await this.balanceOf(account, position),
        restoration: restoration ? { restoreBy: restoration.restoreBy, latestBy: restoration.latestBy } : null,
      },
    };
  }

  private async balanceOf(account: PersonalAccount, position: Position): Promise<Balance> {
    const t = position.totals;
    const plans = await this.plans();
    const lastPayments = position.payments.filter((p) => p.kind === 'payment').slice(-5).reverse()
      .map((p) => ({ externalId: p.externalId, amountTiyn: p.amountTiyn, paidAt: p.paidAt }));
    const charged = CHARGED_STATUSES.includes(account.status);
    return {
      ...summarize(account, plans),
      asOf: position.snapshot.asOf,
      currentDebtTiyn: t.currentDebtTiyn,
      overdueDebtTiyn: t.overdueDebtTiyn,
      penaltyTiyn: t.penaltyTiyn,
      collectionCostsTiyn: t.collectionCostsTiyn,
      creditTiyn: t.creditTiyn,
      totalDueTiyn: t.totalDueTiyn,
      dueDate: t.oldestUnpaidDueDate ?? (charged ? nextDueDate(account.billingMethod, position.snapshot.asOf) : null),
      lastPayments,
    };
  }

  private async debtPosition(account: PersonalAccount, position: Position): Promise<DebtPosition> {
    const others: PastDueMoney[] = [];
    for (const other of await this.store.accounts.listBySubscriber(account.subscriberId)) {
      if (other.id !== account.id) others.push((await readPosition(this.store, other, position.snapshot.asOf)).totals);
    }
    const otherAccountsDebtTiyn = otherAccountsDebt(others);
    const t = position.totals;
    // Seed 001 status 6: under a kept instalment agreement "extra services may be added": the debt it covers is not
    // counted against orders; what falls due after the conclusion is.
    const active = (await this.store.instalments.listByAccount(account.id)).find((a) => a.status === 'active');
    const view = active ? viewAgreement(active, position, position.snapshot.asOf) : null;
    if (view && !view.missed) return { overdueDebtTiyn: 0, penaltyTiyn: 0, collectionCostsTiyn: 0, otherAccountsDebtTiyn };
    return { overdueDebtTiyn: t.overdueDebtTiyn, penaltyTiyn: t.penaltyTiyn, collectionCostsTiyn: t.collectionCostsTiyn, otherAccountsDebtTiyn };
  }

  private async planContext(accountNumber: string): Promise<Result<{ plans: readonly Plan[]; context: PlanChangeContext }>> {
    const account = await this.store.accounts.findByNumber(accountNumber);
    if (!account) return { ok: false, reason: 'rules:payment.unknownAccount' };
    const subscriber = await this.store.subscribers.get(account.subscriberId);
    const now = this.clock.now();
    const plans = await this.plans();
    const position = await readPosition(this.store, account, now);
    const pending = (await this.store.billing.listPlanChanges(account.id)).find((o) => !o.appliedAt) ?? null;
    return {
      ok: true,
      value: {
        plans,
        context: {
          accountNumber, status: account.status, category: subscriber?.category ?? 'individual',
          currentPlan: findPlan(plans, account.planId),
          termContractUntil: account.termContractUntil ? almatyDate(account.termContractUntil) : null,
          debt: await this.debtPosition(account, position),
          pendingChange: pending ? { toPlanId: pending.toPlanId, effectiveDate: pending.effectiveDate } : null,
          now, immediateUpgrades: this.options.immediateUpgrades ?? false,
        },
      },
    };
  }

  private async refusalContext(accountNumber: string): Promise<RefusalContext | null> {
    const account = await this.store.accounts.findByNumber(accountNumber);
    if (!account) return null;
    const now = this.clock.now();
    const plans = await this.plans();
    const position = await readPosition(this.store, account, now);
    const t = position.totals;
    const plan = findPlan(plans, account.planId);
    const otherAccounts: RefusalContext['otherAccounts'] = [];
    for (const other of await this.store.accounts.listBySubscriber(account.subscriberId)) {
      if (other.id === account.id) continue;
      const p = await readPosition(this.store, other, now);
      otherAccounts.push({ accountNumber: other.number, debtTiyn: p.totals.totalDueTiyn });
    }
    return {
      accountNumber, status: account.status, accountServices: account.services,
      serviceFeesTiyn: { ...SERVICE_MONTHLY_FEES, ...(plan ? { megaline: plan.monthlyFeeTiyn } : {}) },
      chargedInArrears: account.billingMethod === 'credit' && CHARGED_STATUSES.includes(account.status),
      unpaidTiyn: t.collectionCostsTiyn + t.penaltyTiyn + t.overdueDebtTiyn + t.currentDebtTiyn,
      creditTiyn: t.creditTiyn,
      equipment: await this.store.billing.listEquipment(account.id),
      otherAccounts,
      termContractUntil: account.termContractUntil ? almatyDate(account.termContractUntil) : null,
      now,
      holidays: this.options.holidays ? holidayDates(await this.options.holidays()) : DEFAULT_HOLIDAY_DATES,
    };
  }
}

/**
 * @module The account jobs: a daily sweep (shortly after Almaty midnight) that issues the month's invoices, applies
 * plan changes and refusals that fall due, and moves statuses by time (seed 001); and the restoration jobs of
 * cl. 31(13). Every step is idempotent, and the jobs live in the store, so a sweep missed while the process was down
 * runs on the first tick after start.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { PersonalAccount } from './model.ts';
import type { LedgerRepositories } from '../billing/repository.ts';
import { ACCOUNT_STATUSES } from './status.ts';
import { moveStatus } from './move.ts';
import { DEFAULT_STATUS_POLICY, moneyDrivenTransition, timeDrivenTransition, type StatusPolicy } from './transitions.ts';
import { addDays, almatyDate, startOfDay } from '../billing/calendar.ts';
import { CHARGED_STATUSES, invoicePeriodAt, monthlyInvoice } from '../billing/invoicing.ts';
import { readPosition } from '../billing/ledger/position.ts';
import { agreementFacts } from '../instalments/facts.ts';
import { feeInvoice, LedgerBilling } from '../billing/ledger/ledger.ts';
import { accruedUntil } from '../refusal/refusal.ts';
import { completeWholeRefusal, type CompletionDeps } from '../refusal/complete.ts';
import { SERVICE_MONTHLY_FEES, findPlan } from '../plans/catalogue.ts';

export const DAILY_JOB = 'accounts.daily';
/** Minutes after Almaty midnight the daily sweep runs. */
const SWEEP_MINUTE = 5;

export interface AccountJobDeps {
  /** The daily sweep runs the ledger over every account, so it works on the ledger's repositories. */
  store: LedgerRepositories;
  clock: Clock;
  logger: Logger;
  /** DISCONNECT_AFTER_DAYS, PLAN_UPGRADE_IMMEDIATE and ADVANCE_OVERDUE_RULE are read from here when given. */
  config?: Partial<Pick<Config, 'DISCONNECT_AFTER_DAYS' | 'PLAN_UPGRADE_IMMEDIATE' | 'ADVANCE_OVERDUE_RULE' | 'EQUIPMENT_RETURN_GRACE_DAYS'>>;
  /** Overrides the status policy (tests). */
  policy?: StatusPolicy;
}

export interface SweepReport {
  invoicesIssued: number;
  transitions: number;
  planChangesApplied: number;
  refusalsApplied: number;
}

/** The due time of the sweep for an Almaty date. */
export const sweepTimeOf = (date: string): Date => new Date(startOfDay(date).getTime() + SWEEP_MINUTE * 60_000);

/**
 * Registers the handlers with the scheduler and makes sure today's sweep is scheduled. Call once at start.
 * The daily job schedules the next day's run itself (its key carries the date, so runs never collide).
 */
export async function registerAccountJobs(scheduler: Scheduler, deps: AccountJobDeps): Promise<void> {
  const { store, clock, logger } = deps;
  scheduler.on(DAILY_JOB, async (job) => {
    const date = String(job.payload.date ?? almatyDate(clock.now()));
    const report = await runDailySweep(deps);
    logger.info({ date, ...report }, 'account sweep done');
    // A run that fired late (the process was down) continues from today, so the chain never replays missed days:
    // the sweep already caught up, and both chains meet on the same key.
    const today = almatyDate(clock.now());
    const next = addDays(date > today ? date : today, 1);
    await scheduler.schedule(DAILY_JOB, `${DAILY_JOB}:${next}`, sweepTimeOf(next), { date: next });
  });
  scheduler.on('billing.restore', async (job) => {
    // The ledger's stand-in for network provisioning: access is back once the scheduler gets to it.
    await store.billing.markRestoration(String(job.payload.id), 'restoredAt', clock.now());
  });
  scheduler.on('billing.restoration-check', async (job) => {
    const id = String(job.payload.id);
    const restoration = await store.billing.getRestoration(id);
    if (!restoration || restoration.restoredAt) return;
    const stage = job.payload.stage === 'breach' ? 'breachedAt' : 'flaggedAt';
    if (await store.billing.markRestoration(id, stage, clock.now())) {
      logger.warn({ restorationId: id, stage }, 'access not restored in time after full payment (cl. 31(13))');
    }
  });
  const today = almatyDate(clock.now());
  if (!(await store.jobs.getPending(`${DAILY_JOB}:${today}`)) && !(await store.jobs.getPending(`${DAILY_JOB}:${addDays(today, 1)}`))) {
    await scheduler.schedule(DAILY_JOB, `${DAILY_JOB}:${today}`, clock.now(), { date: today });
  }
}

/** One pass over every account. Running it twice in a row changes nothing the second time. */
export async function runDailySweep(deps: AccountJobDeps): Promise<SweepReport> {
  const { store, clock } = deps;
  const now = clock.now();
  const today = almatyDate(now);
  const policy = deps.policy ?? { ...DEFAULT_STATUS_POLICY, disconnectAfterDays: deps.config?.DISCONNECT_AFTER_DAYS ?? DEFAULT_STATUS_POLICY.disconnectAfterDays };
  const advanceRule = deps.config?.ADVANCE_OVERDUE_RULE ?? 'seed';
  const ledger = new LedgerBilling(store, clock, { immediateUpgrades: deps.config?.PLAN_UPGRADE_IMMEDIATE ?? false, logger: deps.logger, advanceOverdueRule: advanceRule });
  const plans = await ledger.plans();
  const report: SweepReport = { invoicesIssued: 0, transitions: 0, planChangesApplied: 0, refusalsApplied: 0 };

  for (const order of await store.billing.listDuePlanChanges(today, 10_000)) {
    await store.accounts.setPlan(order.accountId, order.toPlanId);
    if (await store.billing.markPlanChangeApplied(order.id, now)) report.planChangesApplied += 1;
  }

  for (const order of await store.billing.listDueRefusals(today, 10_000)) {
    const account = await store.accounts.get(order.accountId);
    if (!account) continue;
    await applyRefusal(deps, account, order, now, plans);
    if (await store.billing.markRefusalApplied(order.id, now)) report.refusalsApplied += 1;
    const after = await store.accounts.get(order.accountId);
    if (after) await completeWholeRefusal(completionDeps(deps), after, now);
  }

  for (const status of ACCOUNT_STATUSES) {
    if (status === 'archive' || status === 'closed_doubtful_debt') continue;
    let after = '';
    for (;;) {
      const page = await store.accounts.listByStatus(status, 500, after);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      for (const account of page) {
        if (CHARGED_STATUSES.includes(account.status)) {
          const invoice = monthlyInvoice(account, findPlan(plans, account.planId), invoicePeriodAt(account.billingMethod, now), advanceRule);
          if (invoice && (await store.billing.addInvoice(invoice))) report.invoicesIssued += 1;
        }
        report.transitions += await settleStatus(store, deps.logger, account, now, policy);
        // A whole-contract refusal waiting for its debt (or equipment) completes once the condition holds (cl. 13).
        if (account.services.length === 0 && !account.closedAt) {
          const fresh = await store.accounts.get(account.id);
          if (fresh && (await completeWholeRefusal(completionDeps(deps), fresh, now))) report.transitions += 1;
        }
      }
      if (page.length < 500) break;
    }
  }
  return report;
}

/** Applies time- and money-driven moves until the account rests. Returns how many moves were made. */
async function settleStatus(store: LedgerRepositories, logger: Logger, start: PersonalAccount, now: Date, policy: StatusPolicy): Promise<number> {
  let account = start;
  let moves = 0;
  for (let i = 0; i < 4; i += 1) {
    const facts = await agreementFacts({ store, logger }, account, await readPosition(store, account, now), now);
    const byMoney = moneyDrivenTransition(facts);
    const to = byMoney ?? timeDrivenTransition(facts, now, policy);
    if (!to || !(await moveStatus({ accounts: store.accounts, logger }, account, to, byMoney ? 'money' : 'time', now)).ok) break;
    moves += 1;
    account = { ...account, status: to, statusSince: now };
  }
  return moves;
}

/** Refusal on its termination date: the month so far charged, services removed; a whole contract then completes (cl. 13). */
async function applyRefusal(
  deps: AccountJobDeps, account: PersonalAccount, order: import('../billing/model.ts').RefusalOrder, now: Date,
  plans: readonly import('../billing/model.ts').Plan[],
): Promise<void> {
  const { store } = deps;
  const remaining = account.services.filter((s) => !order.services.includes(s));
  const plan = findPlan(plans, account.planId);
  if (account.billingMethod === 'credit' && CHARGED_STATUSES.includes(account.status)) {
    const fees = { ...SERVICE_MONTHLY_FEES, ...(plan ? { megaline: plan.monthlyFeeTiyn } : {}) };
    const amount = accruedUntil(order.services, fees, order.terminationDate);
    if (amount > 0) await store.billing.addInvoice(feeInvoice(account, `final:${order.id}`, 'month-to-termination', amount, now, deps.config?.ADVANCE_OVERDUE_RULE));
  }
  await store.accounts.setServices(account.id, remaining);
}

/** What `completeWholeRefusal` needs from the job's dependencies. */
export function completionDeps(deps: AccountJobDeps): CompletionDeps {
  return {
    store: deps.store, logger: deps.logger,
    equipmentGraceDays: deps.config?.EQUIPMENT_RETURN_GRACE_DAYS, advanceOverdueRule: deps.config?.ADVANCE_OVERDUE_RULE,
  };
}

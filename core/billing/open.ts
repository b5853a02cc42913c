/** @module Picks the billing adapter from configuration: the built-in ledger (default) or the operator's billing over HTTP. */
import type { Config } from '../config/config.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { JobScheduler } from '../scheduler/scheduler.ts';
import type { SlaRepositories } from '../sla/repository.ts';
import type { LedgerRepositories } from './repository.ts';
import type { BillingPort } from './port.ts';
import { LedgerBilling } from './ledger/ledger.ts';
import { HttpBilling } from './http/http-billing.ts';
import { loadSlaPolicy } from '../sla/policy.ts';

/** The `BillingPort` main.ts hands to the bot and the console. */
export function openBilling(config: Config, store: LedgerRepositories & SlaRepositories, clock: Clock, logger?: Logger, scheduler?: JobScheduler): BillingPort {
  if (config.BILLING_PROVIDER === 'http') {
    return new HttpBilling({ baseUrl: config.BILLING_URL!, token: config.BILLING_TOKEN, timeoutMs: config.BILLING_TIMEOUT_MS });
  }
  return new LedgerBilling(store, clock, {
    immediateUpgrades: config.PLAN_UPGRADE_IMMEDIATE,
    advanceOverdueRule: config.ADVANCE_OVERDUE_RULE,
    equipmentGraceDays: config.EQUIPMENT_RETURN_GRACE_DAYS,
    logger,
    ...(scheduler ? { scheduler } : {}),
    // One business calendar: the holidays an administrator keeps in Settings → SLA count for refunds too (cl. 21(2)).
    holidays: async () => (await loadSlaPolicy(store, config)).calendar.holidays,
  });
}

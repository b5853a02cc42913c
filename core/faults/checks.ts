/**
 * @module What the bot checks before opening a fault ticket (PRODUCT.md journey 6): is the account disconnected for
 * debt (then pay, cl. 33(5), 31(13)); is there planned work or a known accident at the address (cl. 33(3), 36(7));
 * is a Megaline Hit line throttled after 7 GB this month (seed 000, note 2). The first finding explains the fault.
 */
import type { PersonalAccount } from '../accounts/model.ts';
import type { BillingRepository, OutageRepository } from '../billing/repository.ts';
import type { InstalmentRepository } from '../instalments/repository.ts';
import type { Outage, Plan } from '../billing/model.ts';
import { addMonths, almatyMonth, firstOfMonth } from '../billing/calendar.ts';
import { readPosition } from '../billing/ledger/position.ts';
import { MEGALINE_PLANS, findPlan } from '../plans/catalogue.ts';

export type PreTicketFinding =
  | { kind: 'disconnected_for_debt'; reason: 'rules:fault.disconnectedForDebt'; amountTiyn: number }
  | { kind: 'outage'; reason: 'rules:fault.plannedWorks' | 'rules:fault.knownOutage'; outageId: string; endsAt: Date | null }
  | { kind: 'hit_throttled'; reason: 'rules:fault.hitThrottled'; usedMb: number; restoresOn: string; downKbps: number };

/** Whether an outage covers this address (region match plus an optional address prefix) and this service. */
export function outageCovers(outage: Outage, account: Pick<PersonalAccount, 'region' | 'address'>, service: string): boolean {
  if (outage.region !== account.region) return false;
  if (outage.services.length > 0 && !outage.services.includes(service)) return false;
  return !outage.addressPrefix || account.address.toLowerCase().startsWith(outage.addressPrefix.toLowerCase());
}

/** Hit above its monthly threshold: throttled until the 1st of next month. */
export function hitThrottle(plan: Plan | null, usedMb: number, now: Date): { restoresOn: string; downKbps: number } | null {
  if (!plan?.throttle || usedMb <= plan.throttle.aboveMb) return null;
  return { restoresOn: firstOfMonth(addMonths(almatyMonth(now), 1)), downKbps: plan.throttle.downKbps };
}

/** The repositories the checks read (an instalment agreement changes what is owed). */
export interface FaultCheckReads {
  billing: BillingRepository;
  outages: OutageRepository;
  instalments: InstalmentRepository;
}

/**
 * Runs the checks in order and returns what explains the fault, or null when a ticket is the way forward.
 * @example a disconnected account with 12 000 ₸ owed → { kind: 'disconnected_for_debt', amountTiyn: 1200000, ... }
 */
export async function checkBeforeTicket(store: FaultCheckReads, account: PersonalAccount, service: string, now: Date): Promise<PreTicketFinding | null> {
  if (account.status === 'disconnected') {
    const { totals } = await readPosition(store, account, now);
    return { kind: 'disconnected_for_debt', reason: 'rules:fault.disconnectedForDebt', amountTiyn: totals.totalDueTiyn };
  }
  const outage = (await store.outages.listActive(account.region, now)).find((o) => outageCovers(o, account, service));
  if (outage) {
    return { kind: 'outage', reason: outage.kind === 'planned' ? 'rules:fault.plannedWorks' : 'rules:fault.knownOutage', outageId: outage.id, endsAt: outage.endsAt };
  }
  if (service === 'megaline') {
    const stored = await store.billing.listPlans();
    const plan = findPlan(stored.length ? stored : MEGALINE_PLANS, account.planId);
    const usedMb = await store.billing.getTraffic(account.id, almatyMonth(now));
    const throttle = hitThrottle(plan, usedMb, now);
    if (throttle) return { kind: 'hit_throttled', reason: 'rules:fault.hitThrottled', usedMb, ...throttle };
  }
  return null;
}

/**
 * The checks bound to their repositories, as the bot's dialogs are given them.
 * @example const faults = faultChecks(store); await faults.checkBeforeTicket(account, 'megaline', now)
 */
export function faultChecks(store: FaultCheckReads): { checkBeforeTicket(account: PersonalAccount, service: string, now: Date): Promise<PreTicketFinding | null> } {
  return { checkBeforeTicket: (account, service, now) => checkBeforeTicket(store, account, service, now) };
}

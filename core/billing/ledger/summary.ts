/**
 * @module The list view of an account: number, status, plan name and services as billing shows them.
 */
import type { PersonalAccount } from '../../accounts/model.ts';
import type { AccountSummary } from '../port.ts';
import type { Plan } from '../model.ts';
import { findPlan } from '../../plans/catalogue.ts';
import { almatyDate } from '../calendar.ts';

/** The list view of an account. */
export function summarize(account: PersonalAccount, plans: readonly Plan[]): AccountSummary {
  return {
    accountNumber: account.number,
    status: account.status,
    billingMethod: account.billingMethod,
    address: account.address,
    planId: account.planId,
    planName: findPlan(plans, account.planId)?.name ?? null,
    services: account.services,
    termContractUntil: account.termContractUntil ? almatyDate(account.termContractUntil) : null,
  };
}

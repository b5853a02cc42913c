/**
 * @module The status moves seed 001 leaves to a person's decision, taken by a supervisor in the console:
 * - write-off (status 7 → 8): "when the doubtful debt is recognised as bad and written off" — on a write-off decision
 *   (its reference is required); the debt stays recorded off-balance, and a later payment still closes the account;
 * - reconnection (status 3 → current within 30 calendar days of closing; status 9 → current while the credit is up
 *   to 12 months old, the credit then counting toward charges) with the services connected again;
 * - credit moved on application (status 9 → archive while the credit is 12 months to 3 years old): the balance paid
 *   out to the subscriber's card or moved to another of their accounts, on an application with a receipt.
 * Each goes through `moveStatus` (the transition table), is refused with a reason when its condition fails, and is
 * audited. Reconnection clears the closing date (the store does it for every move back to an open status).
 */
import { randomUUID } from 'node:crypto';
import type { Result } from '../billing/port.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { BillingRepository } from '../billing/repository.ts';
import type { PersonalAccount } from './model.ts';
import type { AccountRepository } from './repository.ts';
import { almatyDate, monthsPassed, yearsPassed } from '../billing/calendar.ts';
import { readPosition } from '../billing/ledger/position.ts';
import { moveStatus } from './move.ts';
import { checkOperation, CREDIT_RECONNECT_MONTHS, RECONNECT_WITHIN_DAYS } from './operations.ts';
import { isInService, type AccountStatus } from './status.ts';

/** Seed 001 status 9 table: the credit is moved on application from 12 months (`CREDIT_RECONNECT_MONTHS`) to 3 years. */
export const CREDIT_ARCHIVE_YEARS = 3;
/** The longest decision reference (protocol or application number and a word of why). */
export const MAX_DECISION_NOTE = 300;

export const DECISIONS = ['write_off', 'reconnect', 'archive_credit'] as const;
export type AccountDecision = (typeof DECISIONS)[number];

export interface DecisionDeps {
  accounts: Pick<AccountRepository, 'get' | 'transition' | 'setServices' | 'listBySubscriber'>;
  billing: BillingRepository;
  audit: Pick<AuditRepository, 'append'>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
}

export interface DecisionInput {
  accountId: string;
  decision: AccountDecision;
  /** The console user deciding. */
  by: string;
  /** The decision's reference: the write-off protocol, the subscriber's application. Required. */
  note: string;
  /** Reconnection: the services connected again (at least one). */
  services?: string[];
  /** Credit moved: to the subscriber's card, or to another of their accounts (its number). */
  creditTo?: { kind: 'card' } | { kind: 'account'; number: string };
}

/** Where each decision may start, and where it leads (the transition table must also allow it). */
const FROM: Record<AccountDecision, readonly AccountStatus[]> = {
  write_off: ['closed_doubtful_debt'],
  reconnect: ['closed', 'closed_credit_balance'],
  archive_credit: ['closed_credit_balance'],
};
const TO: Record<AccountDecision, AccountStatus> = { write_off: 'closed_written_off', reconnect: 'current', archive_credit: 'archive' };

const refuse = (reason: string, params?: Record<string, string | number>) => ({ ok: false as const, reason: `rules:decision.${reason}`, ...(params ? { params } : {}) });

/** When the account's contract ended: its closing date (status 9's credit is as old as this). */
const closedOn = (account: PersonalAccount): Date => account.closedAt ?? account.statusSince;

/** The condition of the decision on this account now, or why not. */
interface Checked {
  debtTiyn: number;
  creditTiyn: number;
  /** Credit moved to this account of the same subscriber (archive_credit to an account). */
  target: PersonalAccount | null;
}

async function check(deps: DecisionDeps, account: PersonalAccount, input: DecisionInput, now: Date): Promise<Result<Checked>> {
  if (!FROM[input.decision].includes(account.status)) return refuse('wrongStatus', { status: account.status });
  if (!input.note.trim()) return refuse('needsNote');
  const totals = (await readPosition({ billing: deps.billing }, account, now)).totals;
  const value: Checked = { debtTiyn: totals.totalDueTiyn, creditTiyn: totals.creditTiyn, target: null };
  const closed = closedOn(account);
  switch (input.decision) {
    case 'write_off':
      return value.debtTiyn > 0 ? { ok: true, value } : refuse('noDebt');
    case 'reconnect':
      if (!input.services?.length) return refuse('needsServices');
      // The window itself is the operation matrix's (checkOperation); the refusal here names the dates.
      if (!checkOperation(account.status, 'reconnect', { statusSince: closed, now }).ok) {
        return account.status === 'closed'
          ? refuse('reconnectTooLate', { closedOn: almatyDate(closed), days: RECONNECT_WITHIN_DAYS })
          : refuse('creditTooOldToReconnect', { closedOn: almatyDate(closed), months: CREDIT_RECONNECT_MONTHS });
      }
      return { ok: true, value };
    case 'archive_credit':
      if (value.creditTiyn <= 0) return refuse('noCredit');
      if (!monthsPassed(closed, now, CREDIT_RECONNECT_MONTHS)) return refuse('creditTooYoung', { closedOn: almatyDate(closed), months: CREDIT_RECONNECT_MONTHS });
      if (yearsPassed(closed, now, CREDIT_ARCHIVE_YEARS)) return refuse('creditTooOld', { closedOn: almatyDate(closed) });
      if (!input.creditTo) return refuse('needsCreditTo');
      if (input.creditTo.kind === 'account') {
        const number = input.creditTo.number.trim();
        const target = (await deps.accounts.listBySubscriber(account.subscriberId)).find((a) => a.number === number);
        if (!target || target.id === account.id || !isInService(target.status)) return refuse('badTargetAccount');
        value.target = target;
      }
      return { ok: true, value };
  }
}

/** Pays the credit out (to the card) or moves it to the checked target account of the same subscriber. */
async function moveCredit(deps: Pick<DecisionDeps, 'billing'>, account: PersonalAccount, checked: Checked, now: Date): Promise<void> {
  const decisionId = randomUUID();
  if (checked.target) {
    await deps.billing.addPayment({ id: randomUUID(), externalId: `credit-in:${decisionId}`, accountId: checked.target.id, kind: 'adjustment', amountTiyn: checked.creditTiyn, paidAt: now, registeredAt: now });
  }
  await deps.billing.addPayment({ id: randomUUID(), externalId: `credit-out:${decisionId}`, accountId: account.id, kind: 'transfer_out', amountTiyn: -checked.creditTiyn, paidAt: now, registeredAt: now });
}

/**
 * Takes a supervisor's decision on an account: checks its condition, moves the status through the transition table,
 * and audits it (`account.written_off`, `account.reconnected`, `account.credit_archived`).
 * @example await decideAccountStatus(deps, { accountId, decision: 'reconnect', by, note: 'заявление №12', services: ['megaline'] })
 */
export async function decideAccountStatus(deps: DecisionDeps, input: DecisionInput): Promise<Result<{ from: AccountStatus; to: AccountStatus }>> {
  const now = deps.clock.now();
  const account = await deps.accounts.get(input.accountId);
  if (!account) return refuse('noAccount');
  const checked = await check(deps, account, input, now);
  if (!checked.ok) return checked;
  const to = TO[input.decision];
  const moved = await moveStatus({ accounts: deps.accounts, logger: deps.logger }, account, to, 'decision', now);
  if (!moved.ok) return refuse(moved.reason === 'movedMeanwhile' ? 'movedMeanwhile' : 'wrongStatus', { status: account.status });
  const details: Record<string, unknown> = { from: account.status, to, note: input.note.trim().slice(0, MAX_DECISION_NOTE), debtTiyn: checked.value.debtTiyn, creditTiyn: checked.value.creditTiyn };
  if (input.decision === 'reconnect') {
    await deps.accounts.setServices(account.id, input.services!);
    details.services = input.services;
  }
  if (input.decision === 'archive_credit') {
    await moveCredit(deps, account, checked.value, now);
    details.creditTo = checked.value.target?.number ?? 'card';
  }
  const action = { write_off: 'account.written_off', reconnect: 'account.reconnected', archive_credit: 'account.credit_archived' }[input.decision];
  await deps.audit.append({ id: randomUUID(), at: now, actorType: 'user', actorId: input.by, action, entity: 'account', entityId: account.id, details });
  deps.logger.info({ accountId: account.id, decision: input.decision, from: account.status, to }, 'account status decided');
  return { ok: true, value: { from: account.status, to } };
}

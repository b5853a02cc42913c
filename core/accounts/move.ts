/**
 * @module The one way a personal account changes status: through the transition table of seed 001 (cl. 5: "creating
 * accounts in any other status is forbidden", and no move the rule does not describe). A move the table does not
 * allow — for this pair of statuses and this trigger — is refused and logged, never written.
 */
import type { Logger } from '../logging/logger.ts';
import type { PersonalAccount } from './model.ts';
import type { AccountRepository } from './repository.ts';
import type { AccountStatus } from './status.ts';
import { canTransition, type TransitionTrigger } from './transitions.ts';

export interface StatusMoveDeps {
  accounts: Pick<AccountRepository, 'transition'>;
  logger: Pick<Logger, 'warn'>;
}

export type MoveResult =
  | { ok: true }
  /** `notAllowed`: seed 001 has no such move; `movedMeanwhile`: the account was no longer in the status it was read in. */
  | { ok: false; reason: 'notAllowed' | 'movedMeanwhile' };

/**
 * Moves `account` from its current status to `to`, if seed 001 describes that move for `trigger`.
 * @example await moveStatus(deps, { id, status: 'overdue' }, 'closed', 'decision', now) // { ok: false, reason: 'notAllowed' }
 */
export async function moveStatus(
  deps: StatusMoveDeps,
  account: Pick<PersonalAccount, 'id' | 'status'>,
  to: AccountStatus,
  trigger: TransitionTrigger,
  at: Date,
): Promise<MoveResult> {
  if (!canTransition(account.status, to, trigger)) {
    deps.logger.warn({ accountId: account.id, from: account.status, to, trigger }, 'status move refused: seed 001 cl. 5 describes no such move');
    return { ok: false, reason: 'notAllowed' };
  }
  return (await deps.accounts.transition(account.id, account.status, to, at)) ? { ok: true } : { ok: false, reason: 'movedMeanwhile' };
}

/**
 * @module What happens to a contact after an outcome (the retry rules): a final code closes it; a retryable one calls
 * it again after the code's spacing, never outside calling hours or the contact's local hours, until its attempts are
 * used up (then it is closed with that last code); a call-back is due at the agreed time and is served before other
 * calls. Nothing is called after the campaign's end.
 */
import type { Holiday } from '../sla/model.ts';
import type { Campaign, Contact } from './model.ts';
import { OUTCOMES, type OutcomeCode, type RetryableCode } from './outcomes.ts';
import type { NextStep } from './repository.ts';
import { callable, nextCallable } from './calling-hours.ts';

export interface CallbackRequest {
  at: Date;
  /** The agent who promised it, or null for anyone. */
  agentId: string | null;
}

/**
 * The contact's next step after `outcome`, recorded at `now`.
 * @example nextStep(campaign, contact, 'no_answer', holidays, now) // { state: 'ready', dueAt: now + 2 h (in hours), … }
 */
export function nextStep(
  campaign: Pick<Campaign, 'retry' | 'callingHours' | 'endAt'>,
  contact: Pick<Contact, 'attempts' | 'utcOffsetMinutes'>,
  outcome: OutcomeCode,
  holidays: readonly Holiday[],
  now: Date,
  callback?: CallbackRequest,
): NextStep {
  const flags = OUTCOMES[outcome];
  if (flags.final || !flags.retryAllowed) return { state: 'done' };
  const rule = campaign.retry[outcome as RetryableCode];
  if (contact.attempts + 1 >= rule.attempts) return { state: 'done' };
  const dueAt = flags.needsTime && callback
    ? callback.at
    : nextCallable(campaign.callingHours, holidays, contact.utcOffsetMinutes, new Date(now.getTime() + rule.spacingMinutes * 60_000));
  if (campaign.endAt && dueAt >= campaign.endAt) return { state: 'done' };
  return flags.needsTime
    ? { state: 'ready', dueAt, priority: 0, reservedFor: callback?.agentId ?? null }
    : { state: 'ready', dueAt, priority: 1, reservedFor: null };
}

/** Why a call-back time cannot be accepted (an i18n key in `campaigns:`), or null when it can. */
export function callbackProblem(
  campaign: Pick<Campaign, 'callingHours' | 'endAt'>,
  contact: Pick<Contact, 'utcOffsetMinutes'>,
  holidays: readonly Holiday[],
  at: Date,
  now: Date,
): string | null {
  if (at.getTime() <= now.getTime()) return 'calling.error.callback_past';
  if (campaign.endAt && at >= campaign.endAt) return 'calling.error.callback_after_end';
  if (!callable(campaign.callingHours, holidays, contact.utcOffsetMinutes, at)) return 'calling.error.callback_outside_hours';
  return null;
}

/**
 * @module The outcome codes an agent records after a call, and what each one means, in one table (seed 003 cl. 10:
 * only *effective* calls count against the quota). Every rule that asks "did we reach a person", "does it count",
 * "is the contact done", "may we call again" reads these flags; nothing else branches on a code's name.
 */

export const OUTCOME_CODES = ['effective', 'partial', 'no_answer', 'busy', 'callback', 'refused', 'wrong_number', 'do_not_call'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export interface OutcomeFlags {
  /** A person answered. */
  reachedPerson: boolean;
  /** Counts as an effective (результативный) call against the quota: the survey was completed. */
  effective: boolean;
  /** Closes the contact: it is never called again in this campaign. */
  final: boolean;
  /** The contact is called again under the retry rules (or at the agreed time, for a call-back). */
  retryAllowed: boolean;
  /** The agent must give a time (call-back). */
  needsTime: boolean;
  /** The survey's required questions must be answered. */
  needsCompleteSurvey: boolean;
  /** The answers given so far are kept (a completed survey, or one to finish on the next call). */
  keepsAnswers: boolean;
  /** The number goes on the do-not-call list (contract cl. 32(21): the subscriber's refusal is honoured). */
  addsToDoNotCall: boolean;
}

const flags = (f: Partial<OutcomeFlags>): OutcomeFlags => ({
  reachedPerson: false, effective: false, final: false, retryAllowed: false, needsTime: false,
  needsCompleteSurvey: false, keepsAnswers: false, addsToDoNotCall: false, ...f,
});

/** The one table of outcome codes. */
export const OUTCOMES: Readonly<Record<OutcomeCode, OutcomeFlags>> = {
  effective: flags({ reachedPerson: true, effective: true, final: true, needsCompleteSurvey: true, keepsAnswers: true }),
  partial: flags({ reachedPerson: true, retryAllowed: true, keepsAnswers: true }),
  no_answer: flags({ retryAllowed: true }),
  busy: flags({ retryAllowed: true }),
  callback: flags({ reachedPerson: true, retryAllowed: true, needsTime: true, keepsAnswers: true }),
  refused: flags({ reachedPerson: true, final: true }),
  wrong_number: flags({ final: true }),
  do_not_call: flags({ reachedPerson: true, final: true, addsToDoNotCall: true }),
};

/** The codes that may be retried, each with its own attempts and spacing in a campaign's retry rules. */
export const RETRYABLE_CODES = OUTCOME_CODES.filter((c) => OUTCOMES[c].retryAllowed) as RetryableCode[];
export type RetryableCode = 'partial' | 'no_answer' | 'busy' | 'callback';

/**
 * Default retry rules (the defaults: 3 attempts, 2 h apart for no answer and busy). A partial survey gets
 * one more try the next day; a subscriber may ask for a call-back up to 5 times in all.
 */
export const DEFAULT_RETRY = {
  no_answer: { attempts: 3, spacingMinutes: 120 },
  busy: { attempts: 3, spacingMinutes: 120 },
  partial: { attempts: 2, spacingMinutes: 24 * 60 },
  callback: { attempts: 5, spacingMinutes: 0 },
} as const satisfies Record<RetryableCode, { attempts: number; spacingMinutes: number }>;

export const isOutcomeCode = (v: string): v is OutcomeCode => (OUTCOME_CODES as readonly string[]).includes(v);

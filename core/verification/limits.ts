/**
 * @module One-time-code limits (PRODUCT.md defaults; contract cl. 31(8) for single use; issue 20 items 3 and 4) and
 * the rules that decide whether a code may be issued, or a code typed. The facts are gathered per number, never per
 * "number on file", so a number that is not on file meets exactly the same limits (no enumeration).
 *
 * Two kinds of limit, so that an abuser is slowed down rather than the subscriber whose number they use:
 * - **The number's own budget**, whoever asks: codes at least `resendMs` apart, at most `maxPerHour` in any rolling
 *   hour and `maxPerDay` in any rolling 24 hours; at most `NUMBER_WRONG_FACTOR × maxWrongPerDay` wrong codes a day.
 *   Reaching it means waiting until the window rolls on — never a lock that someone can renew.
 * - **The requester's budget**: each chat (session) and each client address (where the channel knows it) may take at
 *   most half of a number's codes per hour and per day, type at most `maxWrongPerDay` wrong codes for it in 24
 *   hours (across all its codes), and ask for at most `maxNumbersPerChat` numbers a day per chat and
 *   `maxNumbersPerAddress` numbers an hour per address. So one abuser alone cannot use up a number's budget: the
 *   real subscriber, from a fresh chat, still gets a code — at worst after the resend interval.
 */
import type { Config } from '../config/config.ts';

export interface OtpLimits {
  codeLength: number;
  ttlMs: number;
  maxAttempts: number;
  resendMs: number;
  maxPerHour: number;
  maxPerDay: number;
  maxWrongPerDay: number;
  maxNumbersPerChat: number;
  /** Window for the per-chat distinct-number limit. */
  chatWindowMs: number;
  maxNumbersPerAddress: number;
  /** Window for the per-address distinct-number limit. */
  addressWindowMs: number;
  linkLifetimeMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A number takes this many times one requester's wrong codes a day, from everyone together. */
export const NUMBER_WRONG_FACTOR = 3;

export function limitsFromConfig(config: Config): OtpLimits {
  return {
    codeLength: config.OTP_LENGTH,
    ttlMs: config.OTP_TTL_SECONDS * 1000,
    maxAttempts: config.OTP_MAX_ATTEMPTS,
    resendMs: config.OTP_RESEND_SECONDS * 1000,
    maxPerHour: config.OTP_MAX_PER_HOUR,
    maxPerDay: config.OTP_MAX_PER_DAY,
    maxWrongPerDay: config.OTP_MAX_WRONG_PER_DAY,
    maxNumbersPerChat: config.OTP_MAX_NUMBERS_PER_CHAT,
    chatWindowMs: DAY,
    maxNumbersPerAddress: config.OTP_MAX_NUMBERS_PER_ADDRESS,
    addressWindowMs: HOUR,
    linkLifetimeMs: config.LINK_LIFETIME_DAYS * DAY,
  };
}

/** The most one requester (a chat, an address) may take of a number's budget. */
export const requesterShare = (cap: number): number => Math.max(1, Math.ceil(cap / 2));

/** What the store knows about a number and its requester at the moment a code is asked for (24 hours back). */
export interface IssueFacts {
  /** Newest code of the same purpose for this number, from any chat. */
  lastIssuedAt: Date | null;
  /** Codes for this number, all requesters. */
  numberCodes: Date[];
  /** Codes for this number, per identity of this requester (its chat; its address when known). */
  requesterCodes: Date[][];
  /** Wrong codes typed for this number, all requesters. */
  numberWrong: Date[];
  /** Wrong codes typed for this number, per identity of this requester. */
  requesterWrong: Date[][];
  /** Whether this number is new to the chat and the chat has reached its distinct numbers; null when not limited. */
  chatNumbersFull: boolean | null;
  /** The same for the client address within its window; null when the address is unknown. */
  addressNumbersFull: boolean | null;
}

export type IssueDecision =
  | { ok: true }
  | { ok: false; reason: 'verification:locked' | 'verification:requester_limit'; params: { minutes: number } }
  | { ok: false; reason: 'verification:too_soon'; params: { seconds: number } }
  | { ok: false; reason: 'verification:chat_limit'; params: { hours: number } };

const ceilDiv = (a: number, b: number) => Math.max(1, Math.ceil(a / b));

/**
 * How long until fewer than `cap` of `times` fall in the rolling `windowMs` ending now; 0 when already fewer.
 * @example waitForWindow([t - 50min, t - 10min], 2, HOUR, t) // 10 minutes
 */
export function waitForWindow(times: Date[], cap: number, windowMs: number, now: Date): number {
  const t = now.getTime();
  const inWindow = times.map((d) => d.getTime()).filter((x) => x > t - windowMs).sort((a, b) => a - b);
  if (inWindow.length < cap) return 0;
  return inWindow[inWindow.length - cap]! + windowMs - t;
}

const longest = (waits: number[]) => Math.max(0, ...waits);

/** The requester's wait for wrong codes typed for this number (its own budget, then the number's). */
export function wrongCodeWait(facts: Pick<IssueFacts, 'numberWrong' | 'requesterWrong'>, limits: OtpLimits, now: Date) {
  return {
    requester: longest(facts.requesterWrong.map((times) => waitForWindow(times, limits.maxWrongPerDay, DAY, now))),
    number: waitForWindow(facts.numberWrong, NUMBER_WRONG_FACTOR * limits.maxWrongPerDay, DAY, now),
  };
}

/**
 * Decides whether a code may be issued now. Order: the requester's wrong codes, the number's wrong codes, the chat's
 * and the address's distinct numbers, the resend interval, the requester's share of the number's codes, the
 * number's hourly and daily caps.
 * @example decideIssue({ ...facts, numberCodes: fiveInTheLastHour }, limits, now) // { ok: false, reason: 'verification:locked', … }
 */
export function decideIssue(facts: IssueFacts, limits: OtpLimits, now: Date): IssueDecision {
  const minutes = (ms: number) => ({ minutes: ceilDiv(ms, MINUTE) });
  const wrong = wrongCodeWait(facts, limits, now);
  if (wrong.requester > 0) return { ok: false, reason: 'verification:requester_limit', params: minutes(wrong.requester) };
  if (wrong.number > 0) return { ok: false, reason: 'verification:locked', params: minutes(wrong.number) };
  if (facts.chatNumbersFull) return { ok: false, reason: 'verification:chat_limit', params: { hours: Math.round(limits.chatWindowMs / HOUR) } };
  if (facts.addressNumbersFull) return { ok: false, reason: 'verification:requester_limit', params: minutes(limits.addressWindowMs) };
  const sinceLast = facts.lastIssuedAt ? now.getTime() - facts.lastIssuedAt.getTime() : Infinity;
  if (sinceLast < limits.resendMs) return { ok: false, reason: 'verification:too_soon', params: { seconds: ceilDiv(limits.resendMs - sinceLast, 1000) } };
  const share = longest(facts.requesterCodes.flatMap((times) => [
    waitForWindow(times, requesterShare(limits.maxPerHour), HOUR, now),
    waitForWindow(times, requesterShare(limits.maxPerDay), DAY, now),
  ]));
  if (share > 0) return { ok: false, reason: 'verification:requester_limit', params: minutes(share) };
  const number = longest([waitForWindow(facts.numberCodes, limits.maxPerHour, HOUR, now), waitForWindow(facts.numberCodes, limits.maxPerDay, DAY, now)]);
  if (number > 0) return { ok: false, reason: 'verification:locked', params: minutes(number) };
  return { ok: true };
}

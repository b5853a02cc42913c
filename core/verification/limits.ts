/**
 * @module One-time-code limits (PRODUCT.md defaults; contract cl. 31(8) for single use) and the one rule that
 * decides whether a new code may be issued. The facts are gathered per number, never per "number on file",
 * so a number that is not on file meets exactly the same limits (no enumeration).
 */
import type { Config } from '../config/config.ts';

export interface OtpLimits {
  codeLength: number;
  ttlMs: number;
  maxAttempts: number;
  resendMs: number;
  maxPerHour: number;
  lockMs: number;
  maxNumbersPerChat: number;
  /** Window for the per-chat distinct-number limit. */
  chatWindowMs: number;
  linkLifetimeMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function limitsFromConfig(config: Config): OtpLimits {
  return {
    codeLength: config.OTP_LENGTH,
    ttlMs: config.OTP_TTL_SECONDS * 1000,
    maxAttempts: config.OTP_MAX_ATTEMPTS,
    resendMs: config.OTP_RESEND_SECONDS * 1000,
    maxPerHour: config.OTP_MAX_PER_HOUR,
    lockMs: 30 * MINUTE,
    maxNumbersPerChat: config.OTP_MAX_NUMBERS_PER_CHAT,
    chatWindowMs: 24 * HOUR,
    linkLifetimeMs: config.LINK_LIFETIME_DAYS * 24 * HOUR,
  };
}

/** What the store knows about a number and a chat at the moment a code is asked for. */
export interface IssueFacts {
  phone: string;
  /** End of the number's latest lock (past or future). Codes before a lock that has ended no longer count. */
  lockedUntil: Date | null;
  /** Newest code of the same purpose for this number, from any chat. */
  lastIssuedAt: Date | null;
  /** Codes for this number in the last hour but after the latest lock ended, all chats and purposes. */
  issuedLastHour: number;
  /** Distinct numbers this chat asked for within the chat window; null when the per-chat limit does not apply. */
  chatPhones: string[] | null;
}

export type IssueDecision =
  | { ok: true }
  | { ok: false; reason: 'verification:locked'; params: { minutes: number }; lockUntil: Date | null }
  | { ok: false; reason: 'verification:too_soon'; params: { seconds: number } }
  | { ok: false; reason: 'verification:chat_limit'; params: { hours: number } };

const ceilDiv = (a: number, b: number) => Math.max(1, Math.ceil(a / b));

/**
 * Decides whether a code may be issued now. Order: an existing lock; the chat's distinct-number limit; the resend
 * interval; the hourly cap, which on reaching it locks the number for `lockMs`.
 * @example decideIssue({ ..., issuedLastHour: 5 }, limits, now) // { ok: false, reason: 'verification:locked', params: { minutes: 30 } }
 */
export function decideIssue(facts: IssueFacts, limits: OtpLimits, now: Date): IssueDecision {
  const t = now.getTime();
  if (facts.lockedUntil && facts.lockedUntil.getTime() > t) {
    return { ok: false, reason: 'verification:locked', params: { minutes: ceilDiv(facts.lockedUntil.getTime() - t, MINUTE) }, lockUntil: null };
  }
  if (facts.chatPhones && !facts.chatPhones.includes(facts.phone) && facts.chatPhones.length >= limits.maxNumbersPerChat) {
    return { ok: false, reason: 'verification:chat_limit', params: { hours: Math.round(limits.chatWindowMs / HOUR) } };
  }
  if (facts.lastIssuedAt && t - facts.lastIssuedAt.getTime() < limits.resendMs) {
    return { ok: false, reason: 'verification:too_soon', params: { seconds: ceilDiv(limits.resendMs - (t - facts.lastIssuedAt.getTime()), 1000) } };
  }
  if (facts.issuedLastHour >= limits.maxPerHour) {
    return { ok: false, reason: 'verification:locked', params: { minutes: Math.round(limits.lockMs / MINUTE) }, lockUntil: new Date(t + limits.lockMs) };
  }
  return { ok: true };
}

/**
 * @module Issuing and checking one-time codes, shared by verification and signing. Issuing takes short leases on the
 * number (and the chat) so racing requests cannot slip past the limits; checking counts the try and consumes the
 * code in one store step, so a code is used at most once (contract cl. 31(8)).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { SmsSender } from '../sms/port.ts';
import type { OtpChallenge, OtpPurpose } from './model.ts';
import { issueFacts, recordIssued, recordWrongCode, wrongCodeFacts } from './budgets.ts';
import { cleanCode, codeMatches, generateCode, hashCode } from './code.ts';
import { decideIssue, wrongCodeWait, type OtpLimits } from './limits.ts';
import { maskPhone } from './phone.ts';
import type { CodeSent, Requester, Result } from './types.ts';
import type { VerificationRepositories } from './repository.ts';

export interface ChallengeDeps {
  store: VerificationRepositories;
  clock: Clock;
  limits: OtpLimits;
  key: Buffer;
  sms: SmsSender;
  logger: Logger;
}

export interface IssueInput {
  purpose: OtpPurpose;
  chatKey: string;
  /** E.164. */
  phone: string;
  /** Null for a number not on file: the challenge is recorded and limited the same way, but no SMS goes out. */
  subscriberId: string | null;
  smsText: (code: string) => string;
  context: Record<string, unknown> | null;
  /** Whether the per-chat and per-address distinct-number limits apply (verification: yes; signing: the subscriber's own number). */
  limitChatNumbers: boolean;
  /** Where the request came from (the web chat's client address), for the requester's budget. */
  address: string | null;
}

const LEASE_MS = 10_000;

const refuse = <T>(reason: Extract<Result<T>, { ok: false }>['reason'], params: Record<string, string | number> = {}): Result<T> =>
  ({ ok: false, reason, params });

/** Issues a code if the limits allow; the answer does not depend on whether the number is on file. */
export async function issueChallenge(deps: ChallengeDeps, input: IssueInput): Promise<Result<CodeSent>> {
  const { store, clock, limits } = deps;
  const now = clock.now();
  const owner = randomUUID();
  const requester: Requester = { chatKey: input.chatKey, address: input.address };
  const leases = [
    `otp:phone:${input.phone}`,
    ...(input.limitChatNumbers ? [`otp:chat:${input.chatKey}`] : []),
    ...(input.limitChatNumbers && input.address ? [`otp:address:${input.address}`] : []),
  ];
  const held: string[] = [];
  try {
    for (const name of leases) {
      if (!(await store.leases.acquire(name, owner, now, LEASE_MS))) {
        return refuse('verification:too_soon', { seconds: Math.ceil(limits.resendMs / 1000) });
      }
      held.push(name);
    }
    const t = now.getTime();
    // Rolling windows only: reaching a limit means waiting for the window to move on, never a lock to renew.
    const decision = decideIssue(await issueFacts(deps, input, requester), limits, now);
    if (!decision.ok) {
      deps.logger.info({ purpose: input.purpose, refusal: decision.reason }, 'one-time code refused by limits');
      return refuse(decision.reason, decision.params);
    }
    const id = randomUUID();
    const code = generateCode(limits.codeLength);
    const expiresAt = new Date(t + limits.ttlMs);
    const smsId = input.subscriberId
      ? await deps.sms.enqueue({ to: input.phone, text: input.smsText(code), purpose: input.purpose, chatKey: input.chatKey, expiresAt })
      : null;
    await store.otp.create({
      id, purpose: input.purpose, chatKey: input.chatKey, phone: input.phone, subscriberId: input.subscriberId,
      codeHash: hashCode(deps.key, id, code), attempts: 0, createdAt: now, expiresAt, consumedAt: null, closedAt: null,
      smsId, context: input.context,
    });
    await recordIssued(deps, input.phone, requester);
    deps.logger.info({ purpose: input.purpose, challengeId: id }, 'one-time code issued');
    return {
      ok: true,
      value: {
        maskedPhone: maskPhone(input.phone),
        expiresAt,
        resendAt: new Date(t + limits.resendMs),
        codeLength: limits.codeLength,
        validMinutes: Math.round(limits.ttlMs / 60_000),
      },
    };
  } finally {
    for (const name of held) await store.leases.release(name, owner);
  }
}

/** Why a challenge takes no more tries, read from its stored state. */
async function closedReason(deps: ChallengeDeps, challenge: OtpChallenge): Promise<Result<never> | null> {
  const now = deps.clock.now();
  if (challenge.consumedAt) return refuse('verification:code_used');
  if (challenge.attempts >= deps.limits.maxAttempts) return refuse('verification:too_many_tries');
  if (challenge.expiresAt.getTime() <= now.getTime()) return refuse('verification:code_expired');
  if (challenge.smsId) {
    const sms = await deps.store.smsOutbox.get(challenge.smsId);
    if (sms?.status === 'failed') return refuse('verification:sms_failed');
  }
  return null;
}

/**
 * Checks a typed code against the chat's current challenge of `purpose`. On success the challenge is consumed and
 * returned. A malformed code does not count as a try; a wrong one does.
 */
export async function checkCode(
  deps: ChallengeDeps, chatKey: string, purpose: OtpPurpose, typed: string, address: string | null = null,
): Promise<Result<OtpChallenge>> {
  const challenge = await deps.store.otp.latestOpen(chatKey, purpose);
  if (!challenge) return refuse('verification:no_pending');
  const closed = await closedReason(deps, challenge);
  if (closed) return closed;
  const code = cleanCode(typed, deps.limits.codeLength);
  if (code === null) return refuse('verification:code_format', { length: deps.limits.codeLength });
  // Wrong codes count per number across its codes: a requester (or everyone together) out of tries types no more.
  const requester: Requester = { chatKey, address };
  const wait = wrongCodeWait(await wrongCodeFacts(deps, challenge.phone, requester), deps.limits, deps.clock.now());
  if (wait.requester > 0 || wait.number > 0) {
    return refuse('verification:guess_limit', { minutes: Math.max(1, Math.ceil(Math.max(wait.requester, wait.number) / 60_000)) });
  }
  // Compute the hash even for a number not on file, so both paths take the same time.
  const matches = codeMatches(deps.key, challenge.id, code, challenge.codeHash) && challenge.subscriberId !== null;
  const attempt = await deps.store.otp.registerAttempt(challenge.id, matches, deps.clock.now(), deps.limits.maxAttempts);
  if (!attempt) {
    const fresh = await deps.store.otp.get(challenge.id);
    return (fresh && (await closedReason(deps, fresh))) ?? refuse('verification:code_used');
  }
  if (attempt.consumed) {
    deps.logger.info({ purpose, challengeId: challenge.id }, 'one-time code accepted');
    return { ok: true, value: { ...challenge, attempts: attempt.attempts, consumedAt: deps.clock.now() } };
  }
  await recordWrongCode(deps, challenge.phone, requester);
  const left = deps.limits.maxAttempts - attempt.attempts;
  deps.logger.info({ purpose, challengeId: challenge.id, left }, 'wrong one-time code');
  return left > 0 ? refuse('verification:wrong_code', { left }) : refuse('verification:too_many_tries');
}

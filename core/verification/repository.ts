/** @module The one-time-code challenges port. Both stores (SQLite, MongoDB) implement it. */
import type { OtpChallenge, OtpPurpose } from './model.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { ApplicationRepository } from '../applications/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { ChatRepository } from '../chats/repository.ts';
import type { LeaseRepository } from '../scheduler/repository.ts';
import type { SmsOutboxRepository } from '../sms/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';
import type { ThrottleRepository } from '../throttle/repository.ts';

export interface OtpChallengeRepository {
  /** Stores a new challenge and, in the same step, closes the chat's other open challenges of the same purpose. */
  create(challenge: OtpChallenge): Promise<void>;
  get(id: string): Promise<OtpChallenge | null>;
  /** The newest challenge of this chat and purpose that has not been closed (it may be used up or expired). */
  latestOpen(chatKey: string, purpose: OtpPurpose): Promise<OtpChallenge | null>;
  /** How many challenges were issued for `phone` at or after `since` (all chats, all purposes). */
  countForPhoneSince(phone: string, since: Date): Promise<number>;
  /** When the newest challenge of `purpose` for `phone` was issued (any chat), or null. */
  lastForPhone(phone: string, purpose: OtpPurpose): Promise<Date | null>;
  /** The distinct numbers this chat asked codes for at or after `since`. */
  phonesForChatSince(chatKey: string, since: Date): Promise<string[]>;
  /**
   * Counts one try, atomically, if the challenge still takes tries (not closed, not consumed, not expired at `now`,
   * fewer than `maxAttempts` tries); consumes it when `matched`. Returns null when it takes no more tries, so of two
   * racing correct answers exactly one consumes the code.
   */
  registerAttempt(id: string, matched: boolean, now: Date, maxAttempts: number): Promise<{ attempts: number; consumed: boolean } | null>;
  /** Closes every open challenge of the chat (logout). */
  closeForChat(chatKey: string, at: Date): Promise<void>;
  /** Locks the number for new codes until `until` (a later lock wins). */
  lockPhone(phone: string, until: Date): Promise<void>;
  /** The end of the number's latest lock, past or future, or null if it was never locked. */
  phoneLock(phone: string): Promise<Date | null>;
}

/** The repositories verification and signing work on. */
export interface VerificationRepositories {
  subscribers: SubscriberRepository;
  accounts: AccountRepository;
  chats: ChatRepository;
  audit: AuditRepository;
  leases: LeaseRepository;
  otp: OtpChallengeRepository;
  smsOutbox: SmsOutboxRepository;
  applications: ApplicationRepository;
  throttle: ThrottleRepository;
}

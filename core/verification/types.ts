/**
 * @module The public shapes of verification and signing: what the bot sends in and what it gets back.
 * Every failure carries `reason`, an i18n key in `locales/<lang>/verification.json`, and `params` for its {{placeholders}}.
 */
import type { Application, ApplicationKind } from '../applications/model.ts';
import type { SmsStatus } from '../sms/model.ts';

/** A use-case answer: a value, or an i18n key that explains the refusal (with its interpolation params). */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; reason: VerificationReason; params: Record<string, string | number> };

/** Every refusal the bot may have to explain; each is a key in the `verification` namespace. */
export type VerificationReason =
  | 'verification:phone_invalid'
  | 'verification:too_soon'
  | 'verification:locked'
  | 'verification:chat_limit'
  | 'verification:requester_limit'
  | 'verification:guess_limit'
  | 'verification:no_pending'
  | 'verification:code_format'
  | 'verification:wrong_code'
  | 'verification:too_many_tries'
  | 'verification:code_expired'
  | 'verification:code_used'
  | 'verification:sms_failed'
  | 'verification:not_linked'
  | 'verification:sign_no_phone';

/** Where a request came from, as far as the channel knows: the web chat's client address; null elsewhere. */
export interface RequestOrigin {
  address: string | null;
}

/** Who asks for or types a code: the chat, and where it came from. Budgets are kept per chat and per address. */
export interface Requester extends RequestOrigin {
  chatKey: string;
}

/**
 * The answer to "send me a code". For a number not on file the answer is the same (no SMS goes out).
 * Show it with `verification:code_sent` ({{phone}}, {{minutes}}).
 */
export interface CodeSent {
  /** The number as the subscriber typed it, normalised and partly masked: `+7 701 *** ** 67`. */
  maskedPhone: string;
  expiresAt: Date;
  /** No resend before this time. */
  resendAt: Date;
  /** Digits in the code (the bot can say "enter the 6-digit code"). */
  codeLength: number;
  /** Minutes the code is valid, for the message. */
  validMinutes: number;
}

/** A chat's verified link to a subscriber (treat null as "not verified"). */
export interface ChatLink {
  subscriberId: string;
  /** Verified number, E.164. */
  phone: string;
  linkedAt: Date;
  expiresAt: Date;
}

/** The answer to a correct verification code: the chat is now linked to the subscriber and all their accounts. */
export interface Linked extends ChatLink {
  fullName: string;
  accounts: Array<{ id: string; number: string }>;
}

/** What the subscriber is asked to sign: the exact quote text shown in the chat, and its machine-readable details. */
export interface SignatureQuote {
  kind: ApplicationKind;
  /** The exact text shown to the subscriber (stored verbatim in the signed application). */
  text: string;
  payload: Record<string, unknown>;
}

/** The state of the chat's current code, for "the code did not arrive" answers. */
export interface PendingCode {
  purpose: 'verify' | 'sign';
  maskedPhone: string;
  expiresAt: Date;
  resendAt: Date;
  attemptsLeft: number;
  /** Delivery of the SMS: queued (being sent or retried), sent, failed (for good); null when no SMS was sent. */
  delivery: SmsStatus | null;
}

/** The verification and signing use cases, channel-agnostic. `chatKey` is `${channel}:${externalId}`. */
export interface Verification {
  /**
   * Normalises the number (`+7 701 234 56 78`, `87012345678`, `7012345678`) and sends a code only if it is the
   * verified number of a subscriber on file. The answer is the same either way (no enumeration).
   */
  startVerification(chatKey: string, rawPhone: string, origin?: RequestOrigin): Promise<Result<CodeSent>>;
  /** Sends a new code to the number of the chat's pending verification (same limits; the old code stops working). */
  resend(chatKey: string, origin?: RequestOrigin): Promise<Result<CodeSent>>;
  /** Checks the code; on success links the chat to the subscriber (and so all their accounts) for LINK_LIFETIME_DAYS. */
  confirmCode(chatKey: string, code: string, origin?: RequestOrigin): Promise<Result<Linked>>;
  /** The chat's link, or null when never linked, logged out or expired (an expired link is removed). */
  currentLink(chatKey: string): Promise<ChatLink | null>;
  /** `/logout`: unlinks the chat and voids its pending codes. Fails with `verification:not_linked` if not linked. */
  logout(chatKey: string): Promise<Result<{ subscriberId: string }>>;
  /** The chat's current code of this purpose, if any. */
  pending(chatKey: string, purpose: 'verify' | 'sign'): Promise<PendingCode | null>;

  // === Signing (core/applications)
  /**
   * Sends a fresh code to the subscriber's verified number to sign `quote`. The chat must be linked to `subscriberId`.
   * Show `verification:sign_code_sent`.
   */
  requestSignature(chatKey: string, subscriberId: string, quote: SignatureQuote): Promise<Result<CodeSent>>;
  /** Sends a new signing code for the same quote. */
  resendSignature(chatKey: string): Promise<Result<CodeSent>>;
  /** Checks the signing code; on success stores and returns the signed application. */
  sign(chatKey: string, code: string): Promise<Result<Application>>;
  /** The subscriber's signed applications, newest first. */
  listApplications(subscriberId: string): Promise<Application[]>;
}

/** @module One issued one-time code and what it was issued for. */
/** Why a one-time code was issued: linking a chat, or signing a contract-changing application. */
export type OtpPurpose = 'verify' | 'sign';

/** One issued one-time code. The code itself is never stored, only its keyed hash. */
export interface OtpChallenge {
  id: string;
  purpose: OtpPurpose;
  chatKey: string;
  /** E.164 number the code went to (or, for a number not on file, would have gone to: no SMS is sent then). */
  phone: string;
  /** Null when the number is not on file: the challenge exists only so the answer looks the same; no code matches. */
  subscriberId: string | null;
  /** HMAC-SHA256 (hex) of `${id}:${code}` under the product's secret key. */
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  /** Set when a newer challenge of the same chat and purpose replaced this one, or on logout. */
  closedAt: Date | null;
  /** The SMS that carried the code, if one was sent. */
  smsId: string | null;
  /** For purpose 'sign': what is being signed (kind, quote text, payload). */
  context: Record<string, unknown> | null;
}

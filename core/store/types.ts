/**
 * @module The product's aggregates as the store keeps them. Both stores (SQLite, MongoDB) speak these types;
 * nothing here knows about SQL or documents.
 */
import type { AccountStatus } from '../accounts/status.ts';

export type Language = 'kk' | 'ru';
export type ChannelName = 'telegram' | 'whatsapp' | 'webchat';
export type CustomerCategory = 'individual' | 'entrepreneur';
export type BillingMethod = 'credit' | 'advance';

/** The person (Chatwoot's Contact). */
export interface Subscriber {
  id: string;
  fullName: string;
  /** Operator-verified mobile number in E.164 (+77011234567); one-time codes go only here. */
  phone: string;
  iin: string | null;
  category: CustomerCategory;
  language: Language | null;
  notificationsMuted: boolean;
  createdAt: Date;
}

/** A billing account ("лицевой счёт" / "дербес шот"); a subscriber may have several (seed 001, section 5). */
export interface PersonalAccount {
  id: string;
  /** The number printed on invoices, 12 digits. */
  number: string;
  subscriberId: string;
  status: AccountStatus;
  statusSince: Date;
  billingMethod: BillingMethod;
  address: string;
  region: string;
  /** Current Megaline plan id, if the account has Megaline. */
  planId: string | null;
  /** Services on the account, e.g. ['megaline', 'phone']. */
  services: string[];
  /** End of a fixed-term contract (cl. 32(22) compensation on early downgrade), if any. */
  termContractUntil: Date | null;
  openedAt: Date;
  closedAt: Date | null;
}

/** A chat address (Chatwoot's ContactInbox): one per channel + external chat id. */
export interface Chat {
  /** `${channel}:${externalId}` */
  key: string;
  channel: ChannelName;
  externalId: string;
  language: Language | null;
  subscriberId: string | null;
  linkedAt: Date | null;
  linkExpiresAt: Date | null;
  /** Phone number the chat was verified with (E.164). */
  linkedPhone: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** Persisted conversation-engine state for one chat. `version` guards against lost updates. */
export interface DialogSession {
  key: string;
  state: unknown;
  version: number;
  updatedAt: Date;
}

export type Role = 'agent' | 'second_line' | 'supervisor' | 'marketing' | 'observer' | 'admin';

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  language: Language;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  /** Signed in with a temporary password (new user, reset): must set their own before doing anything else. */
  mustChangePassword?: boolean;
}

export interface ConsoleSession {
  /** A hash of the cookie token; the token itself is never stored. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actorType: 'user' | 'subscriber' | 'system';
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  before?: Date;
}

/** A persisted timer or outbox item, fired once by whichever instance claims it. */
export interface Job {
  id: string;
  kind: string;
  /** Unique per pending job: scheduling the same key twice keeps one job (the later due time wins). */
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
}

// === Verification, SMS and signed applications (issue 4)

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

export type SmsStatus = 'queued' | 'sent' | 'failed';

/** An outgoing SMS: the outbox page and the delivery log in one. */
export interface SmsMessage {
  id: string;
  /** E.164 recipient. */
  to: string;
  /** The text. For real providers the code digits are masked once the message is sent or has failed. */
  text: string;
  /** What the SMS is for, e.g. 'verify' or 'sign'. */
  purpose: string;
  /** The chat that asked for it, so a permanent failure can be explained there. */
  chatKey: string | null;
  provider: string;
  status: SmsStatus;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** After this time delivery is pointless (the code inside has expired); no retries past it. */
  expiresAt: Date | null;
  /** When the next delivery attempt is due while queued after a transient failure. */
  nextAttemptAt: Date | null;
}

export interface SmsListFilter {
  status?: SmsStatus;
  /** Only messages to this number (E.164). */
  to?: string;
  /** Newest first, strictly before this time (paging). */
  before?: Date;
  limit?: number;
}

export type ApplicationKind = 'plan_change' | 'refusal' | 'instalment';

/** A written application signed with a one-time code (contract cl. 3, 9(4), 9(5)). */
export interface Application {
  id: string;
  subscriberId: string;
  /** The verified number the signing code went to (E.164). */
  phone: string;
  channel: ChannelName;
  chatKey: string;
  kind: ApplicationKind;
  /** The exact quote text the subscriber was shown and agreed to. */
  quote: string;
  /** Machine-readable details of what was agreed (plan id, services, amounts…). */
  payload: Record<string, unknown>;
  /** The one-time-code challenge that signed it (unique: one code signs one application). */
  challengeId: string;
  signedAt: Date;
}

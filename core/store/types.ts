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

export type Role = 'agent' | 'second_line' | 'supervisor' | 'marketing' | 'admin';

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

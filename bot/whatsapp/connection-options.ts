/**
 * @module What the WhatsApp connection manager (connection.ts) is built from: its timing and the defaults, the
 * repositories it writes (the session lease, the audit log), the client factory and the message sink; and the
 * backoff between attempts (5 s, 10 s, 20 s … up to 5 minutes by default).
 */
import type { AuditRepository } from '../../core/audit/repository.ts';
import type { EventBus } from '../../core/events.ts';
import type { Logger } from '../../core/logging/logger.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { LeaseRepository } from '../../core/scheduler/repository.ts';
import type { WaClient, WaMessage } from './wire.ts';

/** The lease that makes one instance the owner of the WhatsApp session. */
export const SESSION_LEASE = 'whatsapp.session';

export interface ConnectionTiming {
  /** First retry delay; doubled after each failure in a row. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A client that shows neither a QR code nor "ready" within this time is given up and retried. */
  startTimeoutMs: number;
  leaseTtlMs: number;
  /** How often the owner renews the lease (well inside the TTL). */
  leaseRenewMs: number;
  /** How often a standby instance checks whether the lease became free. */
  standbyCheckMs: number;
}

export const DEFAULT_TIMING: ConnectionTiming = {
  retryBaseMs: 5_000,
  retryMaxMs: 5 * 60_000,
  startTimeoutMs: 120_000,
  leaseTtlMs: 60_000,
  leaseRenewMs: 20_000,
  standbyCheckMs: 30_000,
};

/** What the connection stores: the session lease (one owner across instances) and the administrators' audit log. */
export interface ConnectionRepositories {
  leases: LeaseRepository;
  audit: AuditRepository;
}

export interface ConnectionOptions {
  /** Creates a fresh, not yet initialised client (the real one loads whatsapp-web.js lazily). */
  createClient: () => Promise<WaClient>;
  /** Deletes the saved session (LocalAuth's folder), for logging out when the client cannot do it itself. */
  clearSession: () => Promise<void>;
  /** Every received message, in the order the library emitted them. */
  onMessage: (message: WaMessage) => void;
  store: ConnectionRepositories;
  clock: Clock;
  logger: Logger;
  events?: EventBus;
  timing?: Partial<ConnectionTiming>;
  /** This instance's name in the lease; unique by default. */
  ownerId?: string;
}

/**
 * How long to wait before the next attempt after `failures` failures in a row: the base, doubled each time, capped.
 * @example retryDelay(DEFAULT_TIMING, 3) // 20_000
 */
export function retryDelay(timing: ConnectionTiming, failures: number): number {
  return Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * @module The WhatsApp connection's status and alerts (connection.ts), apart from the client and the timers: the status
 * it starts in, the next status for a transition (what is kept, what is cleared), the problem as one line for
 * `channel.state_changed` (pure), and the audit entry an administrator reads about the channel.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logging/logger.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { UserActor } from '../../core/users/audit.ts';
import type { ConnectionRepositories } from './connection-options.ts';
import type { WhatsAppState, WhatsAppStatus } from './status.ts';

/** What a transition sets besides the state; everything it leaves out is cleared, except the failure count. */
export type StatusPatch = Partial<Omit<WhatsAppStatus, 'state' | 'since'>>;

/** The status before `start()`: off, nothing known. */
export function initialStatus(now: Date): WhatsAppStatus {
  return { state: 'off', since: now, qr: null, phone: null, problem: null, failures: 0, retryAt: null, holder: null };
}

/**
 * The status after moving to `state`: `since` changes only when the state does, the failure count carries over
 * unless the patch sets it, and the QR code, number, problem, retry time and holder hold only what the patch gives.
 * @example nextStatus(current, 'qr', { qr, failures: 0 }, clock.now())
 */
export function nextStatus(previous: WhatsAppStatus, state: WhatsAppState, patch: StatusPatch, now: Date): WhatsAppStatus {
  return {
    state,
    since: previous.state === state ? previous.since : now,
    qr: null,
    phone: null,
    problem: null,
    failures: previous.failures,
    retryAt: null,
    holder: null,
    ...patch,
  };
}

/** The problem as `code: detail` (null without one), as `channel.state_changed` carries it. */
export function problemLine(status: WhatsAppStatus): string | null {
  return status.problem ? `${status.problem.code}: ${status.problem.detail}` : null;
}

/**
 * Writes an audit entry about the WhatsApp channel (linked, logged out, failed …), by a console user or the system.
 * Never throws: an entry that cannot be written is logged, and the connection goes on.
 * @example await auditChannel({ store, clock, logger }, { type: 'system' }, 'whatsapp.connected', { phone })
 */
export async function auditChannel(
  { store, clock, logger }: { store: Pick<ConnectionRepositories, 'audit'>; clock: Clock; logger: Logger },
  actor: UserActor,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    await store.audit.append({
      id: randomUUID(), at: clock.now(), actorType: actor.type, actorId: actor.type === 'user' ? actor.id : null,
      action, entity: 'channel', entityId: 'whatsapp', details,
    });
  } catch (err) {
    logger.error({ err, action }, 'WhatsApp audit entry not written');
  }
}

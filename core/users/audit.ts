/** @module Writes console-user changes to the audit log (who did what to which user, never a password). */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { AuditEntry } from '../audit/model.ts';
import type { UserRepositories } from './repository.ts';

/** Who acts: a signed-in console user, or the system itself. */
export type UserActor = { type: 'user'; id: string } | { type: 'system' };

/**
 * Appends one audit entry about a console user.
 * @example await auditUser(store, clock, actor, 'user.roles_changed', user.id, { from, to })
 */
export async function auditUser(
  store: Pick<UserRepositories, 'audit'>,
  clock: Clock,
  actor: UserActor,
  action: string,
  userId: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const entry: AuditEntry = {
    id: randomUUID(),
    at: clock.now(),
    actorType: actor.type,
    actorId: actor.type === 'user' ? actor.id : null,
    action,
    entity: 'user',
    entityId: userId,
    details,
  };
  await store.audit.append(entry);
}

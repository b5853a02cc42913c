/**
 * @module The ticket's history card: what happened to it, oldest first, one line per step that says what the step
 * did ("taken by Айгүл", "passed to the second line automatically", "callback: not reached", "closed: duplicate")
 * and who did it. Read from the ticket's audit entries, which carry the details (assignee, outcome, reason);
 * replies and notes are left out, the transcript shows them.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { AuditEntry } from '../../core/audit/model.ts';
import { actionLabel } from '../audit/describe.tsx';
import { formatDateTime } from './format.ts';

const IN_TRANSCRIPT = new Set(['ticket.reply', 'ticket.note']);

/** What the step did, in words. */
function what(t: Translate, e: AuditEntry, users: Map<string, string>, escalatedAtOnce: boolean): string {
  const d = e.details;
  const name = (id: unknown) => (typeof id === 'string' && id ? (users.get(id) ?? '—') : t('admin:tickets.nobody'));
  switch (e.action) {
    case 'ticket.create':
      return t(escalatedAtOnce ? 'admin:ticket.event.create_escalated' : 'admin:ticket.event.create', { channel: t(`tickets:channel.${String(d.channel)}`, { defaultValue: String(d.channel ?? '') }) });
    case 'ticket.take':
      return t('admin:ticket.event.take');
    case 'ticket.assign':
      return d.assigneeId ? t('admin:ticket.event.assign', { name: name(d.assigneeId) }) : t('admin:ticket.event.unassign');
    case 'ticket.escalate':
      return t(d.automatic ? 'admin:ticket.event.escalate_auto' : 'admin:ticket.event.escalate');
    case 'ticket.callback':
      return t('admin:ticket.event.callback', { outcome: t(`tickets:outcome.${String(d.outcome)}`) });
    case 'ticket.handoff_start':
      return t(d.joined ? 'admin:ticket.event.handoff_joined' : 'admin:ticket.event.handoff_new', {
        reason: t(`admin:audit.handoff_reason.${String(d.reason)}`, { defaultValue: '' }),
      });
    case 'ticket.close':
      return d.reason ? t('admin:ticket.event.close_reason', { reason: t(`tickets:close_reason.${String(d.reason)}`) }) : actionLabel(t, e.action);
    default:
      return actionLabel(t, e.action);
  }
}

function who(t: Translate, e: AuditEntry, users: Map<string, string>): string {
  if (e.actorType === 'user') return users.get(e.actorId ?? '') ?? '—';
  return t(`admin:ticket.actor.${e.actorType}`);
}

/**
 * `entries` newest first, as the audit log lists them; `escalatedAtOnce` when registration passed the ticket straight
 * to the second line (its first status change).
 */
export function TicketHistory({ t, entries, users, escalatedAtOnce }: {
  t: Translate;
  entries: AuditEntry[];
  users: Map<string, string>;
  escalatedAtOnce: boolean;
}) {
  const steps = entries.filter((e) => !IN_TRANSCRIPT.has(e.action)).reverse();
  return (
    <ul class="timeline" data-history="">
      {steps.map((e) => (
        <li>
          <time datetime={e.at.toISOString()}>{formatDateTime(e.at)}</time> {what(t, e, users, escalatedAtOnce)}
          <span class="muted">
            {' · '}
            {who(t, e, users)}
          </span>
        </li>
      ))}
    </ul>
  );
}

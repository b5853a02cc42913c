/**
 * @module How an audit entry reads: who did it (a user's name, the subscriber's name, the system), what (the
 * action's label), to which record (a ticket by its number, a user by name and e-mail, a chat by its channel…) and
 * its details as labelled fields — roles by their names, people by name, times in Almaty time, money in tenge.
 * Housekeeping ids (message, rating, challenge) are left out; a detail this page does not know yet is shown as is.
 */
import type { Child } from 'hono/jsx';
import { formatMoney } from '../../core/billing/money.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { AuditEntry } from '../../core/audit/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import { formatDateTime } from '../ui/format.ts';
import { KNOWN_ACTIONS } from './catalogue.ts';
import type { AuditNames } from './names.ts';

interface Ctx {
  t: Translate;
  lang: Language;
  names: AuditNames;
  entry: AuditEntry;
}

const HIDDEN = new Set(['messageId', 'ratingId', 'escalationId', 'challengeId', 'number', 'currency']);
const ROLE_NAMES = new Set(['agent', 'second_line', 'supervisor', 'marketing', 'observer', 'admin']);
const FIELD_LABELS: Record<string, string> = {
  type: 'admin:ticket.fact.type', region: 'admin:ticket.fact.region', service: 'admin:ticket.fact.service',
  topic: 'admin:ticket.details.topic', result: 'admin:ticket.details.result', comment: 'admin:ticket.details.comment',
};

const slug = (v: string) => v.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
const asDate = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? formatDateTime(new Date(v)) : String(v));
/** A translation of `key`, or `fallback` when there is none. */
const label = (t: Translate, key: string, fallback: string) => t(key, { defaultValue: fallback });

function userName({ names, t }: Ctx, id: unknown): string {
  if (typeof id !== 'string' || !id) return t('admin:tickets.nobody');
  return names.users.get(id)?.name ?? '—';
}

function rolesOrState(ctx: Ctx, v: unknown): string {
  const { t } = ctx;
  if (Array.isArray(v) && v.every((r) => ROLE_NAMES.has(String(r)))) return v.map((r) => t(`admin:roles.${r}`)).join(', ');
  if (typeof v === 'string' && ctx.entry.entity === 'channel') return label(t, `whatsapp:console.state.${v}`, v);
  return Array.isArray(v) ? v.join(', ') : String(v);
}

function reason(ctx: Ctx, v: unknown): string {
  const { t, entry } = ctx;
  const value = String(v);
  if (entry.action === 'ticket.handoff_start') return label(t, `admin:audit.handoff_reason.${value}`, value);
  if (entry.action === 'ticket.escalation_open') return label(t, `admin:escalation.reason.${value}`, value);
  if (entry.action === 'ticket.close') return label(t, `tickets:close_reason.${value}`, value);
  if (/^[a-z]+:[\w.]+$/.test(value)) return label(t, value, value);
  return label(t, `admin:audit.reason.${slug(value)}`, value);
}

/** Detail key → how its value reads. */
const FORMATS: Record<string, (ctx: Ctx, v: unknown) => Child> = {
  roles: rolesOrState,
  from: rolesOrState,
  to: rolesOrState,
  assigneeId: userName,
  agentId: userName,
  subscriberId: ({ names }, v) => names.subscribers.get(String(v))?.fullName ?? '—',
  automatic: ({ t }, v) => t(v ? 'admin:audit.yes' : 'admin:audit.no'),
  joined: ({ t }, v) => t(v ? 'admin:audit.joined_yes' : 'admin:audit.joined_no'),
  outcome: ({ t }, v) => label(t, `tickets:outcome.${v}`, String(v)),
  fields: ({ t }, v) => (Array.isArray(v) ? v.map((f) => (FIELD_LABELS[String(f)] ? t(FIELD_LABELS[String(f)]!) : String(f))).join(', ') : String(v)),
  type: ({ t }, v) => label(t, `tickets:type.${v}`, String(v)),
  channel: ({ t }, v) => label(t, `tickets:channel.${v}`, String(v)),
  kind: ({ t }, v) => label(t, `admin:audit.kind.${v}`, String(v)),
  reason,
  why: ({ t }, v) => label(t, `admin:audit.why.${slug(String(v))}`, String(v)),
  amountTiyn: ({ lang }, v) => (typeof v === 'number' ? formatMoney(v, lang) : '—'),
  until: (_ctx, v) => asDate(v),
  expiresAt: (_ctx, v) => asDate(v),
  retryAt: (_ctx, v) => asDate(v),
  dueAt: (_ctx, v) => asDate(v),
  problem: ({ t }, v) => label(t, `whatsapp:console.problem.${v}`, String(v)),
  callbackMinutes: ({ t }, v) => t('admin:audit.minutes', { n: v }),
  escalateAfterMinutes: ({ t }, v) => t('admin:audit.minutes', { n: v }),
  clock: ({ t }, v) => t(v === 'calendar' ? 'admin:settings.sla.clock_calendar' : 'admin:settings.sla.clock_working'),
  phone: (_ctx, v) => <span class="mono">{String(v)}</span>,
  accountNumber: (_ctx, v) => <span class="mono">{String(v)}</span>,
  gatewayPaymentId: (_ctx, v) => <span class="mono">{String(v)}</span>,
};

/** The entry's details as [label, value] pairs, in the order they were written. */
export function auditFields(ctx: Ctx): Array<[string, Child]> {
  const { t, entry } = ctx;
  return Object.entries(entry.details)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== null && value !== undefined && value !== '')
    .map(([key, value]) => {
      const format = FORMATS[key];
      const shown = format ? format(ctx, value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return [label(t, `admin:audit.field.${key}`, key), shown];
    });
}

/** The action's label; an action no module registered yet reads by its code. */
export function actionLabel(t: Translate, action: string): string {
  return KNOWN_ACTIONS.has(action) ? t(`admin:audit.actions.${action}`) : t(`admin:audit.actions.${action}`, { defaultValue: action });
}

/** Who did it. */
export function actorName({ t, names, entry }: Ctx): string {
  if (entry.actorType === 'system') return t('admin:audit.system');
  if (entry.actorType === 'subscriber') return names.subscribers.get(entry.actorId ?? '')?.fullName ?? t('admin:audit.subscriber');
  return names.users.get(entry.actorId ?? '')?.name ?? '—';
}

/** The record it concerns, named the way people know it, linked where the console has a page for it. */
export function AuditObject(ctx: Ctx) {
  const { t, names, entry } = ctx;
  const kind = label(t, `admin:audit.entities.${entry.entity}`, entry.entity);
  const id = entry.entityId ?? '';
  if (entry.entity === 'ticket') {
    const ticket = names.tickets.get(id);
    return ticket ? (
      <>
        {kind} <a href={href(`/tickets/${id}`)}>{formatTicketNumber(ticket.number)}</a>
      </>
    ) : (
      <>{kind}</>
    );
  }
  if (entry.entity === 'user') {
    const user = names.users.get(id);
    return user ? (
      <>
        {kind} <a href={href(`/users/${id}`)}>{user.name}</a> <small class="muted">{user.email}</small>
      </>
    ) : (
      <>{kind}</>
    );
  }
  if (entry.entity === 'chat') return <>{`${kind} · ${label(t, `tickets:channel.${id.split(':')[0]}`, '')}`.replace(/ · $/, '')}</>;
  if (entry.entity === 'subscriber') return <>{`${kind} · ${names.subscribers.get(id)?.fullName ?? '—'}`}</>;
  if (entry.entity === 'channel') return <>{`${kind} · ${label(t, `tickets:channel.${id}`, id)}`}</>;
  if (entry.entity === 'settings') return <>{t('admin:settings.sla.title')}</>;
  return <>{kind}</>;
}

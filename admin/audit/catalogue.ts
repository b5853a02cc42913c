/**
 * @module Every action the audit log records, grouped by the kind of record it concerns, in the order the action
 * filter lists them. Each has a label `admin:audit.actions.<action>` in both languages; a module that writes a new
 * action adds it here (an unknown action is still shown, by its code).
 */
export const AUDIT_ACTIONS = {
  ticket: [
    'ticket.create', 'ticket.handoff_start', 'ticket.handoff_end', 'ticket.take', 'ticket.assign', 'ticket.reply', 'ticket.note',
    'ticket.details', 'ticket.escalate', 'ticket.callback', 'ticket.breach', 'ticket.escalation_open', 'ticket.escalation_acknowledge',
    'ticket.rate', 'ticket.resolve', 'ticket.close', 'ticket.transcript_exported',
  ],
  user: [
    'user.created', 'user.roles_changed', 'user.activated', 'user.deactivated', 'user.password_reset', 'user.password_changed',
    'user.signed_in', 'user.locked',
  ],
  account: ['instalment.concluded', 'account.written_off', 'account.reconnected', 'account.credit_archived'],
  subscriber: ['subscriber.personal_data_erased'],
  chat: ['chat.linked', 'chat.unlinked', 'chat.link_expired'],
  application: ['application.signed'],
  payment: ['payment.paid', 'payment.registration_refused', 'payment.callback_rejected'],
  channel: ['whatsapp.connected', 'whatsapp.disconnected', 'whatsapp.failed', 'whatsapp.relinked', 'whatsapp.logged_out'],
  settings: ['settings.sla', 'settings.not_ready_reasons'],
  report: ['report.generated'],
  agent: ['agent.status_forced'],
} as const satisfies Record<string, readonly string[]>;

export type AuditEntity = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ENTITIES = Object.keys(AUDIT_ACTIONS) as AuditEntity[];
export const KNOWN_ACTIONS: ReadonlySet<string> = new Set(Object.values(AUDIT_ACTIONS).flat());

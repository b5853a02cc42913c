/**
 * @module The ticket's rows, typed once (as core/store/campaign-columns.ts does for campaigns): every field of a
 * ticket and of its SLA → its SQLite column and kind. Both adapters derive from these maps (SQLite: the insert, the
 * patch and reading a row; MongoDB: reading a document, the patch's fields and the export/import column map), so a
 * field added to `Ticket` or `TicketSla` but not here is a compile error, not a value one store silently drops.
 */
import type { TicketSla } from '../sla/model.ts';
import type { TicketPatch } from '../tickets/repository.ts';
import type { Ticket } from '../tickets/model.ts';
import type { Columns } from './campaign-columns.ts';

export const TICKET_COLUMNS: Columns<Ticket> = {
  id: ['id', 'plain'], number: ['number', 'plain'], type: ['type', 'plain'], channel: ['channel', 'plain'],
  status: ['status', 'plain'], line: ['line', 'plain'], handedOff: ['handed_off', 'bool'], breached: ['breached', 'bool'],
  subscriberId: ['subscriber_id', 'plain'], accountId: ['account_id', 'plain'], chatKey: ['chat_key', 'plain'],
  phone: ['phone', 'plain'], language: ['language', 'plain'], region: ['region', 'plain'], service: ['service', 'plain'],
  symptom: ['symptom', 'plain'], topic: ['topic', 'plain'], result: ['result', 'plain'], comment: ['comment', 'plain'],
  assigneeId: ['assignee_id', 'plain'], callbackDueAt: ['callback_due_at', 'date'],
  callbackOutcome: ['callback_outcome', 'plain'], firstActionAt: ['first_action_at', 'date'],
  createdAt: ['created_at', 'date'], updatedAt: ['updated_at', 'date'], escalatedAt: ['escalated_at', 'date'],
  resolvedAt: ['resolved_at', 'date'], closedAt: ['closed_at', 'date'], version: ['version', 'plain'],
};

/** The fields a change never sets (`TicketPatch` leaves them out); a patch naming one is ignored by both stores. */
const FIXED = ['id', 'number', 'channel', 'createdAt', 'version'] as const satisfies ReadonlyArray<keyof Ticket>;

/** Every field a ticket change may set, in column order. */
export const TICKET_PATCH_FIELDS = (Object.keys(TICKET_COLUMNS) as Array<keyof Ticket>)
  .filter((f): f is keyof TicketPatch & keyof Ticket => !(FIXED as readonly string[]).includes(f));

export const TICKET_SLA_COLUMNS: Columns<TicketSla> = {
  ticketId: ['ticket_id', 'plain'], callbackMinutes: ['callback_minutes', 'plain'], clock: ['clock', 'plain'],
  startedAt: ['started_at', 'date'], dueAt: ['due_at', 'date'], status: ['status', 'plain'],
  callbackAt: ['callback_at', 'date'], breachedAt: ['breached_at', 'date'],
};

/** Every field an SLA change may set (all but the ticket it belongs to). */
export const TICKET_SLA_PATCH_FIELDS = (Object.keys(TICKET_SLA_COLUMNS) as Array<keyof TicketSla>)
  .filter((f): f is Exclude<keyof TicketSla, 'ticketId'> => f !== 'ticketId');

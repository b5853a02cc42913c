/**
 * @module SLA models (Chatwoot's SlaPolicy / AppliedSla / SlaEvent): the policy in force, the deadline applied to one
 * ticket, and a recorded miss. Seed 003 cl. 4 (working hours) and cl. 5 (callback within 2 hours of registration).
 */
import type { TicketType } from '../tickets/model.ts';

export type SlaClock = 'working-hours' | 'calendar';

/** Opening hours of one kind of day, minutes from local midnight (Asia/Almaty). */
export interface DayHours {
  open: number;
  close: number;
}

export interface Holiday {
  /** Local date `YYYY-MM-DD` (Asia/Almaty). */
  date: string;
  /** Name for the settings page, e.g. "Наурыз мейрамы". */
  name: string;
  /** `holiday`: a public holiday by law; `transfer`: a day off moved by law or decree. Both keep weekend hours. */
  kind: 'holiday' | 'transfer';
}

/** The business calendar: which hours count when the SLA clock is `working-hours` (seed 003 cl. 4). */
export interface WorkingCalendar {
  /** Minutes east of UTC; Asia/Almaty is +300 with no daylight saving. */
  utcOffsetMinutes: number;
  weekday: DayHours;
  /** Saturdays, Sundays and holidays. */
  weekend: DayHours;
  holidays: Holiday[];
}

export interface SlaPolicy {
  /** Ticket types the callback deadline applies to (seed 003 cl. 5: technical requests). */
  appliesTo: TicketType[];
  /** Callback due this many minutes after registration (default 120, `SLA_CALLBACK_MINUTES`). */
  callbackMinutes: number;
  /** How minutes are counted (`SLA_CLOCK`). */
  clock: SlaClock;
  /** 0: escalate to the second line at registration; N: after N minutes without first-line action (`ESCALATE_AFTER_MINUTES`). */
  escalateAfterMinutes: number;
  calendar: WorkingCalendar;
}

/** `active` until the callback is recorded (`hit`) or the due time passes without one (`missed`). */
export type TicketSlaStatus = 'active' | 'hit' | 'missed' | 'cancelled';

/** The deadline applied to one ticket, with the policy's numbers frozen at registration. */
export interface TicketSla {
  ticketId: string;
  callbackMinutes: number;
  clock: SlaClock;
  startedAt: Date;
  dueAt: Date;
  status: TicketSlaStatus;
  callbackAt: Date | null;
  breachedAt: Date | null;
}

/** A recorded miss: the callback was not made by the due time. */
export interface SlaBreach {
  id: string;
  ticketId: string;
  kind: 'callback';
  dueAt: Date;
  breachedAt: Date;
}

/** Why a ticket was moved to the supervisors (STYLE 12). */
export const ESCALATION_REASONS = ['callback_breached'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * A ticket moved to the supervisors with a reason (Chatwoot's reassignment after an SLA miss): opened when the
 * callback deadline is breached, open until a supervisor acknowledges it. At most one per ticket and reason.
 */
export interface Escalation {
  id: string;
  ticketId: string;
  reason: EscalationReason;
  openedAt: Date;
  acknowledgedAt: Date | null;
  /** The supervisor's user id. */
  acknowledgedBy: string | null;
}

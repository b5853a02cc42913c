/**
 * @module When a contact may be called: inside the campaign's calling hours (the contact centre's time, by default
 * the SLA calendar's hours — seed 003 cl. 4: weekdays 09–21, weekends and holidays 10–19, Asia/Almaty) and, at the
 * same time, inside the same hours of the contact's own local time. Built on the business calendar of core/sla.
 */
import { DEFAULT_CALENDAR, isWorkingTime, nextOpening } from '../sla/calendar.ts';
import type { Holiday, WorkingCalendar } from '../sla/model.ts';
import type { CallingHours } from './model.ts';

/** The default calling hours: the contact centre's hours (seed 003 cl. 4). */
export const DEFAULT_CALLING_HOURS: CallingHours = {
  utcOffsetMinutes: DEFAULT_CALENDAR.utcOffsetMinutes,
  weekday: { ...DEFAULT_CALENDAR.weekday },
  weekend: { ...DEFAULT_CALENDAR.weekend },
};

/** Calling hours from a business calendar (the SLA calendar an administrator set). */
export const callingHoursFrom = (calendar: WorkingCalendar): CallingHours => ({
  utcOffsetMinutes: calendar.utcOffsetMinutes, weekday: { ...calendar.weekday }, weekend: { ...calendar.weekend },
});

const calendarAt = (hours: CallingHours, holidays: readonly Holiday[], utcOffsetMinutes: number): WorkingCalendar => ({
  utcOffsetMinutes, weekday: hours.weekday, weekend: hours.weekend, holidays: [...holidays],
});

/** True when the contact centre is calling (`at` inside the campaign's hours). */
export function centreOpen(hours: CallingHours, holidays: readonly Holiday[], at: Date): boolean {
  return isWorkingTime(calendarAt(hours, holidays, hours.utcOffsetMinutes), at);
}

/** The next moment the campaign's calling hours open (`at` itself when open). */
export function centreOpensAt(hours: CallingHours, holidays: readonly Holiday[], at: Date): Date {
  return nextOpening(calendarAt(hours, holidays, hours.utcOffsetMinutes), at);
}

/** True when a contact at this UTC offset may be called at `at`: the centre is calling and it is calling hours there too. */
export function callable(hours: CallingHours, holidays: readonly Holiday[], contactOffset: number, at: Date): boolean {
  return centreOpen(hours, holidays, at) && isWorkingTime(calendarAt(hours, holidays, contactOffset), at);
}

/** The first moment at or after `from` when a contact at this offset may be called. */
export function nextCallable(hours: CallingHours, holidays: readonly Holiday[], contactOffset: number, from: Date): Date {
  const centre = calendarAt(hours, holidays, hours.utcOffsetMinutes);
  const local = calendarAt(hours, holidays, contactOffset);
  let at = from;
  // Alternate until both windows agree; with overlapping windows this settles in a step or two.
  for (let i = 0; i < 30; i += 1) {
    const a = nextOpening(centre, at);
    const b = nextOpening(local, a);
    if (b.getTime() === a.getTime()) return a;
    at = b;
  }
  return nextOpening(centre, at);
}

/** Of these offsets, the ones whose contacts may be called at `at` (the claim filters on them). */
export function callableOffsets(hours: CallingHours, holidays: readonly Holiday[], offsets: readonly number[], at: Date): number[] {
  return [...new Set(offsets)].filter((o) => callable(hours, holidays, o, at));
}

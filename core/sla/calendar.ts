/**
 * @module The business calendar arithmetic: which moments are working time (seed 003 cl. 4: weekdays 09:00–21:00,
 * weekends and public holidays 10:00–19:00) and adding working minutes to a moment. Asia/Almaty is UTC+5 with no
 * daylight saving, so local time is plain offset arithmetic — the machine's time zone is never used.
 */
import type { DayHours, WorkingCalendar } from './model.ts';
import { KAZAKHSTAN_HOLIDAYS } from './holidays.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** Asia/Almaty, UTC+5 all year. */
export const ALMATY_OFFSET_MINUTES = 300;

/** The default calendar: seed 003 cl. 4 hours, Asia/Almaty, Kazakhstan's holidays. */
export const DEFAULT_CALENDAR: WorkingCalendar = {
  utcOffsetMinutes: ALMATY_OFFSET_MINUTES,
  weekday: { open: 9 * 60, close: 21 * 60 },
  weekend: { open: 10 * 60, close: 19 * 60 },
  holidays: [...KAZAKHSTAN_HOLIDAYS],
};

/** Local wall-clock parts of a moment in the calendar's time zone. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  hour: number;
  minute: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

/**
 * Local date and time of `at` at a fixed UTC offset.
 * @example localParts(new Date('2026-03-06T15:30:00Z'), 300) // { date: '2026-03-06', hour: 20, minute: 30, … }
 */
export function localParts(at: Date, utcOffsetMinutes = ALMATY_OFFSET_MINUTES): LocalParts {
  const shifted = new Date(at.getTime() + utcOffsetMinutes * MINUTE);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${year}-${pad(month)}-${pad(day)}`,
    year, month, day,
    weekday: shifted.getUTCDay(),
    hour, minute,
    minuteOfDay: hour * 60 + minute,
  };
}

/** The UTC moment of local midnight of the day containing `at`. */
function localMidnight(at: number, offsetMinutes: number): number {
  const shifted = at + offsetMinutes * MINUTE;
  return shifted - (((shifted % DAY) + DAY) % DAY) - offsetMinutes * MINUTE;
}

/** True for Saturdays, Sundays, holidays and transferred days off. */
export function isRestDay(calendar: WorkingCalendar, parts: Pick<LocalParts, 'date' | 'weekday'>): boolean {
  return parts.weekday === 0 || parts.weekday === 6 || calendar.holidays.some((h) => h.date === parts.date);
}

/** Opening hours of the local day that contains `at`. */
export function hoursOn(calendar: WorkingCalendar, at: Date): DayHours {
  return isRestDay(calendar, localParts(at, calendar.utcOffsetMinutes)) ? calendar.weekend : calendar.weekday;
}

/** True when `at` is inside opening hours (open inclusive, close exclusive). */
export function isWorkingTime(calendar: WorkingCalendar, at: Date): boolean {
  const { minuteOfDay } = localParts(at, calendar.utcOffsetMinutes);
  const hours = hoursOn(calendar, at);
  return minuteOfDay >= hours.open && minuteOfDay < hours.close;
}

/** `at` itself if it is working time, otherwise the next moment the contact centre opens. */
export function nextOpening(calendar: WorkingCalendar, at: Date): Date {
  return new Date(walk(calendar, at.getTime(), 0));
}

/**
 * Adds `minutes` of working time to `from`; time outside opening hours does not count.
 * A deadline that lands exactly on closing time stays on that day.
 * @example addWorkingMinutes(DEFAULT_CALENDAR, friday2030Almaty, 120) // Saturday 11:30 Almaty
 */
export function addWorkingMinutes(calendar: WorkingCalendar, from: Date, minutes: number): Date {
  return new Date(walk(calendar, from.getTime(), minutes * MINUTE));
}

/** Moves forward from `start` through opening hours until `remaining` ms of working time are used up. */
function walk(calendar: WorkingCalendar, start: number, remainingMs: number): number {
  let cursor = start;
  let remaining = remainingMs;
  // A business calendar always opens within a few days; 800 days guards against a calendar with no open hours.
  for (let i = 0; i < 800; i += 1) {
    const midnight = localMidnight(cursor, calendar.utcOffsetMinutes);
    const hours = hoursOn(calendar, new Date(midnight));
    const open = midnight + hours.open * MINUTE;
    const close = midnight + hours.close * MINUTE;
    if (cursor < open) cursor = open;
    if (cursor < close) {
      if (remaining === 0) return cursor;
      const available = close - cursor;
      if (remaining <= available) return cursor + remaining;
      remaining -= available;
    }
    cursor = midnight + DAY;
  }
  throw new Error('the business calendar has no working hours');
}

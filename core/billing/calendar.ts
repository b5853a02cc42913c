/**
 * @module Calendar arithmetic in Asia/Almaty (UTC+5, no daylight saving), by explicit offset — never the machine's
 * time zone. Dates are ISO strings `YYYY-MM-DD`, months `YYYY-MM`; instants are `Date`.
 */
import { KAZAKHSTAN_HOLIDAYS } from '../sla/holidays.ts';

const OFFSET_MS = 5 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Almaty calendar date of an instant. @example almatyDate(new Date('2026-03-25T19:00:00Z')) // '2026-03-26' */
export function almatyDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Almaty month (`YYYY-MM`) of an instant. */
export function almatyMonth(at: Date): string {
  return almatyDate(at).slice(0, 7);
}

/** 00:00 Almaty of the given date, as an instant. @example startOfDay('2026-03-26') // 2026-03-25T19:00:00Z */
export function startOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Number of days in a month, leap years included. @example daysInMonth('2028-02') // 29 */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The month `n` months after `month`. @example addMonths('2026-12', 1) // '2027-01' */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** First day of a month as a date. */
export const firstOfMonth = (month: string): string => `${month}-01`;

/** The instant a month begins in Almaty. */
export const startOfMonth = (month: string): Date => startOfDay(firstOfMonth(month));

/**
 * The rest days besides Saturdays and Sundays: public holidays and transferred days off. The business calendar is
 * one for the whole product — the SLA's (Settings → SLA, core/sla/holidays.ts by default) — so the refund term of
 * cl. 21(2) and the planned-works notice of cl. 36(7) count the same working days as the contact centre.
 */
export type HolidayDates = ReadonlySet<string>;

/** The holiday dates of a holiday list (the SLA calendar's `holidays`). */
export const holidayDates = (holidays: ReadonlyArray<{ date: string }>): HolidayDates => new Set(holidays.map((h) => h.date));

/** Kazakhstan's holidays of core/sla/holidays.ts, for callers without the console's calendar. */
export const DEFAULT_HOLIDAY_DATES: HolidayDates = holidayDates(KAZAKHSTAN_HOLIDAYS);

/** Monday–Friday, except public holidays and transferred days off. */
export function isWorkingDay(date: string, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !holidays.has(date);
}

/**
 * The date `n` working days after `date`.
 * @example addWorkingDays('2026-03-20', 10) // '2026-04-08' (Nauryz 21–25 March are rest days)
 */
export function addWorkingDays(date: string, n: number, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) left -= 1;
  }
  return d;
}

/**
 * Working days from `from` (itself included) up to `to` (excluded): how many working days ahead of `to` a notice
 * given on `from` is. A notice on Monday for Thursday is three working days ahead (Monday, Tuesday, Wednesday).
 */
export function workingDaysAhead(from: string, to: string, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES): number {
  let count = 0;
  for (let d = from; d < to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) count += 1;
  return count;
}

/** True when `at` is at least `years` calendar years after `since` (29 February → 28 February in common years). */
export function yearsPassed(since: Date, at: Date, years: number): boolean {
  return monthsPassed(since, at, years * 12);
}

/** True when `at` is at least `months` calendar months after `since` (same day of month, clamped to month end). */
export function monthsPassed(since: Date, at: Date, months: number): boolean {
  const s = almatyDate(since);
  const target = addMonths(s.slice(0, 7), months);
  const day = Math.min(Number(s.slice(8, 10)), daysInMonth(target));
  return almatyDate(at) >= `${target}-${String(day).padStart(2, '0')}`;
}

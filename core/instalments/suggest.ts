/**
 * @module A first draft of an instalment schedule for the console form: the debt in equal parts (the tiyn left over
 * on the last), one a month on the 25th (the due day of cl. 17), each moved to the next working day of the business
 * calendar. The agent edits it before concluding; `validateSchedule` (rules.ts) decides.
 */
import { addDays, addMonths, DEFAULT_HOLIDAY_DATES, isWorkingDay, type HolidayDates } from '../billing/calendar.ts';
import type { InstalmentPart } from './model.ts';
import { MAX_INSTALMENT_PARTS } from './rules.ts';

/** The day of the month parts fall on in a draft (cl. 17's due day). */
export const DRAFT_DAY = 25;

/** `date`, or the next working day after it. */
export function nextWorkingDay(date: string, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES): string {
  let d = date;
  while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/**
 * `count` monthly parts (1–12) adding up to `debtTiyn`, the first on the 25th from `today` on.
 * @example suggestSchedule(100_001, 2, '2026-04-10') // [{ dueDate: '2026-04-27', amountTiyn: 50_000 }, { dueDate: '2026-05-25', amountTiyn: 50_001 }]
 */
export function suggestSchedule(debtTiyn: number, count: number, today: string, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES): InstalmentPart[] {
  const n = Math.max(1, Math.min(MAX_INSTALMENT_PARTS, Math.floor(count), Math.max(1, debtTiyn)));
  const each = Math.floor(debtTiyn / n);
  let month = today.slice(0, 7);
  if (`${month}-${DRAFT_DAY}` < today) month = addMonths(month, 1);
  const parts: InstalmentPart[] = [];
  for (let i = 0; i < n; i += 1) {
    const dueDate = nextWorkingDay(`${addMonths(month, i)}-${DRAFT_DAY}`, holidays);
    parts.push({ dueDate, amountTiyn: i === n - 1 ? debtTiyn - each * (n - 1) : each });
  }
  return parts;
}

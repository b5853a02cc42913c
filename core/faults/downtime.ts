/**
 * @module Recalculation of the monthly fee for downtime not caused by the subscriber (cl. 31(5), 34(3)). The formula
 * is ours (PRODUCT.md): monthly fee × downtime / length of the month, per calendar month the downtime touches,
 * rounded once per month. The operator is not liable, so nothing is recalculated, in the cases of cl. 36.
 */
import { addMonths, almatyMonth, daysInMonth, startOfMonth, workingDaysAhead, almatyDate, DEFAULT_HOLIDAY_DATES, type HolidayDates } from '../billing/calendar.ts';
import { roundHalfUp } from '../billing/money.ts';

/** cl. 36 exclusions (and cl. 31(5): the repair term extended at the subscriber's request; cl. 39 force majeure). */
export const DOWNTIME_EXCLUSIONS = {
  subscriber_equipment_noncompliant: 'cl. 36(1), 36(10)',
  third_party_equipment: 'cl. 36(3)',
  third_party_resource: 'cl. 36(4)',
  non_payment_suspension: 'cl. 36(5)',
  planned_works_notified: 'cl. 36(7)',
  beyond_operator_control: 'cl. 36(8), 39',
  other_operator_service: 'cl. 36(11)',
  mobile_conditions: 'cl. 36(13)',
  wireless_conditions: 'cl. 36(14)',
  client_bought_equipment: 'cl. 36(16)',
  repair_delayed_by_subscriber: 'cl. 31(5)',
  subscriber_zone: 'cl. 40, 31(3)',
} as const;
export type DowntimeExclusion = keyof typeof DOWNTIME_EXCLUSIONS;

export interface Downtime {
  startedAt: Date;
  endedAt: Date;
  monthlyFeeTiyn: number;
  /** Why the operator is not liable, if it is not. */
  exclusion: DowntimeExclusion | null;
}

export type Recalculation =
  | { ok: true; amountTiyn: number; months: Array<{ month: string; downtimeMs: number; amountTiyn: number }> }
  | { ok: false; reason: string; clause: string };

/**
 * @example 6 240 ₸ fee, 3 days down in April (30 days): 6 240 × 3 / 30 = 624 ₸.
 */
export function recalculateDowntime(d: Downtime): Recalculation {
  if (d.exclusion) return { ok: false, reason: `rules:downtime.excluded.${d.exclusion}`, clause: DOWNTIME_EXCLUSIONS[d.exclusion] };
  const months: Array<{ month: string; downtimeMs: number; amountTiyn: number }> = [];
  let from = d.startedAt.getTime();
  const to = d.endedAt.getTime();
  while (from < to) {
    const month = almatyMonth(new Date(from));
    const monthEnd = startOfMonth(addMonths(month, 1)).getTime();
    const until = Math.min(to, monthEnd);
    const monthMs = daysInMonth(month) * 86_400_000;
    months.push({ month, downtimeMs: until - from, amountTiyn: roundHalfUp(d.monthlyFeeTiyn * (until - from), monthMs) });
    from = until;
  }
  return { ok: true, amountTiyn: months.reduce((s, m) => s + m.amountTiyn, 0), months };
}

/**
 * cl. 36(7): planned works excuse the interruption only when subscribers were told "at least three working days"
 * ahead, counted on the business calendar (holidays are not working days): told on Monday for Thursday is in time.
 */
export function plannedWorksNotifiedInTime(notifiedAt: Date | null, startsAt: Date, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES): boolean {
  if (!notifiedAt) return false;
  return workingDaysAhead(almatyDate(notifiedAt), almatyDate(startsAt), holidays) >= PLANNED_WORKS_NOTICE_WORKING_DAYS;
}

/** cl. 36(7): "кемінде үш жұмыс күні". */
export const PLANNED_WORKS_NOTICE_WORKING_DAYS = 3;

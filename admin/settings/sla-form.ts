/**
 * @module Reading the SLA settings form: every field is checked and every problem is reported at once, each with
 * the field it belongs to (a wrong number, a time that is not a time, opening hours that end before they start,
 * each holiday line that is not `YYYY-MM-DD name`), so the administrator mends them in one go. Nothing is saved
 * unless all are right.
 */
import type { Holiday } from '../../core/sla/index.ts';

/** The form as typed (strings), for showing it back. */
export interface SlaFormValues {
  callbackMinutes: string;
  clock: string;
  escalateAfterMinutes: string;
  weekdayOpen: string;
  weekdayClose: string;
  weekendOpen: string;
  weekendClose: string;
  holidays: string;
}

export type SlaField = keyof SlaFormValues;

/** A problem: the field, and the message as an i18n key with its parameters. */
export interface SlaProblem {
  field: SlaField;
  key: string;
  params?: Record<string, string | number>;
}

export interface SlaFormResult {
  callbackMinutes: number;
  clock: 'working-hours' | 'calendar';
  escalateAfterMinutes: number;
  weekday: { open: number; close: number };
  weekend: { open: number; close: number };
  holidays: Holiday[];
}

/** Longest deadline or delay the form accepts: a week, in minutes. */
export const MAX_MINUTES = 7 * 24 * 60;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const toMinutes = (v: string): number => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5));

/** One holiday per line, `YYYY-MM-DD name`; a date the default list knows keeps its kind. Returns the bad lines too. */
export function parseHolidays(text: string, known: readonly Holiday[]): { value: Holiday[]; bad: string[] } {
  const kinds = new Map(known.map((h) => [h.date, h.kind]));
  const out = new Map<string, Holiday>();
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4})-(\d{2})-(\d{2})\s*(.*)$/.exec(line);
    const day = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
    if (!m || !day || Number.isNaN(day.getTime()) || day.getUTCDate() !== +m[3]! || day.getUTCMonth() !== +m[2]! - 1) {
      bad.push(line.slice(0, 80));
      continue;
    }
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    out.set(date, { date, name: m[4]!.trim().slice(0, 200) || date, kind: kinds.get(date) ?? 'holiday' });
  }
  return { value: [...out.values()].sort((a, b) => a.date.localeCompare(b.date)), bad };
}

function minutes(value: string, min: number): number | null {
  if (!/^\d{1,6}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= MAX_MINUTES ? n : null;
}

/**
 * Checks the whole form; either the policy parts to save, or every problem found.
 * @example const r = readSlaForm(values, current.calendar.holidays); if (!r.ok) show(r.problems);
 */
export function readSlaForm(v: SlaFormValues, known: readonly Holiday[]): { ok: true; value: SlaFormResult } | { ok: false; problems: SlaProblem[] } {
  const problems: SlaProblem[] = [];
  const callbackMinutes = minutes(v.callbackMinutes, 1);
  if (callbackMinutes === null) problems.push({ field: 'callbackMinutes', key: 'admin:settings.sla.error_callback', params: { max: MAX_MINUTES } });
  const escalateAfterMinutes = minutes(v.escalateAfterMinutes, 0);
  if (escalateAfterMinutes === null) problems.push({ field: 'escalateAfterMinutes', key: 'admin:settings.sla.error_escalate', params: { max: MAX_MINUTES } });
  if (v.clock !== 'working-hours' && v.clock !== 'calendar') problems.push({ field: 'clock', key: 'admin:settings.sla.error_clock' });

  const hours = (open: SlaField, close: SlaField, which: 'weekday' | 'weekend') => {
    const bad = [open, close].filter((f) => !TIME.test(v[f]));
    for (const field of bad) problems.push({ field, key: 'admin:settings.sla.error_time', params: { which } });
    if (bad.length) return { open: 0, close: 0 };
    const span = { open: toMinutes(v[open]), close: toMinutes(v[close]) };
    if (span.open >= span.close) problems.push({ field: open, key: `admin:settings.sla.error_hours_${which}` });
    return span;
  };
  const weekday = hours('weekdayOpen', 'weekdayClose', 'weekday');
  const weekend = hours('weekendOpen', 'weekendClose', 'weekend');

  const holidays = parseHolidays(v.holidays, known);
  for (const line of holidays.bad) problems.push({ field: 'holidays', key: 'admin:settings.sla.error_holiday', params: { line } });

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      callbackMinutes: callbackMinutes!, clock: v.clock as SlaFormResult['clock'], escalateAfterMinutes: escalateAfterMinutes!,
      weekday, weekend, holidays: holidays.value,
    },
  };
}

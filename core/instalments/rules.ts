/**
 * @module The rules of an instalment agreement (seed 001 status 6: services are restored "when … an instalment
 * agreement is signed; the status then returns to current"; cl. 12 para 3: the debt paid in stages). The schedule
 * covers the whole overdue debt; while the agreement is kept, the debt it covers does not make the account overdue;
 * a part unpaid after its date breaks it, and the account is overdue again from that part's date.
 */
import type { Result } from '../billing/port.ts';
import type { Position } from '../billing/ledger/position.ts';
import { almatyDate, DEFAULT_HOLIDAY_DATES, isWorkingDay, type HolidayDates } from '../billing/calendar.ts';
import { roundHalfUp } from '../billing/money.ts';
import { lateFrom } from '../billing/ledger/replay.ts';
import type { InstalmentAgreement, InstalmentPart } from './model.ts';

/** At most this many parts (the seeds name no limit; a year of monthly parts). */
export const MAX_INSTALMENT_PARTS = 12;

/**
 * Checks a schedule an agent typed: 1–12 parts, each a positive amount on a working day of the business calendar
 * (`holidays`: Settings → SLA) from today on, dates strictly increasing, and the parts adding up to the debt to cover,
 * to the tiyn.
 * @example validateSchedule([{ dueDate: '2026-04-24', amountTiyn: 100 }], 100, '2026-04-10') // { ok: true, value: [...] }
 * @example validateSchedule([{ dueDate: '2026-04-25', amountTiyn: 100 }], 100, '2026-04-10') // a Saturday: notWorkingDay
 */
export function validateSchedule(
  parts: InstalmentPart[], debtTiyn: number, today: string, holidays: HolidayDates = DEFAULT_HOLIDAY_DATES,
): Result<InstalmentPart[]> {
  if (parts.length === 0) return { ok: false, reason: 'rules:instalment.noParts' };
  if (parts.length > MAX_INSTALMENT_PARTS) return { ok: false, reason: 'rules:instalment.tooManyParts', params: { max: MAX_INSTALMENT_PARTS } };
  let previous = '';
  for (const part of parts) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(part.dueDate) || !Number.isSafeInteger(part.amountTiyn) || part.amountTiyn <= 0) return { ok: false, reason: 'rules:instalment.badPart' };
    if (part.dueDate < today) return { ok: false, reason: 'rules:instalment.dateInPast' };
    if (part.dueDate <= previous) return { ok: false, reason: 'rules:instalment.datesOrder' };
    if (!isWorkingDay(part.dueDate, holidays)) return { ok: false, reason: 'rules:instalment.notWorkingDay', params: { date: part.dueDate } };
    previous = part.dueDate;
  }
  const sum = parts.reduce((s, p) => s + p.amountTiyn, 0);
  if (sum !== debtTiyn) return { ok: false, reason: 'rules:instalment.sumMismatch', params: { amountTiyn: debtTiyn, sumTiyn: sum } };
  return { ok: true, value: parts };
}

/** Money paid into the account since the agreement was concluded. */
export function paidSince(position: Position, since: Date): number {
  return position.payments.filter((p) => p.kind === 'payment' && p.paidAt.getTime() >= since.getTime()).reduce((s, p) => s + p.amountTiyn, 0);
}

/** One payment obligation under a kept agreement: a part of the schedule, or a charge that was not late at conclusion. */
interface Obligation {
  dueDate: string;
  amountTiyn: number;
}

/**
 * The first obligation not covered by what was paid since the conclusion once its date has passed (its own day
 * counts as on time), or null. The obligations are the schedule's parts and every charge that was not yet late at
 * the conclusion: money paid goes to the old debt first (cl. 20), so keeping the agreement means paying both.
 */
export function firstMissed(agreement: InstalmentAgreement, position: Position, today: string): Obligation | null {
  const concludedAt = (agreement.concludedAt ?? agreement.requestedAt).getTime();
  const obligations: Obligation[] = [...agreement.parts];
  for (const s of position.snapshot.invoices) {
    if (s.invoice.kind === 'collection' || lateFrom(s.invoice).getTime() <= concludedAt) continue;
    obligations.push({ dueDate: s.invoice.dueDate, amountTiyn: s.invoice.amountTiyn });
  }
  obligations.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const paid = paidSince(position, new Date(concludedAt));
  let due = 0;
  for (const o of obligations) {
    due += o.amountTiyn;
    if (o.dueDate < today && due > paid) return o;
  }
  return null;
}

/** What an active agreement leaves of the account's position. */
export interface AgreementView {
  /** Principal and penalty still unpaid on the invoices already late at the conclusion (the debt it covers). */
  coveredLeftTiyn: number;
  /** The first part or later charge left unpaid after its date: the agreement is broken from that date. */
  missed: Obligation | null;
}

/** Reads the position in the light of an active agreement at `now`. */
export function viewAgreement(agreement: InstalmentAgreement, position: Position, now: Date): AgreementView {
  const concludedAt = (agreement.concludedAt ?? agreement.requestedAt).getTime();
  let coveredLeftTiyn = 0;
  for (const s of position.snapshot.invoices) {
    if (lateFrom(s.invoice).getTime() > concludedAt) continue;
    coveredLeftTiyn += Math.max(0, s.invoice.amountTiyn - s.principalPaidTiyn) + Math.max(0, roundHalfUp(s.penaltyAccrued, 10_000) - s.penaltyPaidTiyn);
  }
  return { coveredLeftTiyn, missed: firstMissed(agreement, position, almatyDate(now)) };
}

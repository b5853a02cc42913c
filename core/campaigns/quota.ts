/**
 * @module The quota of effective calls (seed 003 cl. 10: up to 5,000 additional outgoing effective calls over the
 * contract period, for marketing surveys): one counter per contract period across all campaigns, the period from
 * its first day (default 1 January, so 1 Jan – 31 Dec), alerts at 80 % and 95 % and at the cap, and what the cap does
 * (stop handing out contacts, or only warn). Settings are the `campaigns.quota` setting an administrator edits.
 */
import { addDays, almatyDate } from '../billing/calendar.ts';
import type { SettingsRepository } from '../settings/repository.ts';
import type { QuotaCounter, QuotaSettings } from './model.ts';

export const QUOTA_SETTING = 'campaigns.quota';

/** Seed 003 cl. 10: 5,000 effective calls; the contract period is the calendar year (01.01.2026–31.12.2026). */
export const DEFAULT_QUOTA: QuotaSettings = { cap: 5000, mode: 'stop', periodStart: '01-01' };

/** Percentages at which supervisors and marketing are alerted; 100 is the cap itself. */
export const QUOTA_THRESHOLDS = [80, 95, 100] as const;

export async function loadQuotaSettings(settings: SettingsRepository): Promise<QuotaSettings> {
  return { ...DEFAULT_QUOTA, ...((await settings.get<Partial<QuotaSettings>>(QUOTA_SETTING)) ?? {}) };
}

export async function saveQuotaSettings(settings: SettingsRepository, value: QuotaSettings): Promise<void> {
  await settings.set(QUOTA_SETTING, value);
}

/** A valid `MM-DD` (29 February is refused: a period must start on the same day every year). */
export function isPeriodStart(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2025, month, 0)).getUTCDate();
}

/**
 * The contract period containing `at` (Almaty days): its first and last day.
 * @example quotaPeriod({ periodStart: '01-01' }, new Date('2026-07-01T00:00:00Z')) // { start: '2026-01-01', end: '2026-12-31' }
 */
export function quotaPeriod(settings: Pick<QuotaSettings, 'periodStart'>, at: Date): { start: string; end: string } {
  const today = almatyDate(at);
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${settings.periodStart}`;
  const start = today >= thisYear ? thisYear : `${year - 1}-${settings.periodStart}`;
  const end = addDays(`${Number(start.slice(0, 4)) + 1}-${settings.periodStart}`, -1);
  return { start, end };
}

export interface QuotaStatus {
  settings: QuotaSettings;
  period: { start: string; end: string };
  used: number;
  pending: number;
  /** Effective calls still possible (never below 0). */
  left: number;
  percent: number;
  /** The cap is reached by effective and pending calls together: in `stop` mode no contact is handed out. */
  full: boolean;
}

export function quotaStatus(settings: QuotaSettings, period: { start: string; end: string }, counter: QuotaCounter): QuotaStatus {
  const pending = Math.max(0, counter.taken - counter.used);
  return {
    settings, period, used: counter.used, pending,
    left: Math.max(0, settings.cap - counter.used),
    percent: settings.cap > 0 ? Math.floor((counter.used * 100) / settings.cap) : 100,
    full: counter.taken >= settings.cap,
  };
}

/** The thresholds `used` has reached (each is alerted once per period). */
export function thresholdsReached(used: number, cap: number): number[] {
  return QUOTA_THRESHOLDS.filter((t) => used * 100 >= t * cap);
}

/**
 * @module Formatting for console pages. Times are shown in Asia/Almaty (UTC+5, no DST) by fixed-offset arithmetic,
 * never the machine's time zone.
 */
const ALMATY_OFFSET_MS = 5 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `dd.mm.yyyy HH:MM` in Almaty time.
 * @example formatDateTime(new Date('2026-03-01T04:00:00Z')) // '01.03.2026 09:00'
 */
export function formatDateTime(at: Date): string {
  const d = new Date(at.getTime() + ALMATY_OFFSET_MS);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * How an agent signs in the subscriber's chat: the first word of their console name.
 * @example firstName('Айгүл Бекова') // 'Айгүл'
 */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** `yyyy-mm-dd` of the Almaty calendar day, as an `<input type="date">` value. */
export function formatDateInput(at: Date): string {
  const d = new Date(at.getTime() + ALMATY_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Start of the Almaty calendar day `yyyy-mm-dd`, as an instant; `plusDays` moves whole days. */
export function almatyDayStart(day: string, plusDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + plusDays) - ALMATY_OFFSET_MS);
}

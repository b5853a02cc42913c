/**
 * @module Retention periods (PRODUCT.md defaults table, "Transcript retention"): chat transcripts — the conversation
 * log and every ticket's transcript alike — are kept `TRANSCRIPT_RETENTION_MONTHS` (default 3: seed 003 cl. 26,
 * "recordings kept 3 months"); a subscriber's personal data is kept `PERSONAL_DATA_RETENTION_YEARS` after the
 * contract ended (default 3: contract App. 5 cl. 15, "шарттың қолданыс мерзімі тоқтатылғаннан кейінгі келесі үш жыл
 * ішінде" — for the three years after the contract ends).
 */

export interface RetentionPolicy {
  /** Months a chat message or a ticket message is kept. */
  transcriptMonths: number;
  /** Years after the contract's end a subscriber's personal data is kept. */
  personalDataYears: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { transcriptMonths: 3, personalDataYears: 3 };

/**
 * `now` minus `months` calendar months (UTC).
 * @example monthsBefore(new Date('2026-06-15T00:00:00Z'), 3) // 2026-03-15T00:00:00Z
 */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

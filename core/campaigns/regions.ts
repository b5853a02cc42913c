/**
 * @module A contact's local time. All of Kazakhstan has kept one time, UTC+5, since 1 March 2024 (the eastern regions
 * moved from UTC+6), so every region — oblasts, the three cities of republican significance and the operator's
 * regional branches — is at +5. The contact keeps its own offset all the same, so the calling rules hold unchanged if
 * a list ever carries contacts elsewhere; this table is the one place to say so.
 */

/** UTC+5: Asia/Almaty since 2024-03-01, the whole country. */
export const KAZAKHSTAN_OFFSET_MINUTES = 300;

/** Offsets the calling rules must consider for a claim (every offset a contact can have). */
export const CONTACT_OFFSETS: readonly number[] = [KAZAKHSTAN_OFFSET_MINUTES];

/** The UTC offset of a contact in this region (any Kazakh region, an unknown or empty one: the country's time). */
export function regionOffsetMinutes(_region: string | null): number {
  return KAZAKHSTAN_OFFSET_MINUTES;
}

/** @module Text rules both stores share, so a search or a list reads the same whichever store answers. */

/**
 * The words of a name search, lower-cased, at most 5.
 * @example nameWords('  Айгүл  СЕРІК ') // ['айгүл', 'серік']
 */
export const nameWords = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);

/** Regions in the order people read them (the Cyrillic alphabet). */
export const sortRegions = (regions: string[]): string[] => [...regions].sort((a, b) => a.localeCompare(b, 'ru'));

/** @module Text rules both stores share, so a search or a list reads the same whichever store answers. */

/**
 * A name as the search compares it: lower-cased in every script (Cyrillic and Kazakh letters included).
 * @example foldName('Айгүл СЕРІКҚЫЗЫ') // 'айгүл серікқызы'
 */
export const foldName = (name: string): string => name.toLowerCase();

/**
 * The words of a name search, folded like the names, at most 5.
 * @example nameWords('  Айгүл  СЕРІК ') // ['айгүл', 'серік']
 */
export const nameWords = (text: string): string[] => foldName(text).split(/\s+/).filter(Boolean).slice(0, 5);

/** Regions in the order people read them (the Cyrillic alphabet). */
export const sortRegions = (regions: string[]): string[] => [...regions].sort((a, b) => a.localeCompare(b, 'ru'));

/**
 * @module Typed answers to a menu: "2", "2.", the label ("Баланс"), or a synonym select a choice. This is how
 * numbered-list channels (WhatsApp) and people who type instead of tapping reach the same dialogs.
 */
import type { Choice } from './types.ts';

/** Lower-case, without emoji, punctuation around the words, and extra spaces. */
export function normaliseAnswer(text: string): string {
  return text
    .toLocaleLowerCase('ru')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/[«»"'.,!?;:()[\]—–-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The choice a typed answer selects, or null.
 * @example matchChoice('2', [{ id: 'a', label: 'А' }, { id: 'b', label: 'Б' }]) // { id: 'b', ... }
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | null {
  const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
  if (number) return choices[Number(number[1]) - 1] ?? null;
  const answer = normaliseAnswer(text);
  if (!answer) return null;
  return (
    choices.find((c) => normaliseAnswer(c.label) === answer) ??
    choices.find((c) => (c.synonyms ?? []).some((s) => normaliseAnswer(s) === answer)) ??
    null
  );
}

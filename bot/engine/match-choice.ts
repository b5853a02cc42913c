/**
 * @module Typed answers to a menu: "2", "2.", the label ("Баланс"), or a synonym select a choice. This is how
 * numbered-list channels (WhatsApp) and people who type instead of tapping reach the same dialogs. One typed word
 * with a slip ("балнс", "оплотить") selects the choice it is one letter away from (two for long words), when that
 * choice is the only one so close.
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
    nearChoice(answer, choices)
  );
}

/** Shortest typed word a slip is forgiven in: shorter words ("да", "нет") are too easily another word. */
const MIN_SLIP_WORD = 4;

/** The only choice whose label word or synonym is a slip away from the one typed word, or null. */
function nearChoice(answer: string, choices: readonly Choice[]): Choice | null {
  if (answer.includes(' ') || [...answer].length < MIN_SLIP_WORD || /\d/.test(answer)) return null;
  const allowed = [...answer].length >= 7 ? 2 : 1;
  const near = choices.filter((c) =>
    [...normaliseAnswer(c.label).split(' '), ...(c.synonyms ?? []).map(normaliseAnswer)]
      .some((word) => [...word].length >= MIN_SLIP_WORD && editDistance(answer, word, allowed) <= allowed));
  return near.length === 1 ? near[0]! : null;
}

/** Levenshtein distance with a swap of neighbours counted as one, stopping early above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let before: number[] = [];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      next.push(best);
    }
    if (Math.min(...next) > limit) return limit + 1;
    before = row;
    row = next;
  }
  return row[y.length]!;
}

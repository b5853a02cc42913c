/**
 * The ids of conversation lines and chat contacts (core/ports/ids.ts): RFC 9562 version-7 UUIDs, so a newer row's id
 * sorts after an older one's and lands at the end of its index.
 */
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../core/ports/ids.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  it('Should be a version-7 UUID carrying the current millisecond, unique, and sort after the ids of earlier milliseconds', async () => {
    const before = Date.now();
    const first = timeOrderedId();
    expect(first).toMatch(V7);
    expect(parseInt(first.replace('-', '').slice(0, 12), 16)).toBeGreaterThanOrEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 3));
    const later = Array.from({ length: 1000 }, timeOrderedId);
    expect(new Set(later).size).toBe(1000);
    expect(later.every((id) => id > first)).toBe(true);
  });
});

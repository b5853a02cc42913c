/**
 * The compiled product is ASCII only (issue 21: a single non-ASCII letter in a comment or a regular expression makes
 * V8 hold the whole bundle's source as a two-byte string, twice the memory), and escaping what esbuild leaves as
 * written changes nothing a subscriber types past the product's patterns: a ticket number written with a Cyrillic
 * «Т» or «№», amounts in tenge, «ё» folded, emoji.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../core/build/bundle.mjs';
import { ensureBuilt } from '../../core/build/fresh.mjs';
import { projectRoot } from '../helpers/spawn-product.ts';

/** A module's worth of source as written, with the patterns' shapes the product uses; returns its functions. */
const SOURCE = String.raw`
// Номер заявки: «Т-12», «№ 12» — a comment in Russian
const ticket = (text) => /^\s*(?:[TtТт]\s*-?\s*|№\s*|#\s*)?0*(\d{1,9})\s*$/.exec(text)?.[1] ?? null;
const amount = (text) => text.toLowerCase().replace(/[\s\u00a0]/g, '').replace(/(₸|тг|тенге|теңге|kzt)\.?$/u, '');
const fold = (text) => text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const smile = (text) => /😀/u.test(text) && /\ё/.test(text);
return { ticket, amount, fold, smile };
`;

type Fns = { ticket(t: string): string | null; amount(t: string): string; fold(t: string): string; smile(t: string): boolean };
const load = (source: string) => new Function(source)() as Fns;

describe('The ASCII-only bundle', () => {
  it('Should read what subscribers type exactly as the source as written does', () => {
    const escaped = asciiOnly(SOURCE);
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    const [before, after] = [load(SOURCE), load(escaped)];
    for (const text of ['Т-12', 'т 7', '№ 0042', '#5', 'T12', 'заявка 12']) expect(after.ticket(text)).toBe(before.ticket(text));
    expect(after.ticket('№ 0042')).toBe('42');
    for (const text of ['1 500 ₸', '2000 тг.', '300 теңге', '10 KZT']) expect(after.amount(text)).toBe(before.amount(text));
    expect(after.fold('Ещё, счёт!')).toBe('еще счет');
    expect(after.smile('😀 ё')).toBe(true);
    expect(after.smile('ё')).toBe(false);
  });

  it('Should leave no character outside ASCII in dist/ once built', async () => {
    await ensureBuilt();
    const dist = join(projectRoot, 'dist');
    const files = ['main.js', ...readdirSync(join(dist, 'chunks')).map((f) => join('chunks', f))];
    for (const file of files) expect(readFileSync(join(dist, file), 'utf8'), file).toMatch(/^[\x00-\x7f]*$/);
  }, 60_000);
});

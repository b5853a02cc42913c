/** Every report and live-view string exists in Kazakh and in Russian: each `reports:` key the source names, each status, month and section. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../core/i18n/i18n.ts';
import { AGENT_STATUSES, FORCEABLE_STATUSES } from '../../core/reports/model.ts';

const root = join(import.meta.dirname, '../..');
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
});

describe('report strings in kk and ru', () => {
  it('Should have every reports: key the source names, in both languages', () => {
    const used = new Set<string>();
    for (const file of [...files(join(root, 'admin')), ...files(join(root, 'core/reports'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"`](reports:[A-Za-z0-9_.]+[A-Za-z0-9_])['"`]/g)) used.add(m[1]!);
      if (file.endsWith('sections.ts')) for (const m of text.matchAll(/k\('([a-z_.]+)'/g)) used.add(`reports:${m[1]}`);
    }
    for (const s of AGENT_STATUSES) used.add(`reports:status.name.${s}`);
    for (const s of FORCEABLE_STATUSES) used.add(`reports:live.force.${s}`);
    for (let m = 1; m <= 12; m += 1) used.add(`reports:month.${String(m).padStart(2, '0')}`);
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].flatMap((key) => (['kk', 'ru'] as const).filter((lng) => !i18n().exists(key, { lng })).map((lng) => `${lng} ${key}`));
    expect(missing).toEqual([]);
  });
});

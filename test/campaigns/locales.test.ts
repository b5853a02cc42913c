/**
 * Every campaign string a person can meet exists in Kazakh and in Russian: each `campaigns:` key the console pages and
 * the campaign module name, every reason a use case or an import can give, every outcome code and state.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../core/i18n/i18n.ts';
import { CAMPAIGN_STATES, CONTACT_STATES, ISSUE_REASONS, QUESTION_TYPES } from '../../core/campaigns/model.ts';
import { OUTCOME_CODES } from '../../core/campaigns/outcomes.ts';

const root = join(import.meta.dirname, '../..');
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
});

describe('campaign strings in kk and ru', () => {
  it('Should have every campaigns: key the source names, in both languages', () => {
    const used = new Set<string>();
    const sources = [...files(join(root, 'admin')), ...files(join(root, 'core/campaigns'))];
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](campaigns:[A-Za-z0-9_.]+[A-Za-z0-9_])['"`]/g)) used.add(m[1]!);
      // Keys a use case returns without the namespace ('error.stale', 'import.error.busy' …).
      for (const m of readFileSync(file, 'utf8').matchAll(/refuse\('([a-z_.]+)'/g)) used.add(`campaigns:${m[1]}`);
    }
    for (const code of OUTCOME_CODES) used.add(`campaigns:outcome.${code}`).add(`campaigns:outcome_help.${code}`);
    for (const s of CAMPAIGN_STATES) used.add(`campaigns:state.${s}`);
    for (const s of CONTACT_STATES) used.add(`campaigns:contact_state.${s}`);
    for (const r of ISSUE_REASONS) used.add(`campaigns:import.reason.${r}`);
    for (const q of QUESTION_TYPES) used.add(`campaigns:type.${q}`).add(`campaigns:type_hint.${q}`);
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].flatMap((key) => (['kk', 'ru'] as const).filter((lng) => !i18n().exists(key, { lng })).map((lng) => `${lng} ${key}`));
    expect(missing).toEqual([]);
  });
});

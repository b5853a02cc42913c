import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const importsOf = (text: string) => [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('layering', () => {
  it('Should keep core/ free of imports from bot/ and admin/', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(root, 'core'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (/(^|\/)(bot|admin)\//.test(spec) && spec.startsWith('.')) offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('Should keep the engine and dialogs free of channel packages (telegraf, whatsapp-web.js)', () => {
    const offenders: string[] = [];
    for (const dir of ['bot/engine', 'bot/dialogs']) {
      let files: string[] = [];
      try {
        files = sourceFiles(join(root, dir));
      } catch {
        continue;
      }
      for (const file of files) {
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          if (/^(telegraf|whatsapp-web\.js)/.test(spec) || /\/(telegram|whatsapp|webchat)\//.test(spec)) offenders.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('Should detect a forbidden import (the check itself works)', () => {
    expect(importsOf(`import { x } from '../../bot/engine/index.ts';`)).toEqual(['../../bot/engine/index.ts']);
  });
});

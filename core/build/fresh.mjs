/**
 * @module Whether dist/main.js is up to date with its sources, and building it when not: the check `npm start` makes
 * before it runs the compiled product (start.mjs), also used by the benchmarks that start it. Nothing changed: one
 * stat per source file it was built from, a few milliseconds.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const compiledMain = join(projectRoot, 'dist', 'main.js');
const inputsFile = join(projectRoot, 'dist', 'inputs.json');

/** True when dist/main.js is missing, was built by another Node, or a file it was built from changed or went. */
export function stale() {
  if (!existsSync(compiledMain) || !existsSync(inputsFile)) return true;
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    if (inputs.node !== process.version) return true;
    for (const [file, mtimeMs, size] of inputs.files) {
      const s = statSync(join(projectRoot, file), { throwIfNoEntry: false });
      if (!s || s.mtimeMs !== mtimeMs || s.size !== size) return true;
    }
    return false;
  } catch {
    return true;
  }
}

/** Builds dist/main.js if it is stale; returns the build's milliseconds, or null when nothing had changed. */
export async function ensureBuilt() {
  if (!stale()) return null;
  const { buildProduct } = await import('./bundle.mjs');
  return buildProduct(projectRoot);
}

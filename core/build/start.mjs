/**
 * @module `npm start`: runs the product as compiled JavaScript (issue 21: no transpiling at run time, so no loader
 * thread, no source maps, a lighter process). Builds `dist/main.js` from main.ts with esbuild when a source file it
 * was built from changed (or on the first start), then runs it in this same process. Nothing changed: one stat per
 * source file, a few milliseconds. Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'main.js');
const inputsFile = join(root, 'dist', 'inputs.json');

/** True when dist/main.js is missing or any file it was built from changed size, time or disappeared. */
function stale() {
  if (!existsSync(out) || !existsSync(inputsFile)) return true;
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    if (inputs.node !== process.version) return true;
    for (const [file, mtimeMs, size] of inputs.files) {
      const s = statSync(join(root, file), { throwIfNoEntry: false });
      if (!s || s.mtimeMs !== mtimeMs || s.size !== size) return true;
    }
    return false;
  } catch {
    return true;
  }
}

if (stale()) {
  const { buildProduct } = await import('./bundle.mjs');
  const took = await buildProduct(root);
  process.stdout.write(`  Built dist/main.js in ${took} ms\n`);
}
try {
  const { main } = await import(pathToFileURL(out).href);
  await main();
} catch (err) {
  process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

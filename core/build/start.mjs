/**
 * @module `npm start`: runs the product as compiled JavaScript (issue 21: no transpiling at run time, so no loader
 * thread and no source maps: a lighter process that starts sooner). Builds dist/main.js from main.ts with esbuild when
 * a source file it was built from changed, or on the first start (fresh.mjs), then runs it in this same process.
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { pathToFileURL } from 'node:url';
import { compiledMain, ensureBuilt } from './fresh.mjs';

try {
  const took = await ensureBuilt();
  if (took !== null) process.stdout.write(`  Built dist/main.js in ${took} ms\n`);
  const { main } = await import(pathToFileURL(compiledMain).href);
  await main();
} catch (err) {
  process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

/**
 * @module Bundles main.ts and everything it imports from bot/, core/ and admin/ into dist/main.js with esbuild (which
 * tsx already brings), packages left as imports from node_modules, what is imported only when needed in chunks of its
 * own, and records the inputs (path, time, size) that
 * fresh.mjs checks. Each module's `import.meta.url` stays its own source file's address, so the files read beside
 * the code (locales, page styles, console assets) are found as when run from source.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Keeps `import.meta.url` of each source file pointing at that file, not at the bundle. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const contents = text.includes('import.meta.url') ? text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)) : text;
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * zod's error messages in 48 languages are a sixth of the bundle (366 kB to read and compile at every start); the
 * product writes its own messages (admin/validation.ts) and zod uses English unless told otherwise, so only `en` is
 * kept: `z.locales` has `en` alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * The output in ASCII only. esbuild escapes strings and templates but leaves comments and regular-expression literals
 * as written, and a single Cyrillic letter makes V8 hold the whole file's source as a two-byte string: 4.8 MiB instead
 * of 2.4 for dist/main.js, for the life of the process. `\uXXXX` means the same character in a regular expression
 * (with or without the u flag; an identity escape `\ё` is the letter itself) and is harmless in a comment.
 */
export function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_all, slashes, ch) => {
    const escaped = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return slashes.length % 2 ? slashes.slice(1) + escaped : slashes + escaped;
  });
}

/** Loaded at every start, plain JavaScript, no files of their own read at run time: bundled into dist/. */
const BUNDLED = ['zod', 'hono', '@hono/node-server', 'i18next', 'libphonenumber-js', 'dotenv', 'csv-stringify', 'csv-parse', 'pino'];

/** Every dependency but BUNDLED (and their subpaths), as esbuild `external` patterns. */
function externalPackages(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.includes(n));
  return [...names, ...names.map((n) => `${n}/*`), 'telegraf/*'];
}

/** Builds dist/main.js under `root`; returns how long it took (ms). */
export async function buildProduct(root) {
  const started = Date.now();
  const { build } = await import('esbuild');
  const outdir = join(root, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['main.ts'],
    outdir,
    // What main.ts imports only when configured (mongoose, WhatsApp, exceljs …) goes into chunks loaded on demand:
    // one file would import every package at start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages stay imports from node_modules, except small pure-JavaScript ones loaded at every start: bundled, they
    // are one file to read and compile instead of hundreds (zod alone is about a hundred modules, ~150 ms to load).
    external: externalPackages(root),
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    write: false,
    logLevel: 'error',
    plugins: [ownUrls, zodEnglishOnly],
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.path.endsWith('.js') ? asciiOnly(file.text) : file.contents);
  }
  // Our sources one by one; a bundled package's files by its package.json and npm's record of the installed tree
  // (node_modules/.package-lock.json, rewritten by every npm install), so the check at start stats a third fewer files.
  const ours = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('zod-locales:') && !file.includes('node_modules/'));
  const installed = ['node_modules/.package-lock.json', ...BUNDLED.map((name) => `node_modules/${name}/package.json`)].filter((file) => existsSync(join(root, file)));
  const files = [...ours, ...installed, 'package.json', 'tsconfig.json', 'core/build/bundle.mjs', 'core/build/fresh.mjs'].map((file) => {
    const s = statSync(join(root, file));
    return [relative(root, join(root, file)), s.mtimeMs, s.size];
  });
  writeFileSync(join(outdir, 'inputs.json'), JSON.stringify({ node: process.version, files }));
  return Date.now() - started;
}

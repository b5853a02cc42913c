/**
 * @module iconv-lite, loaded the first time a call list is decoded rather than at every start (issue 21: load only
 * what is used; it is about 20 ms of a cold start).
 */
import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');

const load = createRequire(import.meta.url);
let loaded: Iconv | undefined;

/** The iconv-lite module (required on first use). */
export function iconv(): Iconv {
  loaded ??= load('iconv-lite') as Iconv;
  return loaded;
}

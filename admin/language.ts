/**
 * @module The console's language (kk/ru): the choice remembered in a cookie, else the user's saved language, else
 * the browser's Accept-Language, else Russian. Sets `lang` and a translator `t` fixed to it.
 */
import type { MiddlewareHandler } from 'hono';
import { translator } from '../core/i18n/i18n.ts';
import type { Language } from '../core/i18n/model.ts';
import { LANGUAGE_COOKIE, readCookie } from './auth/cookies.ts';
import type { ConsoleEnv } from './context.ts';

export function isLanguage(value: unknown): value is Language {
  return value === 'kk' || value === 'ru';
}

function fromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return null;
}

export function languageMiddleware(): MiddlewareHandler<ConsoleEnv> {
  return async function consoleLanguage(c, next) {
    const cookie = readCookie(c, LANGUAGE_COOKIE);
    const lang: Language = isLanguage(cookie)
      ? cookie
      : (c.get('user')?.language ?? fromAcceptLanguage(c.req.header('accept-language')) ?? 'ru');
    c.set('lang', lang);
    c.set('t', translator(lang));
    await next();
  };
}

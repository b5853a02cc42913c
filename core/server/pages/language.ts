/**
 * @module The language of a page served outside the console: the `kt_lang` cookie (set by the web chat once the
 * subscriber's language is known), else the browser's Accept-Language (the first of kk/ru it names), else Russian.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Language } from '../../i18n/model.ts';

export const SITE_LANGUAGE_COOKIE = 'kt_lang';

const isLanguage = (v: unknown): v is Language => v === 'kk' || v === 'ru';

/** The first kk or ru an Accept-Language header names, by its order (quality values aside, browsers sort them). */
export function languageFromHeader(header: string | undefined): Language | null {
  for (const part of (header ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return null;
}

export function pageLanguage(c: Context): Language {
  const cookie = getCookie(c, SITE_LANGUAGE_COOKIE);
  return isLanguage(cookie) ? cookie : (languageFromHeader(c.req.header('accept-language')) ?? 'ru');
}

/** Remembers the visitor's language for these pages (not a secret: readable, a year, the whole site). */
export function rememberPageLanguage(c: Context, language: Language, secure: boolean): void {
  setCookie(c, SITE_LANGUAGE_COOKIE, language, { path: '/', sameSite: 'Lax', secure, maxAge: 365 * 24 * 60 * 60 });
}

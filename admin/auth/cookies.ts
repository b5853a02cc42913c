/**
 * @module The console's cookies and their flags: HttpOnly, SameSite=Lax, Path=/admin, and Secure when the product
 * is served over https (PUBLIC_URL). The session cookie holds only a random token; the store keeps its hash.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../core/config/config.ts';
import { SESSION_TTL_MS } from '../../core/users/sessions.ts';
import { BASE } from '../context.ts';

export const SESSION_COOKIE = 'kt_console';
/** Double-submit CSRF token for the forms shown before sign-in (sign-in itself, language switch). */
export const PRE_SESSION_COOKIE = 'kt_console_pre';
export const LANGUAGE_COOKIE = 'kt_console_lang';

function flags(config: Config) {
  return {
    path: BASE,
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: config.PUBLIC_URL?.startsWith('https://') ?? false,
  };
}

export function readCookie(c: Context, name: string): string | undefined {
  return getCookie(c, name);
}

export function setSessionCookie(c: Context, config: Config, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...flags(config), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, flags(config));
}

export function setPreSessionCookie(c: Context, config: Config, token: string): void {
  setCookie(c, PRE_SESSION_COOKIE, token, { ...flags(config), maxAge: 2 * 60 * 60 });
}

export function setLanguageCookie(c: Context, config: Config, language: string): void {
  setCookie(c, LANGUAGE_COOKIE, language, { ...flags(config), maxAge: 365 * 24 * 60 * 60 });
}

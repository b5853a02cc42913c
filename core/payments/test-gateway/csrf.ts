/**
 * @module CSRF protection for the TEST payment page's Confirm and Decline (issue 20 item 8). The page needs no
 * session, so the token is bound to a random value in a cookie only our own pages can set (SameSite=Strict, path
 * `/pay/test`) and to the payment: HMAC(key, payment id + cookie). Another site can make a browser post the form but
 * can neither read the cookie nor compute the token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const PAY_CSRF_COOKIE = 'kt_pay_csrf';
const NONCE_RE = /^[A-Za-z0-9_-]{22,64}$/;

export class TestPageCsrf {
  constructor(private readonly key: string, private readonly secure: boolean) {}

  private mac(paymentId: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`pay-test:${paymentId}:${nonce}`).digest('base64url');
  }

  /** The token for the page's forms; sets the cookie when the browser has none yet. */
  issue(c: Context, paymentId: string): string {
    let nonce = getCookie(c, PAY_CSRF_COOKIE);
    if (!nonce || !NONCE_RE.test(nonce)) {
      nonce = randomBytes(24).toString('base64url');
      setCookie(c, PAY_CSRF_COOKIE, nonce, { path: '/pay/test', httpOnly: true, sameSite: 'Strict', secure: this.secure, maxAge: 24 * 60 * 60 });
    }
    return this.mac(paymentId, nonce);
  }

  /** True when the posted token belongs to this payment and this browser's cookie. */
  check(c: Context, paymentId: string, token: unknown): boolean {
    const nonce = getCookie(c, PAY_CSRF_COOKIE);
    if (!nonce || !NONCE_RE.test(nonce) || typeof token !== 'string' || token.length > 100) return false;
    const expected = Buffer.from(this.mac(paymentId, nonce));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

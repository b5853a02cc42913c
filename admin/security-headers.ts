/**
 * @module Security headers for every console response: a strict CSP (scripts and styles only from our own files,
 * no inline code), no framing, no referrer leaks, and no caching of pages that hold subscriber data.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
  crossOriginEmbedderPolicy: false,
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

export function consoleSecurityHeaders(): MiddlewareHandler {
  return async function consoleHeaders(c, next) {
    await headers(c, async () => {
      await next();
      if (!c.req.path.includes('/assets/')) c.header('Cache-Control', 'no-store');
    });
  };
}

/**
 * @module The security limits (issue 20): request-body sizes, the trusted proxy, the callback rate, one-time-code
 * budgets per number and per requester (chat, client address), web-chat event streams and console sign-in delays.
 * Merged into the configuration schema (core/config/config.ts), so they are read, validated and reported with every
 * other setting; README "Security" lists them.
 */
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

const positive = z.coerce.number().int().positive();

/**
 * `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges of the reverse proxies in front of the product.
 * Only a request arriving from one of them has its client address read from `X-Forwarded-For`.
 */
const proxyList = z
  .string()
  .transform((text, ctx) => {
    const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const family = isIP(address ?? '');
      const maxBits = family === 6 ? 128 : 32;
      if (!family || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range` });
      }
    }
    return entries;
  })
  .default([]);

export const securitySettings = {
  /** Every request body, unless its route declares another limit (core/server/body-limit.ts). */
  BODY_LIMIT_KB: positive.default(64),
  /** Web-chat posts (`/webchat/send`): a 2,000-character message in any script fits. */
  BODY_LIMIT_CHAT_KB: positive.default(8),
  /** Gateway callbacks (`/pay/result`) and the test payment page's buttons. */
  BODY_LIMIT_CALLBACK_KB: positive.default(8),
  /** File uploads (call-list imports). */
  BODY_LIMIT_UPLOAD_MB: positive.default(20),
  TRUSTED_PROXIES: proxyList,
  /** Result callbacks accepted per client address per minute (the route needs no session). */
  PAY_RESULT_PER_MINUTE: positive.default(60),

  /** Codes per number in any rolling 24 hours, all chats together (the hourly cap is OTP_MAX_PER_HOUR). */
  OTP_MAX_PER_DAY: positive.default(10),
  /** Wrong codes one chat or one client address may type for one number in 24 hours, across its codes. */
  OTP_MAX_WRONG_PER_DAY: positive.default(10),
  /** Distinct numbers one client address may ask codes for in an hour (per chat: OTP_MAX_NUMBERS_PER_CHAT a day). */
  OTP_MAX_NUMBERS_PER_ADDRESS: positive.default(10),

  /** Open web-chat event streams (tabs) per session and per client address. */
  WEBCHAT_STREAMS_PER_SESSION: positive.default(8),
  WEBCHAT_STREAMS_PER_ADDRESS: positive.default(64),

  /** Wrong console passwords from one client for one account before each further try waits (doubling). */
  LOGIN_FREE_ATTEMPTS: positive.default(5),
  /** The longest such wait. */
  LOGIN_MAX_DELAY_MINUTES: positive.default(15),
};

/** The trusted proxies as a matcher (`BlockList` understands IPv4, IPv6 and both kinds of range). */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

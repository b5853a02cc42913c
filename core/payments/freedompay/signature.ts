/**
 * @module Freedom Pay (formerly PayBox.money) message signature. Every request and answer between the merchant and
 * the gateway carries `pg_sig` = MD5 (lower-case hex) of: the called script's name (the last path segment, e.g.
 * `init_payment.php` or `result`), then the values of all other fields sorted by field name, then the merchant's
 * secret key — joined with `;`. `pg_salt` (a random string) is one of the fields, so equal messages sign differently.
 * @see https://docs.freedompay.kz — "Signature generation"
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Fields = Record<string, string>;

/** The name the signature starts with: the last segment of a URL path, without the query. */
export function scriptNameOf(urlOrPath: string): string {
  const path = urlOrPath.replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Computes `pg_sig` for the fields (any `pg_sig` among them is ignored).
 * @example sign('init_payment.php', { pg_merchant_id: '1', pg_amount: '25', pg_salt: 'x' }, 'secret')
 */
export function sign(scriptName: string, fields: Fields, secretKey: string): string {
  const values = Object.keys(fields)
    .filter((name) => name !== 'pg_sig')
    .sort()
    .map((name) => fields[name] ?? '');
  return createHash('md5').update([scriptName, ...values, secretKey].join(';'), 'utf8').digest('hex');
}

/** True when `pg_sig` is present and matches; compared in constant time. */
export function verify(scriptName: string, fields: Fields, secretKey: string): boolean {
  const given = fields.pg_sig;
  if (!given || !/^[0-9a-f]{32}$/i.test(given)) return false;
  const expected = sign(scriptName, fields, secretKey);
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(given.toLowerCase(), 'utf8'));
}

/** A fresh `pg_salt`: random Latin letters and digits. */
export function salt(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

/** Adds `pg_salt` (if missing) and `pg_sig` to the fields. */
export function signed(scriptName: string, fields: Fields, secretKey: string): Fields {
  const withSalt = { ...fields, pg_salt: fields.pg_salt ?? salt() };
  return { ...withSalt, pg_sig: sign(scriptName, withSalt, secretKey) };
}

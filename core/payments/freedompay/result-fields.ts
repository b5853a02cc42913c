/**
 * @module The exact shape of a Freedom Pay result callback, checked before anything is verified, stored or logged
 * (issue 20 items 2 and 5). The signature joins values with `;` unescaped, so a signed message can be re-split into
 * other fields with the same joined text — a captured *decline* rearranged into a *success* (see
 * test/payments/callback-shape.test.ts). Refusing `;` anywhere, requiring `pg_salt`, and accepting only the documented
 * fields, each with its own type and length, leaves one way to read a signed text: the way it was signed.
 * @see https://docs.freedompay.kz — Merchant API, "Result notify"
 */
import { z } from 'zod';
import { preview } from '../../logging/preview.ts';
import type { Fields } from './signature.ts';

const SEPARATOR = ';';

const text = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters');
const amount = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'not an amount');
const flag = z.enum(['0', '1']);
const currency = z.string().regex(/^[A-Z]{3}$/, 'not a currency code');
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'not a date');
const token = (max: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_.-]{1,${max}}$`), 'unexpected characters');

/** Every field the gateway may send, with its type. Required ones are what settlement reads, plus salt and signature. */
const RESULT_FIELDS = z.strictObject({
  // Our order id is a UUID; the gateway's transaction id is digits (the test gateway prefixes TEST-).
  pg_order_id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not one of our order ids'),
  pg_payment_id: z.string().regex(/^(TEST-)?\d{1,20}$/, 'not a gateway payment id'),
  pg_amount: amount,
  pg_currency: currency,
  pg_result: flag,
  pg_salt: token(64),
  pg_sig: z.string().regex(/^[0-9a-f]{32}$/i, 'not a signature'),

  pg_net_amount: amount.optional(),
  pg_ps_amount: amount.optional(),
  pg_ps_full_amount: amount.optional(),
  pg_ps_currency: currency.optional(),
  pg_overpayment: amount.optional(),
  pg_payment_system: token(40).optional(),
  pg_payment_method: token(40).optional(),
  pg_description: text(1024).optional(),
  pg_payment_date: dateTime.optional(),
  pg_can_reject: flag.optional(),
  pg_captured: flag.optional(),
  pg_testing_mode: flag.optional(),
  pg_need_email_notification: flag.optional(),
  pg_user_phone: z.string().regex(/^\d{5,15}$/, 'not a phone number').optional(),
  pg_user_contact_email: z.email().max(254).optional(),
  pg_card_pan: z.string().regex(/^[0-9X*-]{8,23}$/, 'not a masked card number').optional(),
  pg_card_exp: z.string().regex(/^\d{2}\/\d{2,4}$/, 'not a card expiry').optional(),
  pg_card_owner: text(100).optional(),
  pg_card_brand: token(20).optional(),
  pg_card_id: token(40).optional(),
  pg_card_hash: token(128).optional(),
  pg_auth_code: token(16).optional(),
  pg_reference: token(40).optional(),
  pg_recurring_profile_id: token(40).optional(),
  pg_recurring_profile_expiry_date: dateTime.optional(),
  pg_failure_code: z.string().regex(/^\d{1,10}$/, 'not a failure code').optional(),
  pg_failure_description: text(1024).optional(),
});

export type ResultFields = z.output<typeof RESULT_FIELDS>;

/** What the callback carried, as the HTTP layer parsed it: a field given twice or a file is a list or an object. */
export type RawFields = Record<string, unknown>;

export type ShapeCheck = { ok: true; fields: Fields } | { ok: false; problems: string[] };

const MAX_FIELDS = 60;

/**
 * Checks names, count, duplicates, the separator, then every field's type. Problems are safe to log and audit:
 * field names and values appear only as short, escaped previews.
 * @example checkResultShape({ pg_result: '1;x' }) // { ok: false, problems: ['pg_result: contains ";"', …] }
 */
export function checkResultShape(raw: RawFields): ShapeCheck {
  const entries = Object.entries(raw);
  if (entries.length > MAX_FIELDS) return { ok: false, problems: [`${entries.length} fields (at most ${MAX_FIELDS})`] };
  const problems: string[] = [];
  const fields: Fields = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string') problems.push(`${preview(name, 32)}: ${Array.isArray(value) ? 'given more than once' : 'not text'}`);
    else if (value.includes(SEPARATOR) || name.includes(SEPARATOR)) problems.push(`${preview(name, 32)}: contains "${SEPARATOR}"`);
    else fields[name] = value;
  }
  const parsed = RESULT_FIELDS.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => preview(k, 32)).join(', ') : preview(issue.path.join('.'), 32);
      problems.push(`${where}: ${issue.code === 'unrecognized_keys' ? 'not a field of this callback' : issue.message}`);
    }
  }
  if (parsed.success) {
    // The status is read from the signed fields only, and they must agree: a success carries no failure.
    const f = parsed.data;
    if (f.pg_result === '1' && (f.pg_failure_code !== undefined || f.pg_failure_description !== undefined)) {
      problems.push('pg_result: 1 together with a failure code');
    }
  }
  return problems.length ? { ok: false, problems: problems.slice(0, 8) } : { ok: true, fields };
}

/**
 * @module Freedom Pay's result callback (Result URL): what the gateway posts when a payment succeeds or fails, and
 * the signed XML answer it expects — `ok` (accepted), `rejected` (refuse the money; honoured only when the callback
 * said `pg_can_reject=1`) or `error`. The gateway repeats the call until it gets HTTP 200, so an answer must be the
 * same every time for the same payment.
 * @see https://docs.freedompay.kz — Merchant API, "Result notify"
 */
import { checkResultShape, type RawFields } from './result-fields.ts';
import { signed, verify } from './signature.ts';
import { fromWireAmount, toXml } from './wire.ts';

export interface PaymentResult {
  /** `pg_order_id`: our payment id. */
  orderId: string;
  /** `pg_payment_id`: the gateway's transaction id. */
  gatewayPaymentId: string;
  amountTiyn: number;
  currency: string;
  /** `pg_result=1`: the money was taken; `0`: the payment failed. */
  succeeded: boolean;
  /** `pg_can_reject=1`: answering `rejected` makes the gateway give the money back. */
  canReject: boolean;
  /** `pg_failure_code` / `pg_failure_description` of a failed payment. */
  failureReason: string | null;
}

export type ResultReading =
  | { ok: true; value: PaymentResult }
  | { ok: false; reason: 'signature' }
  | { ok: false; reason: 'malformed'; problems: string[] };

/** Checks the shape of every field (result-fields.ts), then the signature, then reads the fields we rely on. */
export function readResult(scriptName: string, raw: RawFields, secretKey: string): ResultReading {
  const shape = checkResultShape(raw);
  if (!shape.ok) return { ok: false, reason: 'malformed', problems: shape.problems };
  const { fields } = shape;
  if (!verify(scriptName, fields, secretKey)) return { ok: false, reason: 'signature' };
  const amountTiyn = fromWireAmount(fields.pg_amount);
  const { pg_order_id: orderId, pg_payment_id: gatewayPaymentId, pg_currency: currency, pg_result: result } = fields;
  if (!orderId || !gatewayPaymentId || !currency || amountTiyn === null || (result !== '1' && result !== '0')) {
    return { ok: false, reason: 'malformed', problems: ['a required field is missing'] };
  }
  const failure = [fields.pg_failure_code, fields.pg_failure_description].filter(Boolean).join(' ');
  return {
    ok: true,
    value: {
      orderId, gatewayPaymentId, amountTiyn, currency,
      succeeded: result === '1',
      canReject: fields.pg_can_reject === '1',
      failureReason: result === '0' ? failure || 'declined' : null,
    },
  };
}

export type ResultVerdict = 'ok' | 'rejected' | 'error';

/** The signed XML answer to a result callback. */
export function resultAnswer(scriptName: string, verdict: ResultVerdict, description: string, secretKey: string): string {
  return toXml(signed(scriptName, { pg_status: verdict, pg_description: description }, secretKey));
}

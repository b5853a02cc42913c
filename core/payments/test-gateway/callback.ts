/**
 * @module What the test gateway posts to the result URL when the person on the test page confirms or declines:
 * the same fields, signature and HTTP form post as Freedom Pay's result callback.
 */
import type { Payment } from '../model.ts';
import { scriptNameOf, signed, type Fields } from '../freedompay/signature.ts';
import { fromXml, toWireAmount } from '../freedompay/wire.ts';

/** The signed result fields for this payment: `pg_result=1` when confirmed, `0` with a failure reason when declined. */
export function testResultFields(payment: Payment, confirmed: boolean, resultUrl: string, secret: string, at: Date): Fields {
  const fields: Fields = {
    pg_order_id: payment.id,
    pg_payment_id: payment.gatewayPaymentId ?? '',
    pg_amount: toWireAmount(payment.amountTiyn),
    pg_currency: payment.currency,
    pg_net_amount: toWireAmount(payment.amountTiyn),
    pg_ps_amount: toWireAmount(payment.amountTiyn),
    pg_ps_currency: payment.currency,
    pg_payment_system: 'TEST',
    pg_description: payment.description,
    pg_result: confirmed ? '1' : '0',
    pg_payment_date: at.toISOString().replace('T', ' ').slice(0, 19),
    pg_can_reject: '1',
    pg_testing_mode: '1',
  };
  if (!confirmed) {
    fields.pg_failure_code = '1000';
    fields.pg_failure_description = 'Declined on the test page';
  }
  return signed(scriptNameOf(resultUrl), fields, secret);
}

/** Posts the result callback as a gateway does (form-encoded POST) and returns the merchant's `pg_status`. */
export async function postResult(resultUrl: string, fields: Fields): Promise<{ httpStatus: number; pgStatus: string | null }> {
  const response = await fetch(resultUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(15_000),
  });
  const answer = fromXml(await response.text());
  return { httpStatus: response.status, pgStatus: answer.pg_status ?? null };
}

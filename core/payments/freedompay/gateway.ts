/**
 * @module Freedom Pay adapter: creates the payment page with `init_payment.php` (direct merchant → gateway request,
 * multipart form fields signed per signature.ts) and returns `pg_payment_id` and `pg_redirect_url`. The gateway's
 * answer is XML (or JSON where the merchant asked for it); its signature is checked too.
 * @see https://docs.freedompay.kz — Merchant API, "Create payment"
 */
import type { Payment } from '../model.ts';
import { PaymentGatewayError, type CreatedAtGateway, type GatewayUrls, type PaymentGateway } from '../port.ts';
import { signed, verify, type Fields } from './signature.ts';
import { fromXml, toWireAmount } from './wire.ts';

export interface FreedomPayOptions {
  merchantId: string;
  secretKey: string;
  /** e.g. https://api.freedompay.kz */
  apiUrl: string;
  testingMode: boolean;
  timeoutMs?: number;
  /** Payment page lifetime in seconds (300 … 604800); a day by default. */
  lifetimeSeconds?: number;
}

const SCRIPT = 'init_payment.php';

/** The init_payment form fields for one payment, signed. */
export function initPaymentFields(payment: Payment, urls: GatewayUrls, options: FreedomPayOptions): Fields {
  const fields: Fields = {
    pg_merchant_id: options.merchantId,
    pg_order_id: payment.id,
    pg_amount: toWireAmount(payment.amountTiyn),
    pg_currency: payment.currency,
    pg_description: payment.description,
    pg_language: payment.language,
    pg_lifetime: String(options.lifetimeSeconds ?? 86_400),
    pg_result_url: urls.resultUrl,
    pg_success_url: urls.successUrl,
    pg_failure_url: urls.failureUrl,
    pg_request_method: 'POST',
    pg_testing_mode: options.testingMode ? '1' : '0',
    // Our order id is unique, so it doubles as the idempotency key: a retried create never makes a second payment.
    pg_idempotency_key: payment.id,
  };
  return signed(SCRIPT, fields, options.secretKey);
}

async function readAnswer(response: Response): Promise<Fields> {
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const root = (typeof parsed.response === 'object' && parsed.response ? parsed.response : parsed) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(root).map(([k, v]) => [k, String(v)]));
  }
  return fromXml(text);
}

export function freedomPayGateway(options: FreedomPayOptions): PaymentGateway {
  const endpoint = `${options.apiUrl.replace(/\/+$/, '')}/${SCRIPT}`;
  return {
    provider: 'freedompay',
    callbackSecret: options.secretKey,
    async create(payment: Payment, urls: GatewayUrls): Promise<CreatedAtGateway> {
      const form = new FormData();
      for (const [name, value] of Object.entries(initPaymentFields(payment, urls, options))) form.append(name, value);
      let answer: Fields;
      try {
        const response = await fetch(endpoint, { method: 'POST', body: form, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
        if (!response.ok) throw new PaymentGatewayError(`init_payment answered HTTP ${response.status}`);
        answer = await readAnswer(response);
      } catch (err) {
        if (err instanceof PaymentGatewayError) throw err;
        throw new PaymentGatewayError(`init_payment failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      if (answer.pg_status !== 'ok') {
        throw new PaymentGatewayError(`init_payment refused: ${answer.pg_error_code ?? '?'} ${answer.pg_error_description ?? ''}`.trim());
      }
      if (!verify(SCRIPT, answer, options.secretKey)) throw new PaymentGatewayError('init_payment answer has a wrong signature');
      if (!answer.pg_payment_id || !answer.pg_redirect_url) throw new PaymentGatewayError('init_payment answer lacks the payment id or page');
      return { gatewayPaymentId: answer.pg_payment_id, url: answer.pg_redirect_url };
    },
  };
}

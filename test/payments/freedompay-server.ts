/**
 * @module A local stand-in for Freedom Pay over loopback HTTP, speaking its real protocol: `init_payment.php`
 * (multipart form, signature checked with the merchant's secret) answered with a signed XML (or JSON) document,
 * and the signed result callback it posts to the merchant's `pg_result_url` when a payment completes or fails.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signed, verify, type Fields } from '../../core/payments/freedompay/signature.ts';
import { fromXml, toXml } from '../../core/payments/freedompay/wire.ts';

export interface InitRequest {
  fields: Fields;
  signatureValid: boolean;
}

export interface FakeFreedomPay {
  url: string;
  requests: InitRequest[];
  /** 'xml' (default) or 'json' answers; 'refuse' answers pg_status=error; 'down' answers HTTP 503. */
  mode: 'xml' | 'json' | 'refuse' | 'down';
  /** Posts the result callback for an order to its pg_result_url; `override` alters fields before signing. */
  complete(orderId: string, options?: { result?: '1' | '0'; override?: Fields; secret?: string; tamper?: Fields }): Promise<{ status: number; answer: Fields; answerSignatureValid: boolean }>;
  close(): Promise<void>;
}

async function readRequest(req: IncomingMessage, base: string): Promise<Fields> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = new Request(new URL(req.url ?? '/', base), {
    method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks),
  });
  const form = await request.formData();
  const fields: Fields = {};
  form.forEach((value, name) => {
    if (typeof value === 'string') fields[name] = value;
  });
  return fields;
}

export async function startFakeFreedomPay(merchantId: string, secretKey: string): Promise<FakeFreedomPay> {
  const requests: InitRequest[] = [];
  const orders = new Map<string, { fields: Fields; paymentId: string }>();
  let nextPaymentId = 7_999_007_883;
  let server: Server;
  const fake: FakeFreedomPay = {
    url: '',
    requests,
    mode: 'xml',
    async complete(orderId, options = {}) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake Freedom Pay: no order ${orderId}`);
      const resultUrl = order.fields.pg_result_url ?? '';
      const script = new URL(resultUrl).pathname.split('/').pop() ?? '';
      const result = options.result ?? '1';
      const fields: Fields = {
        pg_order_id: orderId,
        pg_payment_id: order.paymentId,
        pg_amount: order.fields.pg_amount ?? '',
        pg_currency: order.fields.pg_currency ?? 'KZT',
        pg_net_amount: order.fields.pg_amount ?? '',
        pg_ps_amount: order.fields.pg_amount ?? '',
        pg_ps_full_amount: order.fields.pg_amount ?? '',
        pg_ps_currency: 'KZT',
        pg_payment_system: 'EPAYWEBKZT',
        pg_description: order.fields.pg_description ?? '',
        pg_result: result,
        pg_payment_date: '2026-03-10 11:05:00',
        pg_can_reject: '1',
        pg_user_phone: '77011234567',
        pg_testing_mode: order.fields.pg_testing_mode ?? '0',
        pg_captured: '0',
        pg_card_pan: '4405-64XX-XXXX-6150',
        ...(result === '0' ? { pg_failure_code: '101', pg_failure_description: 'Insufficient funds' } : {}),
        ...options.override,
      };
      const body = { ...signed(script, fields, options.secret ?? secretKey), ...options.tamper };
      const response = await fetch(resultUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
      const answer = fromXml(await response.text());
      return { status: response.status, answer, answerSignatureValid: verify(script, answer, secretKey) };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/init_payment.php')) {
        res.writeHead(404).end();
        return;
      }
      const fields = await readRequest(req, fake.url);
      const signatureValid = verify('init_payment.php', fields, secretKey);
      requests.push({ fields, signatureValid });
      if (fake.mode === 'down') {
        res.writeHead(503).end('Service Unavailable');
        return;
      }
      let answer: Fields;
      if (!signatureValid || fields.pg_merchant_id !== merchantId || fake.mode === 'refuse') {
        answer = signed('init_payment.php', { pg_status: 'error', pg_error_code: '9999', pg_error_description: 'Invalid signature' }, secretKey);
      } else {
        const paymentId = String(nextPaymentId++);
        orders.set(fields.pg_order_id ?? '', { fields, paymentId });
        answer = signed('init_payment.php', {
          pg_status: 'ok',
          pg_payment_id: paymentId,
          pg_redirect_url: `${fake.url}/pay.html?customer=${paymentId}&lang=${fields.pg_language ?? 'ru'}`,
          pg_redirect_url_type: 'need data',
        }, secretKey);
      }
      if (fake.mode === 'json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ response: answer }));
      } else {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(toXml(answer));
      }
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

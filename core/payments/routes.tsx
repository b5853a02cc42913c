/**
 * @module HTTP routes of payments: the result callback endpoint every gateway posts to (`/pay/result`), the page
 * payers land on afterwards (`/pay/done/:id`), and — only with the test gateway — the TEST payment page
 * (`/pay/test/:id`), whose buttons make the test gateway post its signed callback to `/pay/result`.
 * The callback needs no session, so its body is capped (`BODY_LIMIT_CALLBACK_KB`) and its rate per client address
 * limited (`PAY_RESULT_PER_MINUTE`); the pages carry a CSP with nothing inline, and the test page's buttons a CSRF token.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { BlockList } from 'node:net';
import type { Payment } from './model.ts';
import { DonePage, NoticePage, TestPaymentPage } from './pages.tsx';
import { RESULT_PATH, type PaymentService } from './service.ts';
import { postResult, testResultFields } from './test-gateway/callback.ts';
import { TestPageCsrf } from './test-gateway/csrf.ts';
import type { RawFields } from './freedompay/result-fields.ts';
import type { PaymentGateway } from './port.ts';
import { translator } from '../i18n/i18n.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { bodyLimit } from '../server/body-limit.ts';
import { clientAddress } from '../server/client-address.ts';
import { pageLanguage } from '../server/pages/language.ts';
import { pageHeaders } from '../server/pages/layout.tsx';
import { RateLimiter } from '../server/rate-limit.ts';

export interface PaymentRoutesOptions {
  service: PaymentService;
  /** The gateway in use; with the test gateway its secret signs the test callbacks. */
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  /** Where our own server answers from inside (the test gateway posts its callback there). */
  internalUrl: () => string;
  /** The largest callback or button post, in bytes. */
  callbackBodyBytes: number;
  /** Result callbacks per client address per minute. */
  resultsPerMinute: number;
  trustedProxies: BlockList;
  /** Secure cookies (served over https). */
  secure: boolean;
}

/** A field given twice stays a list, so the shape check can refuse it instead of silently taking one. */
const single = (entries: Record<string, unknown>): RawFields =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v]));

async function callbackFields(c: Context): Promise<RawFields> {
  if (c.req.method !== 'POST') return single(c.req.queries());
  try {
    return single(await c.req.parseBody({ all: true }));
  } catch (err) {
    if (err instanceof HTTPException) throw err; // over the body limit: nothing to settle, nothing to audit
    return {};
  }
}

export function paymentRoutes(options: PaymentRoutesOptions): Hono {
  const { service, gateway, clock, logger, internalUrl } = options;
  const app = new Hono();
  const perAddress = new RateLimiter(Math.max(1, Math.ceil(options.resultsPerMinute / 2)), options.resultsPerMinute);
  const html = (c: Context, page: Parameters<Context['html']>[0], status: 200 | 403 | 404 | 502 = 200) => {
    pageHeaders(c);
    return c.html(page, status);
  };

  app.on(['POST', 'GET'], RESULT_PATH, bodyLimit(options.callbackBodyBytes), async function paymentResult(c) {
    if (!perAddress.allow(clientAddress(c, options.trustedProxies))) {
      logger.warn('payment result callbacks from one address over the rate limit; answered 429');
      return c.text('Too many requests', 429, { 'retry-after': '60' });
    }
    const answer = await service.handleResult(RESULT_PATH, await callbackFields(c));
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType });
  });

  app.get('/pay/done/:id', async (c) => {
    const payment = await service.get(c.req.param('id'));
    if (!payment) return html(c, <NoticePage language={pageLanguage(c)} textKey="payments:page.notFound" />, 404);
    return html(c, <DonePage payment={payment} />);
  });

  if (gateway.provider !== 'test') return app;

  const csrf = new TestPageCsrf(`${gateway.callbackSecret}:csrf`, options.secure);
  const testPayment = async (id: string): Promise<Payment | null> => {
    const payment = await service.get(id);
    return payment && payment.provider === 'test' ? payment : null;
  };

  app.get('/pay/test/:id', async (c) => {
    const payment = await testPayment(c.req.param('id'));
    if (!payment) return html(c, <NoticePage language={pageLanguage(c)} textKey="payments:page.notFound" />, 404);
    return html(c, <TestPaymentPage payment={payment} csrf={csrf.issue(c, payment.id)} />);
  });

  app.post('/pay/test/:id/:action{confirm|decline}', bodyLimit(options.callbackBodyBytes), async function testGatewayDecision(c) {
    const payment = await testPayment(c.req.param('id'));
    if (!payment) return html(c, <NoticePage language={pageLanguage(c)} textKey="payments:page.notFound" />, 404);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (!csrf.check(c, payment.id, form.csrf)) {
      logger.warn({ paymentId: payment.id }, 'test payment page: a post without a valid CSRF token refused');
      return html(c, <NoticePage language={payment.language} textKey="payments:test.stale" />, 403);
    }
    if (payment.status !== 'created' && payment.status !== 'declined') return c.redirect(`/pay/done/${payment.id}`, 303);
    const resultUrl = `${internalUrl().replace(/\/+$/, '')}${RESULT_PATH}`;
    const fields = testResultFields(payment, c.req.param('action') === 'confirm', resultUrl, gateway.callbackSecret, clock.now());
    try {
      const { httpStatus, pgStatus } = await postResult(resultUrl, fields);
      if (httpStatus === 200 && pgStatus === 'ok') return c.redirect(`/pay/done/${payment.id}`, 303);
      logger.warn({ paymentId: payment.id, httpStatus, pgStatus }, 'test gateway: merchant did not accept the callback');
    } catch (err) {
      logger.warn({ err, paymentId: payment.id }, 'test gateway: result callback failed');
    }
    const fresh = (await service.get(payment.id)) ?? payment;
    const error = translator(payment.language)('payments:test.callbackFailed');
    return html(c, <TestPaymentPage payment={fresh} csrf={csrf.issue(c, payment.id)} error={error} />, 502);
  });

  return app;
}

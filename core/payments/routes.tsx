/**
 * @module HTTP routes of payments: the result callback endpoint every gateway posts to (`/pay/result`), the page
 * payers land on afterwards (`/pay/done/:id`), and — only with the test gateway — the TEST payment page
 * (`/pay/test/:id`), whose buttons make the test gateway post its signed callback to `/pay/result`.
 */
import { Hono } from 'hono';
import type { Payment } from './model.ts';
import { DonePage, NotFoundPage, TestPaymentPage } from './pages.tsx';
import { RESULT_PATH, type PaymentService } from './service.ts';
import { postResult, testResultFields } from './test-gateway/callback.ts';
import type { Fields } from './freedompay/signature.ts';
import type { PaymentGateway } from './port.ts';
import { translator } from '../i18n/i18n.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../logging/logger.ts';

export interface PaymentRoutesOptions {
  service: PaymentService;
  /** The gateway in use; with the test gateway its secret signs the test callbacks. */
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  /** Where our own server answers from inside (the test gateway posts its callback there). */
  internalUrl: () => string;
}

const onlyStrings = (body: Record<string, unknown>): Fields =>
  Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function paymentRoutes({ service, gateway, clock, logger, internalUrl }: PaymentRoutesOptions): Hono {
  const app = new Hono();

  app.on(['POST', 'GET'], RESULT_PATH, async function paymentResult(c) {
    const fields = c.req.method === 'POST' ? onlyStrings(await c.req.parseBody()) : c.req.query();
    const answer = await service.handleResult(RESULT_PATH, fields);
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType });
  });

  app.get('/pay/done/:id', async (c) => {
    const payment = await service.get(c.req.param('id'));
    if (!payment) return c.html(<NotFoundPage />, 404);
    return c.html(<DonePage payment={payment} />);
  });

  if (gateway.provider !== 'test') return app;

  const testPayment = async (id: string): Promise<Payment | null> => {
    const payment = await service.get(id);
    return payment && payment.provider === 'test' ? payment : null;
  };

  app.get('/pay/test/:id', async (c) => {
    const payment = await testPayment(c.req.param('id'));
    if (!payment) return c.html(<NotFoundPage />, 404);
    return c.html(<TestPaymentPage payment={payment} />);
  });

  app.post('/pay/test/:id/:action{confirm|decline}', async function testGatewayDecision(c) {
    const payment = await testPayment(c.req.param('id'));
    if (!payment) return c.html(<NotFoundPage />, 404);
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
    return c.html(<TestPaymentPage payment={fresh} error={translator(payment.language)('payments:test.callbackFailed')} />, 502);
  });

  return app;
}

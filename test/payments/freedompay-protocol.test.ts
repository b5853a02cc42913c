/** Freedom Pay wire protocol: signatures, amounts, XML, and init_payment against a local server speaking it. */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { freedomPayGateway } from '../../core/payments/freedompay/gateway.ts';
import { readResult, resultAnswer } from '../../core/payments/freedompay/result.ts';
import { scriptNameOf, sign, signed, verify } from '../../core/payments/freedompay/signature.ts';
import { fromWireAmount, fromXml, toWireAmount, toXml } from '../../core/payments/freedompay/wire.ts';
import { PaymentGatewayError } from '../../core/payments/port.ts';
import { aPayment } from '../store/payments.contract.ts';
import { startFakeFreedomPay, type FakeFreedomPay } from './freedompay-server.ts';

describe('signature (script name; values sorted by field name; secret — joined by ";", MD5)', () => {
  it('Should sign exactly as the documentation describes', () => {
    const fields = { pg_order_id: '23', pg_merchant_id: '9970', pg_amount: '25', pg_description: 'test', pg_salt: 'molbulak' };
    // sorted names: pg_amount, pg_description, pg_merchant_id, pg_order_id, pg_salt
    const expected = createHash('md5').update('init_payment.php;25;test;9970;23;molbulak;s3cret').digest('hex');
    expect(sign('init_payment.php', fields, 's3cret')).toBe(expected);
  });

  it('Should verify its own signature and refuse any change of a field, the script or the secret', () => {
    const message = signed('result', { pg_order_id: 'o-1', pg_amount: '100.00', pg_result: '1' }, 'k');
    expect(verify('result', message, 'k')).toBe(true);
    expect(verify('result', { ...message, pg_amount: '1.00' }, 'k')).toBe(false);
    expect(verify('result', { ...message, pg_extra: 'x' }, 'k')).toBe(false);
    expect(verify('result.php', message, 'k')).toBe(false);
    expect(verify('result', message, 'other')).toBe(false);
    expect(verify('result', { ...message, pg_sig: '' }, 'k')).toBe(false);
  });

  it('Should take the script name from the last path segment', () => {
    expect(scriptNameOf('https://bot.example.kz/pay/result?x=1')).toBe('result');
    expect(scriptNameOf('https://api.freedompay.kz/init_payment.php')).toBe('init_payment.php');
  });
});

describe('amounts on the wire', () => {
  it.each([
    [1, '0.01'], [100, '1.00'], [724_550, '7245.50'], [50_000_000, '500000.00'],
  ])('Should write %i tiyn as %s and read it back exactly', (tiyn, wire) => {
    expect(toWireAmount(tiyn)).toBe(wire);
    expect(fromWireAmount(wire)).toBe(tiyn);
  });

  it('Should read "7245.5" and "7245" exactly, and refuse anything else', () => {
    expect(fromWireAmount('7245.5')).toBe(724_550);
    expect(fromWireAmount('7245')).toBe(724_500);
    for (const bad of ['', '-1', '1e3', '7245.555', '7,245.50', 'abc', undefined]) expect(fromWireAmount(bad)).toBeNull();
  });
});

describe('XML', () => {
  it('Should round-trip fields with characters XML escapes', () => {
    const fields = { pg_status: 'ok', pg_redirect_url: 'https://x.kz/pay.html?a=1&b=<2>' };
    expect(fromXml(toXml(fields))).toEqual(fields);
  });
});

describe('result callback', () => {
  const secret = 'k';
  const order = '3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93';
  const base = { pg_order_id: order, pg_payment_id: '77', pg_amount: '7245.50', pg_currency: 'KZT', pg_result: '1', pg_can_reject: '1' };

  it('Should read a signed success', () => {
    const r = readResult('result', signed('result', base, secret), secret);
    expect(r).toEqual({ ok: true, value: { orderId: order, gatewayPaymentId: '77', amountTiyn: 724_550, currency: 'KZT', succeeded: true, canReject: true, failureReason: null } });
  });

  it('Should refuse a forged signature and a signed message without the fields we need', () => {
    expect(readResult('result', { ...signed('result', base, secret), pg_amount: '1.00' }, secret)).toEqual({ ok: false, reason: 'signature' });
    expect(readResult('result', signed('result', { ...base, pg_amount: 'lots' }, secret), secret)).toMatchObject({ ok: false, reason: 'malformed', problems: ['pg_amount: not an amount'] });
  });

  it('Should answer with signed XML pg_status the gateway can verify', () => {
    const answer = fromXml(resultAnswer('result', 'rejected', 'Payment does not match the order', secret));
    expect(answer.pg_status).toBe('rejected');
    expect(verify('result', answer, secret)).toBe(true);
  });
});

describe('init_payment.php against a local Freedom Pay', () => {
  let fake: FakeFreedomPay;
  afterEach(async () => fake?.close());
  const urls = { resultUrl: 'https://bot.example.kz/pay/result', successUrl: 'https://bot.example.kz/pay/done/p', failureUrl: 'https://bot.example.kz/pay/done/p' };

  it('Should create the payment with signed fields in KZT and return the gateway id and page', async () => {
    fake = await startFakeFreedomPay('9970', 'secret-key');
    const gateway = freedomPayGateway({ merchantId: '9970', secretKey: 'secret-key', apiUrl: fake.url, testingMode: true });
    const created = await gateway.create(aPayment({ amountTiyn: 724_550 }), urls);
    expect(created.gatewayPaymentId).toBe('7999007883');
    expect(created.url).toContain('/pay.html?customer=7999007883&lang=kk');
    const [request] = fake.requests;
    expect(request?.signatureValid).toBe(true);
    expect(request?.fields).toMatchObject({
      pg_merchant_id: '9970', pg_order_id: 'pay-1', pg_amount: '7245.50', pg_currency: 'KZT', pg_language: 'kk',
      pg_result_url: urls.resultUrl, pg_success_url: urls.successUrl, pg_request_method: 'POST', pg_testing_mode: '1',
    });
    expect(request?.fields.pg_salt).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('Should read a JSON answer as well', async () => {
    fake = await startFakeFreedomPay('9970', 'secret-key');
    fake.mode = 'json';
    const gateway = freedomPayGateway({ merchantId: '9970', secretKey: 'secret-key', apiUrl: fake.url, testingMode: false });
    expect((await gateway.create(aPayment(), urls)).gatewayPaymentId).toBe('7999007883');
  });

  it('Should fail with PaymentGatewayError when the gateway refuses, is down, or the secret is wrong', async () => {
    fake = await startFakeFreedomPay('9970', 'secret-key');
    const wrongSecret = freedomPayGateway({ merchantId: '9970', secretKey: 'not-it', apiUrl: fake.url, testingMode: false });
    await expect(wrongSecret.create(aPayment(), urls)).rejects.toBeInstanceOf(PaymentGatewayError);
    const gateway = freedomPayGateway({ merchantId: '9970', secretKey: 'secret-key', apiUrl: fake.url, testingMode: false });
    fake.mode = 'refuse';
    await expect(gateway.create(aPayment(), urls)).rejects.toThrow(/refused: 9999/);
    fake.mode = 'down';
    await expect(gateway.create(aPayment(), urls)).rejects.toThrow(/HTTP 503/);
    const nowhere = freedomPayGateway({ merchantId: '9970', secretKey: 'secret-key', apiUrl: 'http://127.0.0.1:1', testingMode: false });
    await expect(nowhere.create(aPayment(), urls)).rejects.toBeInstanceOf(PaymentGatewayError);
  });
});

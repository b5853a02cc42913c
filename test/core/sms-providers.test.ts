/**
 * The SMS adapters against local servers speaking each provider's protocol (success, 4xx, 5xx, timeout), the
 * persisted retries with backoff, and permanent failures visible in the outbox and reported to the chat.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmsMessage } from '../../core/sms/model.ts';
import { KNOWN_PHONE, fakeProvider, json, setup } from './verification-fixtures.ts';

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

async function provider(respond: Parameters<typeof fakeProvider>[0]) {
  const server = await fakeProvider(respond);
  servers.push(server);
  return server;
}

const webhookEnv = (url: string) => ({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: `${url}/sms`, SMS_WEBHOOK_SECRET: 'webhook-secret' });
const mobizonEnv = (url: string) => ({ SMS_PROVIDER: 'mobizon', MOBIZON_API_KEY: 'kz0123456789abcdef', MOBIZON_API_URL: url, SMS_SENDER: 'KTelecom' });

/** Starts a verification and waits for the first delivery attempt. */
async function sendOne(ctx: Awaited<ReturnType<typeof setup>>) {
  const failures: SmsMessage[] = [];
  ctx.sms.onFailure((m) => failures.push(m));
  expect((await ctx.verification.startVerification('telegram:42', KNOWN_PHONE)).ok).toBe(true);
  await ctx.sms.flush();
  const [message] = await ctx.store.smsOutbox.list();
  if (!message) throw new Error('nothing queued');
  return { failures, id: message.id };
}

describe('outbox provider', () => {
  it('Should keep the message with its code in the outbox for the console', async () => {
    const ctx = await setup();
    const { id } = await sendOne(ctx);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'sent', provider: 'outbox', to: KNOWN_PHONE, attempts: 1 });
    expect((await ctx.store.smsOutbox.get(id))?.text).toMatch(/^Код: \d{6}\./);
  });
});

describe('webhook provider', () => {
  it('Should POST {id, to, text} signed with HMAC-SHA256 of the raw body, and the code in it verifies the chat', async () => {
    const server = await provider((_req, res) => json(res, 202, { id: 'gw-77' }));
    const ctx = await setup(webhookEnv(server.url));
    const { id } = await sendOne(ctx);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/sms');
    expect(req?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req?.body ?? '{}') as { id: string; to: string; text: string };
    expect(body.id).toBe(id);
    expect(body.to).toBe(KNOWN_PHONE);
    expect(req?.headers['x-signature']).toBe(createHmac('sha256', 'webhook-secret').update(req?.body ?? '').digest('hex'));
    const stored = await ctx.store.smsOutbox.get(id);
    expect(stored).toMatchObject({ status: 'sent', provider: 'webhook', providerMessageId: 'gw-77' });
    expect(stored?.text).not.toMatch(/\d{6}/);
    const code = body.text.match(/\d{6}/)?.[0] ?? '';
    expect((await ctx.verification.confirmCode('telegram:42', code)).ok).toBe(true);
  });

  it('Should record a 4xx as a permanent failure, visible in the outbox and reported for the chat', async () => {
    const server = await provider((_req, res) => json(res, 400, { error: 'bad number' }));
    const ctx = await setup(webhookEnv(server.url));
    const { id, failures } = await sendOne(ctx);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'failed', lastError: 'webhook: HTTP 400', attempts: 1 });
    expect(failures.map((f) => [f.chatKey, f.purpose, f.status])).toEqual([['telegram:42', 'verify', 'failed']]);
    expect((await ctx.store.smsOutbox.list({ status: 'failed' })).map((m) => m.id)).toEqual([id]);
    // The subscriber is told clearly when they try the code.
    expect(await ctx.verification.confirmCode('telegram:42', '123456')).toMatchObject({ ok: false, reason: 'verification:sms_failed' });
    await ctx.scheduler.tick();
    expect(server.requests).toHaveLength(1);
  });

  it('Should retry a 5xx with backoff through the persisted job and deliver', async () => {
    const server = await provider((_req, res, i) => (i === 0 ? json(res, 503, {}) : json(res, 200, {})));
    const ctx = await setup(webhookEnv(server.url));
    const { id } = await sendOne(ctx);
    const queued = await ctx.store.smsOutbox.get(id);
    expect(queued).toMatchObject({ status: 'queued', lastError: 'webhook: HTTP 503', attempts: 1 });
    expect(queued?.nextAttemptAt?.toISOString()).toBe('2026-03-10T06:00:05.000Z');
    await ctx.scheduler.tick();
    expect(server.requests).toHaveLength(1);
    ctx.clock.advance(5_000);
    await ctx.scheduler.tick();
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'sent', attempts: 2 });
    // The safety-net job later finds it sent and does nothing.
    ctx.clock.advance(60_000);
    await ctx.scheduler.tick();
    expect(server.requests).toHaveLength(2);
  });

  it('Should treat a timeout as transient and give up for good when retries run out', async () => {
    const server = await provider(() => {
      /* never answers */
    });
    const ctx = await setup(webhookEnv(server.url));
    const { id, failures } = await sendOne(ctx);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'queued', lastError: 'webhook: no answer within 300 ms' });
    for (const delay of [5_000, 15_000, 45_000, 135_000]) {
      ctx.clock.advance(delay);
      await ctx.scheduler.tick();
    }
    expect(server.requests).toHaveLength(5);
    const failed = await ctx.store.smsOutbox.get(id);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toBe('webhook: no answer within 300 ms (gave up after 5 attempts)');
    expect(failures).toHaveLength(1);
  });
});

describe('mobizon provider', () => {
  it('Should call message/sendSmsMessage as documented and keep Mobizon\'s message id', async () => {
    const server = await provider((_req, res) => json(res, 200, { code: 0, data: { campaignId: '9001', messageId: '555', status: 2 }, message: '' }));
    const ctx = await setup(mobizonEnv(server.url));
    const { id } = await sendOne(ctx);
    const [req] = server.requests;
    const url = new URL(req?.url ?? '', server.url);
    expect(req?.method).toBe('POST');
    expect(url.pathname).toBe('/service/message/sendsmsmessage');
    expect(Object.fromEntries(url.searchParams)).toEqual({ output: 'json', api: 'v1', apiKey: 'kz0123456789abcdef' });
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req?.body ?? '');
    expect(form.get('recipient')).toBe('77012345678');
    expect(form.get('from')).toBe('KTelecom');
    expect(form.get('params[validity]')).toBe('60');
    expect(form.get('text')).toMatch(/^Код: \d{6}\. /);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'sent', provider: 'mobizon', providerMessageId: '555' });
  });

  it.each([
    ['validation error (code 1)', 200, { code: 1, data: { recipient: 'invalid' }, message: 'Validation error' }, 'mobizon: code 1: Validation error'],
    ['login error (code 8)', 200, { code: 8, data: null, message: 'Auth failed' }, 'mobizon: code 8: Auth failed'],
    ['HTTP 401', 401, { code: 8 }, 'mobizon: HTTP 401'],
  ])('Should fail for good on a %s', async (_name, status, body, error) => {
    const server = await provider((_req, res) => json(res, status, body));
    const ctx = await setup(mobizonEnv(server.url));
    const { id, failures } = await sendOne(ctx);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'failed', lastError: error });
    expect(failures).toHaveLength(1);
  });

  it.each([
    ['HTTP 502', (res: Parameters<typeof json>[0]) => json(res, 502, {}), 'mobizon: HTTP 502'],
    ['rate limit (code 30)', (res: Parameters<typeof json>[0]) => json(res, 200, { code: 30, data: null, message: 'Too many requests' }), 'mobizon: code 30: Too many requests'],
    ['general service error (code 999)', (res: Parameters<typeof json>[0]) => json(res, 200, { code: 999, data: null, message: 'Service error' }), 'mobizon: code 999: Service error'],
  ])('Should retry after a %s and deliver on the next attempt', async (_name, failOnce, error) => {
    const server = await provider((_req, res, i) => (i === 0 ? failOnce(res) : json(res, 200, { code: 0, data: { messageId: 7 }, message: '' })));
    const ctx = await setup(mobizonEnv(server.url));
    const { id } = await sendOne(ctx);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'queued', lastError: error });
    ctx.clock.advance(5_000);
    await ctx.scheduler.tick();
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'sent', providerMessageId: '7', attempts: 2 });
  });

  it('Should retry after a timeout', async () => {
    const server = await provider((_req, res, i) => {
      if (i > 0) json(res, 200, { code: 0, data: { messageId: 8 }, message: '' });
    });
    const ctx = await setup(mobizonEnv(server.url));
    const { id } = await sendOne(ctx);
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'queued', lastError: 'mobizon: no answer within 300 ms' });
    ctx.clock.advance(5_000);
    await ctx.scheduler.tick();
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'sent', providerMessageId: '8' });
  });

  it('Should not try past the code\'s expiry', async () => {
    const server = await provider((_req, res) => json(res, 503, {}));
    const ctx = await setup(mobizonEnv(server.url));
    const { id } = await sendOne(ctx);
    ctx.clock.advance(6 * 60_000);
    await ctx.scheduler.tick();
    expect(await ctx.store.smsOutbox.get(id)).toMatchObject({ status: 'failed', lastError: 'expired before it could be delivered' });
    expect(server.requests).toHaveLength(1);
  });
});

/**
 * Request-body limits by route (issue 20 item 1), against the product as `npm start` runs it: a 50 MB chat post or
 * callback is answered 413 without being read (declared length) or read only up to the limit (chunked), the server
 * keeps answering meanwhile, a route may declare a larger limit, and the answers are clear and localized.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../../main.ts';
import { bodyLimit, limitBodies } from '../../core/server/body-limit.ts';
import { freePort } from '../helpers/spawn-product.ts';

const MB = 1024 * 1024;
let product: Product;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'body-limits-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'body-limit-admin', SECRET_KEY: 's'.repeat(40), SCHEDULER_INTERVAL_MS: '3600000' },
    hostname: '127.0.0.1',
  });
});

afterAll(async () => {
  await product?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Posts `total` bytes of `fill` to `path` in 64 KB chunks, pulled lazily, and reports how many the server pulled
 * before it answered; with `declareLength` the Content-Length header is sent, otherwise the body is chunked.
 */
function flood(path: string, total: number, options: { declareLength: boolean; headers?: Record<string, string> }): Promise<{ status: number; body: string; sent: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, product.url);
    let sent = 0;
    const req = request(url, {
      method: 'POST',
      headers: { ...(options.declareLength ? { 'content-length': String(total) } : {}), ...options.headers },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent, connection: res.headers.connection }));
    });
    req.on('error', (err) => (sent > 0 ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('request-body limits', () => {
  it('Should answer a 50 MB web-chat post with a declared length 413 at once, in JSON, and close the connection', async () => {
    const r = await flood('/webchat/send', 50 * MB, { declareLength: true, headers: { 'content-type': 'application/json', origin: product.url } });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'payload_too_large', kilobytes: 8 });
    expect(r.connection).toBe('close');
  });

  it('Should stop reading a chunked 50 MB callback at the limit and answer 413', async () => {
    const r = await flood('/pay/result', 50 * MB, { declareLength: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(413);
    // What the client managed to push before the answer: the limit plus socket buffers, never the 50 MB.
    expect(r.sent).toBeLessThan(8 * MB);
    expect(await product.store.audit.list({ action: 'payment.callback_rejected', limit: 5 })).toEqual([]);
  });

  it('Should keep answering /healthz while twenty 50 MB callbacks arrive at once', async () => {
    const floods = Array.from({ length: 20 }, () => flood('/pay/result', 50 * MB, { declareLength: true }));
    const health = await fetch(`${product.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await Promise.all(floods)).map((r) => r.status)).toEqual(Array(20).fill(413));
  });

  it('Should apply the default limit to console posts and explain it on a page in the visitor\'s language', async () => {
    const r = await flood('/admin/sign-in', 2 * MB, { declareLength: true, headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'kk' } });
    expect(r.status).toBe(413);
    expect(r.body).toContain('64 КБ-тан аспайтын');
    expect(r.body).not.toContain('<style');
  });

  it('Should let a small chat message through the same route', async () => {
    const page = await fetch(`${product.url}/`);
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const ok = await fetch(`${product.url}/webchat/send`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: product.url, cookie },
      body: JSON.stringify({ kind: 'text', text: 'Сәлем! '.repeat(280) }),
    });
    expect(ok.status).toBe(202);
  });

  it('Should read a chat message whatever way its body comes (declared length or chunked), and answer broken JSON 400, not 500', async () => {
    const page = await fetch(`${product.url}/`);
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const send = (body: string, chunked: boolean) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(new URL('/webchat/send', product.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: product.url, cookie, ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      setTimeout(() => req.end(body.slice(half)), 20);
    });
    const message = JSON.stringify({ kind: 'text', text: 'Баланс қанша?', clientId: 'c-1' });
    expect(await send(message, false)).toMatchObject({ status: 202 });
    expect(await send(JSON.stringify({ kind: 'text', text: 'меню', clientId: 'c-2' }), true)).toMatchObject({ status: 202 });
    const broken = await send('{"kind":"text","text":"ме', false);
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toEqual({ error: 'bad message' });
    expect((await send('{"kind":"text","text":', true)).status).toBe(400);
    const tooLong = await flood('/webchat/send', 2 * MB, { declareLength: false, headers: { 'content-type': 'application/json', origin: product.url, cookie } });
    expect(tooLong.status).toBe(413);
  });
});

describe('a route that declares its own limit', () => {
  const app = new Hono();
  app.use('*', limitBodies({ defaultBytes: 1024 }));
  app.post('/small', async (c) => c.text(String((await c.req.text()).length)));
  app.post('/import', bodyLimit(4 * MB), async (c) => c.text(String((await c.req.arrayBuffer()).byteLength)));

  it('Should take 3 MB on the import route that declares 4 MB, and refuse 2 KB where the default of 1 KB applies', async () => {
    const big = await app.request('/import', { method: 'POST', body: new Uint8Array(3 * MB) });
    expect(big.status).toBe(200);
    expect(await big.text()).toBe(String(3 * MB));
    expect((await app.request('/small', { method: 'POST', body: 'x'.repeat(2048), headers: { 'content-length': '2048' } })).status).toBe(413);
    expect((await app.request('/small', { method: 'POST', body: 'x'.repeat(1000) })).status).toBe(200);
  });

  it('Should count a body without a declared length as it streams and refuse it past the limit', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(512));
      },
    });
    const response = await app.request('/small', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe('an address the product does not know', () => {
  it.each([
    ['kk', { 'accept-language': 'kk-KZ,kk;q=0.9' }, 'Бет табылмады'],
    ['ru', { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' }, 'Страница не найдена'],
    ['the cookie over the browser', { cookie: 'kt_lang=kk', 'accept-language': 'ru' }, 'Бет табылмады'],
  ])('Should answer 404 with a page in %s', async (_lang, headers, text) => {
    const response = await fetch(`${product.url}/no/such/page`, { headers });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain(text);
    expect(html).not.toContain('Not Found');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

/**
 * @module Test fixtures for verification, signing and SMS: a fresh in-memory store with two subscribers, a manual
 * clock, the real scheduler, sender and use cases, a captured pino log, and a local HTTP server for provider fakes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/logging/logger.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { coreBase, wireSms, wireVerification } from '../../core/compose.ts';
import type { SmsSenderOptions } from '../../core/sms/index.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';

export const T0 = '2026-03-10T06:00:00Z';
/** Айгүл: on file with two personal accounts. */
export const KNOWN_PHONE = '+77012345678';
/** Бауыржан: on file with one account. */
export const OTHER_PHONE = '+77079876543';
/** Not on file. */
export const UNKNOWN_PHONE = '+77475550011';

const account = (id: string, number: string, subscriberId: string): PersonalAccount => ({
  id, number, subscriberId, status: 'current', statusSince: new Date(T0), billingMethod: 'credit', address: 'Алматы, Абай д-лы, 10',
  region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null, openedAt: new Date(T0), closedAt: null,
});

export async function setup(env: Record<string, string> = {}, smsOptions: SmsSenderOptions = {}) {
  const clock = new ManualClock(T0);
  const store = openSqliteStore(':memory:');
  const config = testConfig({ SECRET_KEY: 'test-secret-key-of-at-least-32-characters', ...env });
  const logLines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  const base = coreBase(config, store, clock, logger);
  const { scheduler } = base;
  const sms = wireSms(base, { timeoutMs: 300, ...smsOptions });
  const verification = wireVerification(base, sms);
  await store.subscribers.create({ id: 'sub-1', fullName: 'Айгүл Серікқызы', phone: KNOWN_PHONE, iin: '900101400123', category: 'individual', language: null, notificationsMuted: false, createdAt: new Date(T0) });
  await store.subscribers.create({ id: 'sub-2', fullName: 'Бауыржан Асқаров', phone: OTHER_PHONE, iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: new Date(T0) });
  await store.accounts.create(account('acc-1', '100000000001', 'sub-1'));
  await store.accounts.create(account('acc-2', '100000000002', 'sub-1'));
  await store.accounts.create(account('acc-3', '100000000003', 'sub-2'));

  /** Every SMS to `phone`, oldest first. */
  const smsTo = async (phone: string) => (await store.smsOutbox.list({ limit: 1000 })).filter((m) => m.to === phone).reverse();
  /** The code in the newest outbox SMS to `phone` (outbox provider keeps the text). */
  const lastCode = async (phone: string) => {
    await sms.flush();
    const all = await smsTo(phone);
    const code = all.at(-1)?.text.match(/\d{6}/)?.[0];
    if (!code) throw new Error('no code in the outbox');
    return code;
  };
  /** Verifies `chatKey` with the known subscriber's number through the outbox. */
  const link = async (chatKey: string, phone = KNOWN_PHONE) => {
    const started = await verification.startVerification(chatKey, phone);
    if (!started.ok) throw new Error(started.reason);
    const linked = await verification.confirmCode(chatKey, await lastCode(phone));
    if (!linked.ok) throw new Error(linked.reason);
    return linked.value;
  };
  return { clock, store, config, logger, logLines, scheduler, sms, verification, smsTo, lastCode, link };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP server answering like a provider; `respond` decides each answer (or never answers). */
export async function fakeProvider(respond: (req: RecordedRequest, res: ServerResponse, index: number) => void) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      respond(recorded, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

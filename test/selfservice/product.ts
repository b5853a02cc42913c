/**
 * @module The product as `npm start` runs it (startProduct), on a controllable clock, with the Telegram channel talking
 * to a local server that answers like the Bot API, the fixture subscriber's accounts and invoices in its store, and
 * chats already verified (verification has its own end-to-end tests). Signing codes are read from the SMS outbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProduct, type Product } from '../../main.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import type { ChannelName } from '../../core/chats/model.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { NOW, PHONE, SUBSCRIBER_ID, seedSubscriber } from './fixtures.ts';

export interface SelfServiceProduct {
  product: Product;
  api: FakeTelegramApi;
  clock: ManualClock;
  /** Links a chat to the fixture subscriber, in a language. */
  link(channel: ChannelName, externalId: string, language: 'kk' | 'ru'): Promise<void>;
  /** The newest signing code sent to the subscriber's number (from the SMS outbox). */
  latestCode(): Promise<string>;
  stop(): Promise<void>;
}

export async function startSelfServiceProduct(env: Record<string, string> = {}): Promise<SelfServiceProduct> {
  const api = await new FakeTelegramApi().start();
  const dir = mkdtempSync(join(tmpdir(), 'selfservice-e2e-'));
  const clock = new ManualClock(NOW);
  const product = await startProduct({
    env: {
      PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'e2e-admin-password',
      TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SCHEDULER_INTERVAL_MS: '3600000', SECRET_KEY: 'k'.repeat(40),
      ...env,
    },
    clock,
    hostname: '127.0.0.1',
  });
  await seedSubscriber(product.store);
  return {
    product, api, clock,
    async link(channel, externalId, language) {
      const key = `${channel}:${externalId}`;
      const now = clock.now();
      await product.store.chats.touch(channel, externalId, now);
      await product.store.chats.setLanguage(key, language);
      await product.store.chats.link(key, { subscriberId: SUBSCRIBER_ID, phone: PHONE, linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000) });
    },
    async latestCode() {
      for (let i = 0; i < 200; i += 1) {
        const sms = (await product.store.smsOutbox.list({ limit: 5 })).find((m) => m.to === PHONE && m.purpose === 'sign');
        const code = sms && /\b(\d{6})\b/.exec(sms.text)?.[1];
        if (code) return code;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('no signing code in the SMS outbox');
    },
    async stop() {
      await product.stop();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

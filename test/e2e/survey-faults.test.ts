/**
 * Survey sends against the local Bot API server's faults (issue 17): Telegram has no idempotency key, so a send whose
 * outcome is unknown (the connection reset after the request went out) is marked ambiguous and never sent again;
 * 429 with retry_after and 5xx are retried after the wait asked; 403 (the user blocked the bot) ends that record as
 * failed and unlinks nothing; a 429 storm slows the dispatch and loses nobody.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../main.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { launchMessengerSurvey, linkedTelegramAudience, startSurveyProduct } from '../helpers/survey-audience.ts';

let api: FakeTelegramApi;
let product: Product;
let dir: string;

beforeEach(async () => {
  api = await new FakeTelegramApi().start();
  dir = mkdtempSync(join(tmpdir(), 'survey-faults-'));
  product = await startSurveyProduct(api, dir);
});

afterEach(async () => {
  await product?.stop();
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sends = (chat: number) => api.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.chat_id) === String(chat)).length;

describe('Survey sends and the Bot API\'s answers (issue 17)', () => {
  it('Should mark an unknown outcome ambiguous and never resend it, retry 5xx after a wait, and fail a 403 alone', async () => {
    const chats = await linkedTelegramAudience(product.store, 6, 70_000);
    const [blocked, reset, flaky] = chats.map(String);
    let flakyFailures = 1;
    api.sendFault = (chat) => {
      if (chat === blocked) return { status: 403, description: 'Forbidden: bot was blocked by the user' };
      if (chat === reset) return 'reset';
      if (chat === flaky && flakyFailures-- > 0) return { status: 502, description: 'Bad Gateway' };
      return null;
    };
    const campaign = await launchMessengerSurvey(product.campaigns, 6);
    await api.waitFor(() => api.messagesTo(chats[2]!).length === 1, 'the flaky chat served after its retry', 30_000);
    await api.waitFor(() => chats.slice(3).every((c) => api.messagesTo(c).length === 1), 'the others');
    await product.campaigns.dispatcher.idle();
    // The watchdog and a second run find nothing to resend.
    await product.campaigns.dispatcher.run(campaign.id);

    expect(sends(chats[1]!)).toBe(1);
    expect(api.messagesTo(chats[1]!).length).toBe(1);
    expect(sends(chats[2]!)).toBe(2);
    expect(sends(chats[0]!)).toBe(1);
    const records = new Map((await product.store.surveyDeliveries.list(campaign.id, { limit: 10 })).map((r) => [r.chatKey, r]));
    expect(records.get(`telegram:${chats[0]}`)).toMatchObject({ state: 'failed', error: '403', attempts: 1 });
    expect(records.get(`telegram:${chats[1]}`)).toMatchObject({ state: 'ambiguous', attempts: 1 });
    expect(records.get(`telegram:${chats[2]}`)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await product.campaigns.results.ambiguous(campaign.id)).toHaveLength(1);
    // 403 unlinks nothing: the blocked chat and everyone else stay linked.
    for (const chat of chats) expect((await product.store.chats.get(`telegram:${chat}`))!.subscriberId).not.toBeNull();
  }, 60_000);

  it('Should wait out a 429 storm with retry_after and lose no message', async () => {
    const chats = await linkedTelegramAudience(product.store, 40, 71_000);
    const stormUntil = Date.now() + 60_000;
    let storm = true;
    let answered429 = 0;
    let first429 = 0;
    let firstSent = 0;
    api.sendFault = () => {
      if (storm && Date.now() < stormUntil) {
        answered429 += 1;
        first429 ||= Date.now();
        if (answered429 >= 12) storm = false;
        return { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 };
      }
      firstSent ||= Date.now();
      return null;
    };
    const campaign = await launchMessengerSurvey(product.campaigns, 40);
    await api.waitFor(() => chats.every((c) => api.messagesTo(c).length === 1), 'every chat served', 60_000);
    await product.campaigns.dispatcher.idle();
    expect(answered429).toBe(12);
    // The first 429 paused the whole dispatch for the second Telegram asked.
    expect(firstSent - first429).toBeGreaterThanOrEqual(950);
    for (const chat of chats) expect(api.messagesTo(chat).length).toBe(1);
    expect(await product.campaigns.surveys.deliveryCounts(campaign.id)).toMatchObject({ sent: 40, pending: 0, failed: 0, ambiguous: 0 });
  }, 90_000);
});

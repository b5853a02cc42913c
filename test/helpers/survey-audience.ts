/**
 * @module Survey test set-up shared by the end-to-end, crash and benchmark runs: `n` subscribers with linked Telegram
 * chats (chat id `firstChat + i`, phone `+7701…i`, Russian for even i and Kazakh for odd), the call-list CSV that names
 * them, and a messenger campaign over a complete kk/ru questionnaire, launched through the use cases.
 */
import type { Campaigns } from '../../core/campaigns/index.ts';
import type { Campaign } from '../../core/campaigns/model.ts';
import type { Store } from '../../core/store/store.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from './spawn-product.ts';
import type { FakeTelegramApi } from './telegram-api-server.ts';
import { completeQuestionnaire, csvList, MARKETING, type CampaignFixture } from '../campaigns/fixture.ts';

export const surveyPhone = (i: number) => `+7701${String(1000000 + i).slice(-7)}`;

export async function linkedTelegramAudience(store: Store, n: number, firstChat: number): Promise<number[]> {
  const now = new Date();
  const chats: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = `sub-${i}`;
    await store.subscribers.create({
      id, fullName: `Абонент ${i + 1}`, phone: surveyPhone(i), iin: null, category: 'individual', language: i % 2 ? 'kk' : 'ru',
      notificationsMuted: false, createdAt: now,
    });
    const chat = await store.chats.touch('telegram', String(firstChat + i), now);
    await store.chats.link(chat.key, { subscriberId: id, phone: surveyPhone(i), linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000) });
    chats.push(firstChat + i);
  }
  return chats;
}

/** A messenger campaign (ends tomorrow) with the first `n` of the audience imported, launched. */
export async function launchMessengerSurvey(campaigns: Campaigns, n: number, name = 'Megaline: опрос'): Promise<Campaign> {
  const f = { campaigns } as CampaignFixture;
  const q = await completeQuestionnaire(f);
  const settings = { ...(await campaigns.defaultSettings(q.id)), name, mode: 'messenger' as const, endAt: new Date(Date.now() + 86_400_000) };
  const created = await campaigns.create(settings, MARKETING);
  if (!created.ok) throw new Error(created.reason);
  const started = await campaigns.startFileImport({ campaignId: created.value.id, fileName: 'list.csv', bytes: csvList(n), encoding: 'auto' }, MARKETING);
  if (!started.ok) throw new Error(started.reason);
  await campaigns.runner.idle();
  const launched = await campaigns.launch(created.value.id, MARKETING);
  if (!launched.ok) throw new Error(`${launched.reason} ${JSON.stringify(await campaigns.checklist(created.value.id))}`);
  return launched.value;
}

/**
 * The product on a fresh data folder (`dir`), polling the local Bot API server `api`, with a short survey-dispatch
 * lease so a test sees a dead holder's sends handed on within seconds; resolves once the bot polls.
 */
export async function startSurveyProduct(api: FakeTelegramApi, dir: string): Promise<Product> {
  const product = await startProduct({
    env: {
      PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'e2e-admin-password',
      TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, SURVEY_DISPATCH_LEASE_MS: '2000',
    },
    hostname: '127.0.0.1',
  });
  await api.waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), 'polling');
  return product;
}

/**
 * End to end through our real telegraf code against the local Bot API server: a messenger survey to 200 linked chats
 * (issue 17) — one muted beforehand is never sent to, each of the others gets the first question exactly once in its
 * language, some answer everything by buttons and text, one presses stop (and later turns surveys back on), a stale
 * button and a word where a number is asked get a clear reply and keep the first answer; the results and the CSV
 * export show exactly those answers; a later campaign skips the one who stopped and waits for the chats mid-survey.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import type { Campaign, Questionnaire } from '../../core/campaigns/model.ts';
import type { Product } from '../../main.ts';
import { FakeTelegramApi } from '../helpers/telegram-api-server.ts';
import { launchMessengerSurvey, linkedTelegramAudience, startSurveyProduct } from '../helpers/survey-audience.ts';

const ru = translator('ru');
const kk = translator('kk');
const N = 200;
const FIRST = 60_000;
const MUTED = N - 1;

let api: FakeTelegramApi;
let product: Product;
let dir: string;
let chats: number[];
let campaign: Campaign;
let q: Questionnaire;

const lang = (i: number) => (i % 2 ? 'kk' : 'ru') as 'kk' | 'ru';
const t = (i: number) => (i % 2 ? kk : ru);
const of = (i: number, n: number) => new RegExp(t(i)('campaigns:preview.of', { n, of: 5 }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const option = (i: number, question: number, k: number) => q.questions[question]!.options[k]!.text[lang(i)];

async function next(i: number, n: number): Promise<void> {
  await api.waitForMessage(chats[i]!, of(i, n), { after: api.messagesTo(chats[i]!).at(-1)!.message_id - 1 });
}

/** Answers every question: yes, two uses, NPS 9, CSAT 5, a wish. */
async function answerAll(i: number): Promise<void> {
  const chat = chats[i]!;
  await api.userPresses(chat, option(i, 0, 0));
  await next(i, 2);
  for (const k of [0, 2]) {
    await api.userPresses(chat, option(i, 1, k));
    await api.waitFor(() => api.messagesTo(chat).some((m) => m.reply_markup?.inline_keyboard?.flat().some((b) => b.text === `✓ ${option(i, 1, k)}`)), 'tick');
  }
  await api.userPresses(chat, t(i)('campaigns:preview.done'));
  await next(i, 3);
  await api.userPresses(chat, '9');
  await next(i, 4);
  await api.userPresses(chat, '5');
  await next(i, 5);
  await api.userSays(chat, `Быстрый интернет ${i}`);
  await api.waitForMessage(chat, new RegExp(`^${q.closing[lang(i)]}`));
}

beforeAll(async () => {
  api = await new FakeTelegramApi().start();
  dir = mkdtempSync(join(tmpdir(), 'survey-e2e-'));
  product = await startSurveyProduct(api, dir);
  chats = await linkedTelegramAudience(product.store, N, FIRST);
  await product.store.subscribers.setNotificationsMuted(`sub-${MUTED}`, true);
  campaign = await launchMessengerSurvey(product.campaigns, N);
  q = (await product.store.questionnaires.get(campaign.questionnaireId))!;
}, 60_000);

afterAll(async () => {
  await product?.stop();
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Messenger survey through Telegram (issue 17)', () => {
  it('Should send the first question once to each of 199 chats in its language, and nothing to the muted one', async () => {
    await api.waitFor(() => new Set(api.messages.map((m) => m.chat_id)).size >= N - 1, '199 chats reached', 45_000);
    await product.campaigns.dispatcher.idle();
    for (const [i, chat] of chats.entries()) {
      const got = api.messagesTo(chat);
      expect({ i, count: got.length }).toEqual({ i, count: i === MUTED ? 0 : 1 });
      if (i === MUTED) continue;
      expect(got[0]!.text.startsWith(q.greeting[lang(i)])).toBe(true);
      expect(got[0]!.text).toMatch(of(i, 1));
      expect(got[0]!.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual([option(i, 0, 0), option(i, 0, 1), t(i)('campaigns:survey.stop')]);
    }
    expect(await product.campaigns.surveys.deliveryCounts(campaign.id)).toMatchObject({ sent: N - 1, pending: 0, sending: 0, ambiguous: 0 });
  }, 60_000);

  it('Should take answers by buttons and text, one question at a time, with skip logic and a clear reply to bad input', async () => {
    for (let i = 0; i < 5; i += 1) await answerAll(i);

    // Stale button: the first "yes" pressed again after the survey moved on — told so, the first answer kept.
    await api.userPresses(chats[6]!, option(6, 0, 0));
    await next(6, 2);
    const first = api.messagesTo(chats[6]!)[0]!;
    await api.userPresses(chats[6]!, option(6, 0, 1), first.message_id);
    await api.waitForMessage(chats[6]!, new RegExp(ru('bot:stale.reply').slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    // "No" skips to question 4; a word where a number is asked; the optional wish skipped.
    await api.userPresses(chats[7]!, option(7, 0, 1));
    await next(7, 4);
    await api.userSays(chats[7]!, 'бес');
    await api.waitForMessage(chats[7]!, new RegExp(kk('campaigns:survey.answer.not_on_scale').slice(0, 20)));
    await api.userPresses(chats[7]!, '4');
    await next(7, 5);
    await api.userPresses(chats[7]!, kk('campaigns:survey.skip'));
    await api.waitForMessage(chats[7]!, new RegExp(`^${q.closing.kk}`));
  }, 60_000);

  it('Should opt out on "stop", honour it, and turn surveys back on in the notification settings', async () => {
    await api.userPresses(chats[5]!, kk('campaigns:survey.stop'));
    await api.waitForMessage(chats[5]!, new RegExp(kk('campaigns:survey.stopped').slice(0, 20)));
    expect(await product.store.surveyOptOuts.get('sub-5')).toMatchObject({ campaignId: campaign.id });

    const counts = await product.campaigns.surveys.deliveryCounts(campaign.id);
    expect(counts).toMatchObject({ answered: 6, opted_out: 1, sent: N - 1 - 7 });
  });

  it('Should show exactly those answers in the results and the CSV export', async () => {
    const results = (await product.campaigns.results.results(campaign.id))!;
    expect(results.tally).toMatchObject({ reached: N - 1, answered: 7, complete: 6 });
    const [q1, q2, q3, q4, q5] = results.tally.questions;
    expect(q1!.bars.map((b) => b.count)).toEqual([6, 1]);
    expect(q2!.bars.map((b) => b.count)).toEqual([5, 0, 5]);
    expect(q3!.nps).toBe(100);
    expect(q4!.bars.find((b) => b.key === '4')!.count).toBe(1);
    expect(q4!.csat).toBe(100);
    expect(q5!.texts.map((x) => x.text).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Быстрый интернет ${i}`));
    const searched = (await product.campaigns.results.results(campaign.id, {}, 'интернет 3'))!;
    expect(searched.tally.questions[4]!.texts.map((x) => x.text)).toEqual(['Быстрый интернет 3']);
    const kkOnly = (await product.campaigns.results.results(campaign.id, { language: 'kk' }))!;
    expect(kkOnly.tally.answered).toBe(3);

    let csv = '';
    for await (const chunk of (await product.campaigns.results.csv('answers', campaign.id, ru, 'ru'))!) csv += chunk;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(csv.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]!.slice(-5)).toEqual(q.questions.map((x, k) => `${k + 1}. ${x.text.ru}`));
    // Phones start with '+', so the export marks them as text (the one safeCell rule): Excel shows +7…, never computes it.
    expect(rows.slice(1).every((r) => r[0]!.startsWith("'+7"))).toBe(true);
    const byPhone = new Map(rows.slice(1).map((r) => [r[0]!.slice(1), r]));
    expect(byPhone.size).toBe(7);
    const uses = [0, 2].map((k) => q.questions[1]!.options[k]!.text.ru).join('; ');
    expect(byPhone.get('+77011000000')!.slice(-5)).toEqual([q.questions[0]!.options[0]!.text.ru, uses, '9', '5', 'Быстрый интернет 0']);
    expect(byPhone.get('+77011000007')!.slice(-5)).toEqual([q.questions[0]!.options[1]!.text.ru, '', '', '4', '']);
    expect(byPhone.get('+77011000006')!.slice(-5)).toEqual([q.questions[0]!.options[0]!.text.ru, '', '', '', '']);
    expect(byPhone.has('+77011000005')).toBe(false);
  });

  it('Should skip the subscriber who stopped in a later campaign and wait for a chat in the middle of a survey', async () => {
    const before = new Map(chats.map((c) => [c, api.messagesTo(c).length]));
    const second = await launchMessengerSurvey(product.campaigns, 10, 'Второй опрос');
    await api.waitFor(() => [0, 1, 2, 3, 4, 7].every((i) => api.messagesTo(chats[i]!).length > before.get(chats[i]!)!), 'second survey', 20_000);
    await product.campaigns.dispatcher.idle();
    expect(api.messagesTo(chats[5]!).length).toBe(before.get(chats[5]!));
    // 6, 8 and 9 are still in the first survey: theirs waits until the chat is idle.
    for (const i of [6, 8, 9]) expect(api.messagesTo(chats[i]!).length).toBe(before.get(chats[i]!));
    const records = await product.store.surveyDeliveries.list(second.id, { limit: 20 });
    expect(records.length).toBe(9);
    expect(records.filter((r) => r.state === 'pending').map((r) => r.subscriberId).sort()).toEqual(['sub-6', 'sub-8', 'sub-9']);
    expect(records.filter((r) => r.state === 'pending').every((r) => r.error === 'busy')).toBe(true);

    // Back on from the notification settings.
    const mark = api.lastMessageId;
    await api.userSays(chats[5]!, '/menu');
    await api.waitForMessage(chats[5]!, /./, { after: mark });
    await api.userPresses(chats[5]!, kk('selfservice:menu.notifications'));
    await api.waitForMessage(chats[5]!, new RegExp(kk('campaigns:survey.settings_off')));
    await api.userPresses(chats[5]!, kk('campaigns:survey.back_on'));
    await api.waitForMessage(chats[5]!, new RegExp(kk('campaigns:survey.back_on_done')));
    expect(await product.store.surveyOptOuts.get('sub-5')).toBeNull();
  }, 60_000);
});

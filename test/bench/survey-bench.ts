/**
 * @module Benchmark: a messenger survey dispatched to 5,000 linked Telegram chats (issue 17) through the product as
 * `npm start` runs it, against the local Bot API server enforcing Telegram's limit (30 messages/s per bot, burst 30):
 * the dispatch rate against that limit (target ≥ 95 %), the 429 answers (target 0) and the time from the campaign's
 * launch to the first message.
 */
import { startProduct } from '../../main.ts';
import { launchMessengerSurvey, linkedTelegramAudience } from '../helpers/survey-audience.ts';
import { BenchBotApi } from './bot-api-server.ts';
import { productEnv, type BenchContext } from './context.ts';
import { figure, type BenchResult } from './report.ts';
import { summarize } from './stats.ts';

const TOKEN = '7000009:bench-survey-token';
const LIMIT = 30;

export async function surveyBench(ctx: BenchContext): Promise<BenchResult> {
  const started = Date.now();
  const chats = ctx.quick ? 600 : 5_000;
  const api = await new BenchBotApi().start();
  api.addBot(TOKEN);
  api.limit = { perSecond: LIMIT, burst: LIMIT };
  const sentAt: number[] = [];
  api.hooks.replied = (r) => {
    if (r.method === 'sendMessage') sentAt.push(Number(r.at / 1_000_000n));
  };
  const product = await startProduct({
    env: await productEnv(ctx.dir('survey'), { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url }),
    hostname: '127.0.0.1',
  });
  try {
    await linkedTelegramAudience(product.store, chats, 100_000);
    ctx.log(`  survey: ${chats} linked chats ready`);
    sentAt.length = 0;
    const t0 = Number(process.hrtime.bigint() / 1_000_000n);
    const campaign = await launchMessengerSurvey(product.campaigns, chats);
    const launched = Number(process.hrtime.bigint() / 1_000_000n);
    const deadline = Date.now() + chats * 200;
    while (sentAt.length < chats && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await product.campaigns.dispatcher.idle();
    const counts = await product.campaigns.surveys.deliveryCounts(campaign.id);
    const first = sentAt[0]! - launched;
    const span = (sentAt[sentAt.length - 1]! - sentAt[0]!) / 1000;
    const rate = (sentAt.length - 1) / span;
    // Messages per whole second after the first, for the spread of the rate.
    const perSecond: number[] = [];
    for (const at of sentAt) perSecond[Math.floor((at - sentAt[0]!) / 1000)] = (perSecond[Math.floor((at - sentAt[0]!) / 1000)] ?? 0) + 1;
    const full = perSecond.slice(1, -1).map((n) => n ?? 0);
    return {
      id: 'survey', title: 'Messenger survey dispatch (Telegram)',
      workload: [
        `${chats} linked Telegram chats, one survey campaign launched through the use cases (questionnaire of 5 questions)`,
        `local Bot API server enforcing ${LIMIT} messages/s per bot (token bucket, burst ${LIMIT}); over it: 429 retry_after 1`,
        'embedded SQLite store; delivery record written before and after each send',
      ],
      figures: [
        figure('dispatch rate over the whole run', 'steps/s', summarize([rate])),
        figure('messages per full second', 'steps/s', summarize(full.length ? full : [rate])),
        figure('launch → first message', 'ms', summarize([first])),
        figure('launch call (seeding starts in the background)', 'ms', summarize([launched - t0])),
        figure('whole dispatch', 's', summarize([span])),
      ],
      ratios: [
        { name: 'dispatch rate / Telegram limit (30/s)', value: rate / LIMIT, how: `${sentAt.length - 1} messages in ${span.toFixed(1)} s; target ≥ 0.95` },
      ],
      notes: [
        `429 answers from the Bot API server: ${api.tooMany} (target 0)`,
        `delivery records: ${JSON.stringify(counts)}`,
      ],
      wallMs: Date.now() - started,
    };
  } finally {
    await product.stop();
    await api.stop();
  }
}

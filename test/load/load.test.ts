/**
 * Telegram under load, the slice of `npm test` (issue 20 item 11): 200 chats at once × 20 steps, sent in bursts of
 * five, through the product's real telegraf client and the local Bot API server. Every chat receives exactly the
 * replies its script gets when it runs alone, in the same order: none lost, none twice. `npm run load` runs the full
 * 1,000 chats × 20 steps with the same check (README, Performance).
 */
import { describe, expect, it } from 'vitest';
import { runTelegramLoad } from './telegram-load.ts';

describe('Telegram: many chats at once', () => {
  it('Should answer 200 concurrent chats × 20 steps with no reply lost, repeated or out of order', async () => {
    const report = await runTelegramLoad({ chats: 200, steps: 20, burst: 5 });
    expect(report.stalled).toBe(0);
    expect(report.mismatches).toEqual([]);
    expect(report.replies).toBe(report.expectedReplies);
    expect(report.expectedReplies).toBeGreaterThanOrEqual(200 * 20);
  }, 240_000);
});

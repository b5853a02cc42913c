/**
 * @module Outgoing pace for the Bot API: token buckets per chat (about 1 message a second, short bursts allowed)
 * and for the whole bot (about 30 a second), and a pause when Telegram answers 429 with `retry_after`. Two lanes share
 * the bot's bucket: replies, and broadcasts (surveys) that take a slot only while no reply waits and a few slots are
 * left over, so a live subscriber never waits behind a broadcast.
 * @see https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 */

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** No sending before this time (a 429 asked us to wait). */
  blockedUntil: number;
}

export interface PacerOptions {
  /** Sustained messages per second in one chat. */
  perChatPerSecond?: number;
  /** Messages one chat may get at once before the sustained rate applies. */
  perChatBurst?: number;
  /** Sustained messages per second over all chats. */
  globalPerSecond?: number;
  globalBurst?: number;
  /** Slots of the bot's bucket a broadcast leaves for replies. */
  bulkReserve?: number;
}

/** `reply`: an answer to a live subscriber; `bulk`: a broadcast. */
export type Lane = 'reply' | 'bulk';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Pacer {
  private readonly chats = new Map<string, Bucket>();
  private readonly global: Bucket;
  private readonly perChatRate: number;
  private readonly perChatBurst: number;
  private readonly globalRate: number;
  private readonly globalBurst: number;
  private readonly bulkReserve: number;
  /** Replies waiting for a slot: broadcasts hold back while there are any. */
  private repliesWaiting = 0;
  /** When idle chats were last forgotten: at most once a second, not on every new chat while over 10,000 are busy. */
  private sweptAt = 0;

  constructor(options: PacerOptions = {}) {
    this.perChatRate = options.perChatPerSecond ?? 1;
    this.perChatBurst = options.perChatBurst ?? 3;
    this.globalRate = options.globalPerSecond ?? 30;
    this.globalBurst = options.globalBurst ?? 10;
    this.bulkReserve = Math.min(options.bulkReserve ?? 2, this.globalBurst - 1);
    this.global = { tokens: this.globalBurst, updatedAt: Date.now(), blockedUntil: 0 };
  }

  /** Waits until one more message may go to `chatId`, and takes the slot. */
  async take(chatId: string, lane: Lane = 'reply'): Promise<void> {
    if (lane === 'reply') this.repliesWaiting += 1;
    try {
      for (;;) {
        const now = Date.now();
        const chat = this.chatBucket(chatId, now);
        refill(this.global, now, this.globalRate, this.globalBurst);
        const need = lane === 'bulk' ? 1 + this.bulkReserve : 1;
        const waitMs = Math.max(
          chat.blockedUntil - now,
          this.global.blockedUntil - now,
          chat.tokens >= 1 ? 0 : ((1 - chat.tokens) / this.perChatRate) * 1000,
          this.global.tokens >= need ? 0 : ((need - this.global.tokens) / this.globalRate) * 1000,
          lane === 'bulk' && this.repliesWaiting > 0 ? 5 : 0,
        );
        if (waitMs <= 0) {
          chat.tokens -= 1;
          this.global.tokens -= 1;
          return;
        }
        await sleep(Math.ceil(waitMs));
      }
    } finally {
      if (lane === 'reply') this.repliesWaiting -= 1;
    }
  }

  /** Telegram said "retry after N seconds" for this chat (or for the bot when `chatId` is null). */
  block(chatId: string | null, retryAfterSeconds: number): void {
    const until = Date.now() + retryAfterSeconds * 1000;
    const bucket = chatId === null ? this.global : this.chatBucket(chatId, Date.now());
    bucket.blockedUntil = Math.max(bucket.blockedUntil, until);
  }

  private chatBucket(chatId: string, now: number): Bucket {
    let bucket = this.chats.get(chatId);
    if (!bucket) {
      if (this.chats.size > 10_000 && now - this.sweptAt >= 1000) this.forgetIdle(now);
      bucket = { tokens: this.perChatBurst, updatedAt: now, blockedUntil: 0 };
      this.chats.set(chatId, bucket);
    }
    refill(bucket, now, this.perChatRate, this.perChatBurst);
    return bucket;
  }

  /** Drops chats whose bucket is full again: they behave exactly like new ones. */
  private forgetIdle(now: number): void {
    this.sweptAt = now;
    for (const [id, bucket] of this.chats) {
      refill(bucket, now, this.perChatRate, this.perChatBurst);
      if (bucket.tokens >= this.perChatBurst && bucket.blockedUntil <= now) this.chats.delete(id);
    }
  }
}

function refill(bucket: Bucket, now: number, ratePerSecond: number, burst: number): void {
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
  bucket.updatedAt = now;
}

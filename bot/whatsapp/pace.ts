/**
 * @module Outgoing pace for WhatsApp: a minimum gap between any two messages of the number, and a longer one within
 * one chat. WhatsApp bans numbers that send in machine-like bursts, and an unofficial client has no rate-limit
 * answer like Telegram's 429 to tell us, so the adapter keeps a calm, human-like rhythm on its own.
 */

export interface PaceOptions {
  /** Least time between two messages of the whole number. */
  globalGapMs?: number;
  /** Least time between two messages to one chat. */
  perChatGapMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OutgoingPace {
  private readonly globalGapMs: number;
  private readonly perChatGapMs: number;
  /** When the next message (any chat) may go. */
  private nextGlobal = 0;
  private readonly nextByChat = new Map<string, number>();

  constructor(options: PaceOptions = {}) {
    this.globalGapMs = options.globalGapMs ?? 150;
    this.perChatGapMs = options.perChatGapMs ?? 400;
  }

  /** Waits for the slot of one more message to `chatId` and takes it. Slots are handed out in call order. */
  async take(chatId: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextGlobal, this.nextByChat.get(chatId) ?? 0);
    this.nextGlobal = at + this.globalGapMs;
    this.nextByChat.set(chatId, at + this.perChatGapMs);
    if (this.nextByChat.size > 10_000) this.forgetPast(now);
    if (at > now) await sleep(at - now);
  }

  private forgetPast(now: number): void {
    for (const [chat, next] of this.nextByChat) if (next <= now) this.nextByChat.delete(chat);
  }
}

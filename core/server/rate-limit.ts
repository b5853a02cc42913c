/** @module A small in-memory token bucket per key (web-chat session, client address) against floods. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `burst` requests at once, then `perMinute` sustained. */
  constructor(private readonly burst: number, private readonly perMinute: number) {}

  /** True when the request may go ahead (and counts it). */
  allow(key: string, now = Date.now()): boolean {
    if (this.buckets.size > 50_000) this.buckets.clear(); // a flood of keys: start over rather than grow
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return allowed;
  }
}

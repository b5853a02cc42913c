/**
 * @module Rate limit for sign-in attempts per client address + e-mail: at most `max` attempts in a sliding window.
 * In memory, per instance: the per-account lockout (core/users/authenticate.ts) is the durable, shared defence;
 * this one stops a single client hammering one address, including addresses that do not exist.
 */
import type { Clock } from '../../core/ports/clock.ts';

export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Counts an attempt; false when the key already used up its window (the attempt must be refused). */
  hit(key: string): boolean {
    const now = this.clock.now().getTime();
    const recent = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((t) => t <= now - this.windowMs)) this.attempts.delete(key);
    }
  }
}

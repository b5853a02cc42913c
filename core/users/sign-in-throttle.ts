/**
 * @module Console sign-in throttling (issue 20 item 4): wrong passwords slow down the client that types them, never
 * lock the account. Per client address + account, the first `freeAttempts` failures in 24 hours cost nothing; after
 * that each try must wait 30 s after the last failure, doubling with every further failure, at most `maxDelayMs`.
 * Per client address over all accounts (password spraying), at most `SPRAY_LIMIT` failures an hour. A successful
 * sign-in clears that client's failures for that account. The real person at another address signs in as usual.
 * Hits are in the shared throttle store (core/throttle), so every instance applies the same delays.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import { throttleKey } from '../throttle/keys.ts';
import type { UserRepositories } from './repository.ts';

const FAILED = 'login.failed';
const SPRAY = 'login.failed.client';
const FIRST_DELAY_MS = 30_000;
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;
/** Failures one client address may make over all accounts in an hour. */
export const SPRAY_LIMIT = 30;

export interface SignInThrottleOptions {
  freeAttempts: number;
  maxDelayMs: number;
}

/**
 * The wait after `failures` failures, the last one at `last`.
 * @example delayAfter(6, { freeAttempts: 5, maxDelayMs: 900_000 }) // 60_000
 */
export function delayAfter(failures: number, options: SignInThrottleOptions): number {
  if (failures < options.freeAttempts) return 0;
  return Math.min(options.maxDelayMs, FIRST_DELAY_MS * 2 ** (failures - options.freeAttempts));
}

export class SignInThrottle {
  constructor(private readonly store: Pick<UserRepositories, 'audit' | 'throttle'>, private readonly clock: Clock, private readonly options: SignInThrottleOptions) {}

  private key(client: string, email: string): string {
    return throttleKey('client', client, 'account', email);
  }

  /** Milliseconds this client must wait before trying this account again; 0 when it may try now. */
  async wait(client: string, email: string): Promise<number> {
    const now = this.clock.now().getTime();
    const failures = await this.store.throttle.times(FAILED, this.key(client, email), new Date(now - DAY));
    const last = failures.at(-1)?.getTime() ?? 0;
    const own = Math.max(0, last + delayAfter(failures.length, this.options) - now);
    const spray = await this.store.throttle.times(SPRAY, throttleKey('client', client), new Date(now - HOUR));
    const sprayWait = spray.length >= SPRAY_LIMIT ? spray[spray.length - SPRAY_LIMIT]!.getTime() + HOUR - now : 0;
    return Math.max(own, sprayWait);
  }

  /** Counts a wrong password; returns the wait it now imposes, and whether this failure started the delays. */
  async failed(client: string, email: string): Promise<{ waitMs: number; startedNow: boolean }> {
    const at = this.clock.now();
    const expiresAt = new Date(at.getTime() + DAY);
    await this.store.throttle.hit({ scope: FAILED, key: this.key(client, email), value: null, at, expiresAt });
    await this.store.throttle.hit({ scope: SPRAY, key: throttleKey('client', client), value: null, at, expiresAt });
    const failures = (await this.store.throttle.times(FAILED, this.key(client, email), new Date(at.getTime() - DAY))).length;
    return { waitMs: await this.wait(client, email), startedNow: failures === this.options.freeAttempts };
  }

  async succeeded(client: string, email: string): Promise<void> {
    await this.store.throttle.clear(FAILED, this.key(client, email));
  }
}

/** Writes `user.sign_in_delayed` when a client starts being slowed down for an account (never the password). */
export async function auditDelay(store: Pick<UserRepositories, 'audit' | 'throttle'>, clock: Clock, userId: string | null, client: string, delayMs: number): Promise<void> {
  await store.audit.append({
    id: randomUUID(), at: clock.now(), actorType: 'system', actorId: null, action: 'user.sign_in_delayed', entity: 'user',
    entityId: userId, details: { client, delaySeconds: Math.round(delayMs / 1000) },
  });
}

/**
 * @module The WhatsApp connection manager: owns the whatsapp-web.js client's whole life. It takes the session lease
 * (one owner across instances; the others stay in `standby` and start no browser), starts the client, follows its
 * events (qr → authenticated → ready, disconnected, auth_failure), and when the client fails or drops it closes the
 * browser and tries again after 5 s, 10 s, 20 s … up to 5 minutes. Every failure is contained here: it is logged,
 * written to the audit log for administrators, published as `channel.state_changed`, and never thrown to callers,
 * so a failing WhatsApp never takes the other channels down.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { UserActor } from '../../core/users/audit.ts';
import { DEFAULT_TIMING, SESSION_LEASE, retryDelay, type ConnectionOptions, type ConnectionTiming } from './connection-options.ts';
import { auditChannel, initialStatus, nextStatus, problemLine, type StatusPatch } from './connection-status.ts';
import { problemOf, type StatusListener, type WhatsAppControl, type WhatsAppProblem, type WhatsAppState, type WhatsAppStatus } from './status.ts';
import { closeClient, followClient, quietly } from './client-events.ts';
import type { WaClient } from './wire.ts';

export { DEFAULT_TIMING, SESSION_LEASE, type ConnectionOptions, type ConnectionRepositories, type ConnectionTiming } from './connection-options.ts';

export class WhatsAppConnection implements WhatsAppControl {
  readonly ownerId: string;
  private readonly timing: ConnectionTiming;
  private readonly listeners = new Set<StatusListener>();
  private current: WhatsAppStatus;
  private client: WaClient | null = null;
  /** Settles when the current client's `initialize()` does. */
  private initializing: Promise<void> = Promise.resolve();
  /** Bumped for every client; events of an older client are ignored. */
  private generation = 0;
  private running = false;
  private owner = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  /** Lifecycle work (connect, tear down) runs one step at a time. */
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConnectionOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.ownerId = options.ownerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.current = initialStatus(options.clock.now());
  }

  // === What the console and the channel read

  status(): WhatsAppStatus {
    return { ...this.current };
  }

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The client, only while it is ready to send. */
  readyClient(): WaClient | null {
    return this.current.state === 'ready' ? this.client : null;
  }

  // === Lifecycle

  /** Starts taking the lease and connecting in the background. Never throws. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.checkLease();
  }

  /** Closes the browser, releases the lease and stops every timer. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimers();
    await this.serially(() => this.teardown());
    if (this.owner) {
      this.owner = false;
      await this.options.store.leases.release(SESSION_LEASE, this.ownerId).catch((err: unknown) => this.options.logger.warn({ err }, 'WhatsApp lease not released'));
    }
    this.set('off', { failures: 0 });
  }

  async logout(actor: UserActor): Promise<void> {
    if (!this.running || !this.owner) return;
    await this.audit(actor, 'whatsapp.logged_out', { phone: this.current.phone });
    this.options.logger.info('WhatsApp logout requested from the console');
    await this.serially(async () => {
      const client = this.readyClient();
      // The library tells WhatsApp to unlink the device and deletes the LocalAuth folder itself.
      if (client) await client.logout().catch((err: unknown) => this.options.logger.warn({ err }, 'WhatsApp logout call failed'));
      await this.teardown();
      await this.options.clearSession().catch((err: unknown) => this.options.logger.error({ err }, 'WhatsApp session folder not deleted'));
    });
    this.restartNow();
  }

  async relink(actor: UserActor): Promise<void> {
    if (!this.running || !this.owner) return;
    await this.audit(actor, 'whatsapp.relinked', { from: this.current.state });
    await this.serially(() => this.teardown());
    this.restartNow();
  }

  // === Lease: one owner across instances

  private async checkLease(): Promise<void> {
    if (!this.running) return;
    const { store, clock, logger } = this.options;
    try {
      const held = await store.leases.acquire(SESSION_LEASE, this.ownerId, clock.now(), this.timing.leaseTtlMs);
      if (held && !this.owner) {
        this.owner = true;
        logger.info('WhatsApp session lease taken; starting the client');
        this.connectSoon(0);
      } else if (!held) {
        if (this.owner) {
          // Another instance took over (we could not renew in time): it runs the browser now, not us.
          logger.warn('WhatsApp session lease lost; closing the browser');
          this.owner = false;
          this.clearRetry();
          await this.serially(() => this.teardown());
        }
        const holder = await store.leases.holder(SESSION_LEASE, clock.now());
        if (this.current.state !== 'standby' || this.current.holder !== holder) this.set('standby', { holder, failures: 0 });
      }
    } catch (err) {
      logger.error({ err }, 'WhatsApp session lease check failed; will try again');
    }
    if (!this.running) return;
    this.leaseTimer = setTimeout(() => void this.checkLease(), this.owner ? this.timing.leaseRenewMs : this.timing.standbyCheckMs);
    this.leaseTimer.unref();
  }

  // === Connecting

  private restartNow(): void {
    this.clearRetry();
    this.current.failures = 0;
    this.connectSoon(0);
  }

  private connectSoon(delayMs: number): void {
    this.clearRetry();
    const go = () => {
      this.retryTimer = null;
      void this.serially(() => this.connect());
    };
    if (delayMs <= 0) return go();
    this.retryTimer = setTimeout(go, delayMs);
    this.retryTimer.unref();
  }

  private async connect(): Promise<void> {
    if (!this.running || !this.owner) return;
    await this.teardown();
    const generation = ++this.generation;
    this.set('starting', {});
    let client: WaClient;
    try {
      client = await this.options.createClient();
    } catch (err) {
      return this.failed(generation, problemOf(err));
    }
    this.client = client;
    this.listen(client, generation);
    this.armWatchdog(generation);
    // Not awaited: initialize() resolves only once WhatsApp Web has loaded, and may take very long offline.
    this.initializing = client.initialize().then(
      () => {
        if (generation !== this.generation) void quietly(client.destroy());
      },
      (err: unknown) => {
        if (generation !== this.generation) return void quietly(client.destroy());
        this.failed(generation, problemOf(err));
      },
    );
  }

  private listen(client: WaClient, generation: number): void {
    const { logger } = this.options;
    followClient(client, () => generation === this.generation && this.running, {
      qr: (qr) => {
        this.disarmWatchdog();
        this.set('qr', { qr, failures: 0 });
      },
      authenticated: () => {
        // Syncing the chats may take a while; the watchdog waits for "ready" afresh.
        this.armWatchdog(generation);
        this.set('authenticated', {});
      },
      ready: (phone) => {
        this.disarmWatchdog();
        this.set('ready', { phone, failures: 0 });
        logger.info('WhatsApp connected');
        void this.audit({ type: 'system' }, 'whatsapp.connected', { phone });
      },
      failed: (problem) => this.failed(generation, problem),
      dropped: (reason) => this.dropped(generation, reason),
      message: (message) => this.options.onMessage(message),
    }, logger);
  }

  /** The client could not start or lost its authentication: close it and try again later. */
  private failed(generation: number, problem: WhatsAppProblem): void {
    if (generation !== this.generation || !this.running) return;
    const { failures, delay, retryAt } = this.nextAttempt();
    // One alert per streak: the count goes back to 0 once a QR code or "ready" shows the connection works.
    const first = failures === 1;
    this.options.logger.error({ problem: problem.code, detail: problem.detail, failures, retryInMs: delay }, 'WhatsApp client failed; will retry');
    this.set('failed', { problem, failures, retryAt });
    if (first) void this.audit({ type: 'system' }, 'whatsapp.failed', { problem: problem.code, detail: problem.detail, retryAt: retryAt.toISOString() });
    void this.serially(() => this.teardown());
    this.connectSoon(delay);
  }

  /** WhatsApp dropped a working connection (phone unlinked the device, conflict, …): reconnect with backoff. */
  private dropped(generation: number, reason: string): void {
    if (generation !== this.generation || !this.running) return;
    const { failures, delay, retryAt } = this.nextAttempt();
    this.options.logger.warn({ reason, retryInMs: delay }, 'WhatsApp disconnected; will reconnect');
    this.set('disconnected', { problem: { code: 'disconnected', detail: reason }, failures, retryAt, phone: this.current.phone });
    void this.audit({ type: 'system' }, 'whatsapp.disconnected', { reason, retryAt: retryAt.toISOString() });
    void this.serially(() => this.teardown());
    this.connectSoon(delay);
  }

  /** The failure count, delay and time of the attempt after one more failure. */
  private nextAttempt(): { failures: number; delay: number; retryAt: Date } {
    const failures = this.current.failures + 1;
    const delay = retryDelay(this.timing, failures);
    return { failures, delay, retryAt: new Date(this.options.clock.now().getTime() + delay) };
  }

  private armWatchdog(generation: number): void {
    this.disarmWatchdog();
    const seconds = Math.round(this.timing.startTimeoutMs / 1000);
    this.watchdog = setTimeout(() => this.failed(generation, { code: 'timeout', detail: `no QR code or ready state within ${seconds} s` }), this.timing.startTimeoutMs);
    this.watchdog.unref();
  }

  private disarmWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Closes the current client's browser (if any). Events it still emits are ignored from here on. */
  private async teardown(): Promise<void> {
    this.disarmWatchdog();
    const client = this.client;
    if (!client) return;
    this.client = null;
    this.generation += 1;
    await closeClient(client, this.initializing);
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task).catch((err: unknown) => this.options.logger.error({ err }, 'WhatsApp connection step failed'));
    this.work = next;
    return next;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearTimers(): void {
    this.clearRetry();
    this.disarmWatchdog();
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = null;
  }

  // === State and alerts

  private set(state: WhatsAppState, patch: StatusPatch): void {
    const previous = this.current;
    this.current = nextStatus(previous, state, patch, this.options.clock.now());
    const snapshot = this.status();
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (err) {
        this.options.logger.error({ err }, 'WhatsApp status listener failed');
      }
    }
    if (previous.state !== state) {
      void this.options.events?.emit('channel.state_changed', { channel: 'whatsapp', state, problem: problemLine(this.current) });
    }
  }

  private audit(actor: UserActor, action: string, details: Record<string, unknown>): Promise<void> {
    return auditChannel(this.options, actor, action, details);
  }
}

/**
 * @module A stand-in for whatsapp-web.js's `Client` with the library's own event and method surface (an
 * EventEmitter with `initialize`, `sendMessage`, `logout`, `destroy`, `info`; events `qr`, `authenticated`, `ready`,
 * `disconnected`, `auth_failure`, `message`), and messages shaped like the library's `Message`. WhatsApp Web cannot
 * be reached from a test, so this is the third-party boundary the adapter is driven through. `FakeWhatsApp` plays the
 * phone and WhatsApp's servers: it hands out clients, shows QR codes, links a number, and lets people write.
 */
import { EventEmitter } from 'node:events';
import type { WaClient, WaClientInfo, WaMessage } from '../../bot/whatsapp/wire.ts';

export interface SentMessage {
  chatId: string;
  text: string;
  id: string;
}

/** What the next `initialize()` does: show a QR code, restore a saved session, or fail like the library does offline. */
export type StartScript = { kind: 'qr'; qr: string } | { kind: 'session' } | { kind: 'fail'; error: string } | { kind: 'hang' };

export class FakeWaClient extends EventEmitter implements WaClient {
  info: WaClientInfo | undefined = undefined;
  destroyed = false;
  loggedOut = false;
  private abort: (() => void) | null = null;

  constructor(private readonly world: FakeWhatsApp, private readonly script: StartScript) {
    super();
  }

  async initialize(): Promise<void> {
    await Promise.resolve();
    switch (this.script.kind) {
      case 'fail':
        throw new Error(this.script.error);
      case 'qr':
        this.emit('qr', this.script.qr);
        return;
      case 'session':
        this.world.restore(this);
        return;
      case 'hang':
        // Like puppeteer's page.goto() when the browser is closed under it.
        return new Promise((_, reject) => {
          this.abort = () => reject(new Error('Protocol error (Page.navigate): Target closed'));
        });
    }
  }

  async sendMessage(chatId: string, content: string): Promise<{ id: { _serialized: string } }> {
    if (this.destroyed || !this.info) throw new Error('Evaluation failed: client is not ready');
    return { id: { _serialized: this.world.record(chatId, content) } };
  }

  async logout(): Promise<void> {
    this.loggedOut = true;
    this.world.session = null;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.abort?.();
  }

  /** The phone scanned the QR code: authenticated, then ready with the number. */
  link(phone: string): void {
    this.world.session = phone;
    this.world.restore(this);
  }
}

export class FakeWhatsApp {
  readonly clients: FakeWaClient[] = [];
  readonly sent: SentMessage[] = [];
  /** The linked number LocalAuth would have saved; null when not linked. */
  session: string | null = null;
  /** Scripts for the next clients, in order; when empty, a fresh QR code (or the saved session). */
  readonly next: StartScript[] = [];
  private sequence = 0;
  private qrCount = 0;
  private readonly waiters = new Set<() => void>();

  /** The factory the adapter is given instead of the real client. */
  readonly createClient = async (): Promise<WaClient> => {
    const script = this.next.shift() ?? (this.session ? { kind: 'session' as const } : { kind: 'qr' as const, qr: this.newQr() });
    const client = new FakeWaClient(this, script);
    this.clients.push(client);
    this.changed();
    return client;
  };

  get current(): FakeWaClient {
    const client = this.clients.at(-1);
    if (!client) throw new Error('no WhatsApp client was created yet');
    return client;
  }

  newQr(): string {
    this.qrCount += 1;
    return `2@fakeRef${this.qrCount},pubKeyAbc${this.qrCount}==,identityKey${this.qrCount}==,advSecret${this.qrCount}==`;
  }

  /** Emits a new QR code on the current client, as the library does every ~20 s while waiting for the scan. */
  refreshQr(): string {
    const qr = this.newQr();
    this.current.emit('qr', qr);
    return qr;
  }

  restore(client: FakeWaClient): void {
    const user = this.session ?? '77000000000';
    client.info = { wid: { user, _serialized: `${user}@c.us` }, pushname: 'Kazakhtelecom' };
    client.emit('authenticated');
    client.emit('ready');
  }

  /** Someone writes to the bot's number. */
  says(from: string, body: string, extra: Partial<WaMessage> = {}): WaMessage {
    const message = this.message(from, { type: 'chat', body, ...extra });
    this.current.emit('message', message);
    return message;
  }

  /** Someone sends a message of another type (image, ptt, location, vcard…). */
  sends(from: string, type: string, extra: Partial<WaMessage> = {}): WaMessage {
    const message = this.message(from, { type, body: '', ...extra });
    this.current.emit('message', message);
    return message;
  }

  /** A message object shaped like the library's `Message` (the fields it fills from WhatsApp Web's model). */
  message(from: string, fields: Partial<WaMessage> & { type: string; body: string }): WaMessage {
    this.sequence += 1;
    const id = `3EB0${String(this.sequence).padStart(16, '0')}`;
    return {
      id: { fromMe: false, id, _serialized: `false_${from}_${id}` },
      from,
      fromMe: false,
      isStatus: from === 'status@broadcast',
      vCards: [],
      author: undefined,
      ...fields,
    } as WaMessage;
  }

  record(chatId: string, text: string): string {
    this.sequence += 1;
    const id = `true_${chatId}_3EB0${String(this.sequence).padStart(16, '0')}`;
    this.sent.push({ chatId, text, id });
    this.changed();
    return id;
  }

  messagesTo(chatId: string): SentMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  /** Waits until the bot sends `chatId` a message matching `pattern` (after the `after`-th message to it). */
  async waitForMessage(chatId: string, pattern: RegExp, options: { after?: number; timeoutMs?: number } = {}): Promise<SentMessage> {
    return this.waitFor(() => this.messagesTo(chatId).slice(options.after ?? 0).find((m) => pattern.test(m.text)), options.timeoutMs, `a message to ${chatId} matching ${pattern}`);
  }

  /** Waits until `probe` returns something truthy, re-checking after every change. */
  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; sent so far:\n${this.sent.map((m) => `${m.chatId}: ${m.text}`).join('\n---\n')}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          resolve();
        };
        this.waiters.add(done);
        setTimeout(done, 50);
      });
    }
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** A vCard as WhatsApp shares a contact: the number in `waid` and formatted in the value. */
export function vcardOf(name: string, digits: string): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `N:;${name};;;`, `FN:${name}`, `TEL;type=CELL;type=VOICE;waid=${digits}:+${digits.slice(0, 1)} ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`, 'END:VCARD'].join('\n');
}

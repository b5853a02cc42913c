/**
 * @module A web-chat client for tests that speaks the page's HTTP API exactly as the page script does: the session
 * cookie from `/`, the bot's messages from the server-sent events of `/webchat/events` (edits replace a message by
 * id), the subscriber's input as same-origin JSON posts to `/webchat/send`, and a new cookie (and a reconnect)
 * when the server rotates the session.
 */
import type { WebChatSessions } from '../../bot/webchat/sessions.ts';
import type { WebChatMessage } from '../../bot/webchat/webchat-channel.ts';

export class WebChatClient {
  readonly messages: WebChatMessage[] = [];
  private cookie = '';
  /** The session token in the cookie (a browser's, so a test can replay it elsewhere). */
  token = '';
  /** How many times the server rotated this client's session. */
  rotations = 0;
  private abort = new AbortController();
  private clientSeq = 0;

  /**
   * `postUrl`: where the posts go, when not to `baseUrl` (two instances behind a load balancer without sticky
   * sessions: the page's stream on one, its posts served by another).
   */
  constructor(private readonly baseUrl: string, private readonly headers: Record<string, string> = {}, private readonly postUrl = baseUrl) {}

  /**
   * Opens the page (gets the session cookie) and subscribes to the bot's messages. With `token`, the browser already
   * holds that cookie (a test of a planted or copied one).
   */
  async open(token?: string): Promise<this> {
    const page = await fetch(`${this.baseUrl}/`, { headers: { ...this.headers, ...(token ? { cookie: `wc_session=${token}` } : {}) } });
    if (token) {
      this.token = token;
      this.cookie = `wc_session=${token}`;
    }
    this.takeCookie(page);
    await this.listen();
    return this;
  }

  private takeCookie(response: Response): void {
    const token = /wc_session=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1];
    if (!token) return;
    this.token = token;
    this.cookie = `wc_session=${token}`;
  }

  private async listen(): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    const events = await fetch(`${this.baseUrl}/webchat/events`, { headers: { ...this.headers, cookie: this.cookie }, signal: this.abort.signal });
    void this.read(events);
  }

  /** The chat's external id in the store, from the session its cookie opens. */
  async externalId(sessions: WebChatSessions): Promise<string> {
    const session = await sessions.resolve(this.token);
    if (!session) throw new Error('the client\'s cookie opens no session');
    return session.externalId;
  }

  close(): void {
    this.abort.abort();
  }

  say(text: string): Promise<void> {
    return this.post(text.startsWith('/') ? { kind: 'command', name: text.slice(1) } : { kind: 'text', text });
  }

  /** Types `text` and presses Enter, exactly as the page posts it (slash commands included, as text). */
  type(text: string): Promise<void> {
    return this.post({ kind: 'text', text });
  }

  /** Posts a press of choice `id` on the menu `token` (an old button, as a page left open would). */
  pressOld(id: string, token: string | null, label = id): Promise<void> {
    return this.post({ kind: 'choice', id, token, label });
  }

  /** Presses the button whose label matches, on the newest bot message that has one (waiting for it to arrive). */
  async press(label: RegExp | string, timeoutMs = 10_000): Promise<void> {
    const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = [...this.messages].reverse().find((m) => m.from === 'bot' && m.choices.some((c) => matches(c.label)));
      const choice = message?.choices.find((c) => matches(c.label));
      if (message && choice) return this.post({ kind: 'choice', id: choice.id, token: message.menuToken, message: message.id, label: choice.label });
      if (Date.now() > deadline) throw new Error(`no button ${String(label)}; last: ${this.messages.at(-1)?.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The first bot message (oldest first) matching, waiting for it to arrive. */
  async waitFor(match: RegExp, timeoutMs = 10_000): Promise<WebChatMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.from === 'bot' && match.test(m.text));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no web-chat message matching ${match}; got:\n${this.messages.map((m) => m.text).join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits until the newest bot message matches (a fresh answer, not an older one with the same words). */
  async waitForLast(match: RegExp, timeoutMs = 10_000): Promise<WebChatMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = [...this.messages].reverse().find((m) => m.from === 'bot');
      if (last && match.test(last.text)) return last;
      if (Date.now() > deadline) throw new Error(`the last web-chat message does not match ${match}: ${last?.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async post(body: Record<string, unknown>): Promise<void> {
    const status = await this.send({ ...body, clientId: `c${(this.clientSeq += 1)}` });
    if (status !== 202) throw new Error(`web-chat post answered ${status}`);
  }

  /**
   * Posts any body as the page would (a string is sent as it is, e.g. broken JSON), after the posts before it, and
   * returns the status; follows a rotation of the session like the page does.
   */
  send(body: unknown): Promise<number> {
    // One after another, as the page posts (a post in flight while the session rotates would carry a void cookie).
    const sent = this.sending.then(() => this.sendNow(body));
    this.sending = sent.then(() => undefined, () => undefined);
    return sent;
  }

  private sending: Promise<void> = Promise.resolve();

  private async sendNow(body: unknown): Promise<number> {
    const response = await fetch(`${this.postUrl}/webchat/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.postUrl, cookie: this.cookie, 'accept-language': 'kk', ...this.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (response.status !== 202) {
      await response.body?.cancel();
      return response.status;
    }
    if (((await response.json()) as { rotated?: boolean }).rotated) {
      this.rotations += 1;
      this.takeCookie(response);
      await this.listen();
    }
    return response.status;
  }

  private async read(response: Response): Promise<void> {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event !== 'message' || !data) continue;
          const message = JSON.parse(data) as WebChatMessage;
          const at = this.messages.findIndex((m) => m.id === message.id);
          if (at >= 0) this.messages[at] = message;
          else this.messages.push(message);
        }
      }
    } catch {
      // closed by the test
    }
  }
}

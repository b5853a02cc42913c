/**
 * @module One page's event stream (server-sent events): the body of its `/webchat/events` response. The events of one
 * turn of the event loop leave as one chunk — a step's own message, its answered menu and the reply often come
 * together — written straight into the response's stream: hono's `streamSSE` put two more web streams and a promise
 * chain in front of every event, ≈ 85 µs of a web-chat step (issue 21). A page that stops reading is let go once a
 * megabyte waits for it (it reconnects and reads the history), so an open tab can never hold the server's memory.
 */

/** Unread bytes after which a stream is ended rather than kept growing. */
const MAX_UNREAD = 1024 * 1024;

export class EventStream {
  readonly body: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private pending = '';
  private unread = 0;
  private ended = false;
  private readonly encoder = new TextEncoder();

  /** `gone` is called once when the page goes away (or stops reading), not when `end()` is called. */
  constructor(private readonly gone: () => void) {
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: () => {
          this.unread = 0;
        },
        cancel: () => this.leave(),
      },
      { highWaterMark: 0 },
    );
  }

  /** Queues an event (`data` as one JSON line); it leaves with the others of this turn. */
  send(event: string, data: unknown): void {
    this.queue(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line (keep-alive): proxies see traffic, the page sees nothing. */
  comment(text: string): void {
    this.queue(`: ${text}\n\n`);
  }

  /** Sends what is queued and ends the stream. */
  end(): void {
    if (this.ended) return;
    this.flush();
    this.ended = true;
    this.controller.close();
  }

  private queue(text: string): void {
    if (this.ended) return;
    if (this.pending === '') setImmediate(() => this.flush());
    this.pending += text;
  }

  private flush(): void {
    if (this.ended || this.pending === '') return;
    const chunk = this.encoder.encode(this.pending);
    this.pending = '';
    this.unread += chunk.byteLength;
    if (this.unread > MAX_UNREAD) return this.leave(new Error('the page stopped reading its event stream'));
    this.controller.enqueue(chunk);
  }

  /** The page went away (`cancel`), or stopped reading (`why`: the response is dropped with what waits in it). */
  private leave(why?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.pending = '';
    if (why) this.controller.error(why);
    this.gone();
  }
}
